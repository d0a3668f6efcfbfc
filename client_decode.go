package errcode

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/octopus-go/errcode/internal/wire"
)

// wireBody is what FromBody reads from a body.
type wireBody struct {
	ErrorCode wireText  `json:"error_code"`
	ErrorMsg  wireText  `json:"error_msg"`
	Code      wireText  `json:"code"`
	Message   wireText  `json:"message"`
	RequestID wireText  `json:"request_id"`
	Error     *wireBody `json:"error"`
}

// wireText is a value of a body as text: the inside of a JSON string, or a
// number as it was written (107002, not 107002.0). Any other value is no
// text. It is a slice of the bytes decoded, copied by [wireBody.texts].
type wireText []byte

// UnmarshalJSON sets *t from b, a valid JSON value.
func (t *wireText) UnmarshalJSON(b []byte) error {
	switch c := b[0]; {
	case c == '"':
		if s := b[1 : len(b)-1]; bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
			*t = s
			return nil
		}
		var s string // escapes, or invalid UTF-8 to replace
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = []byte(s)
	case c == '-' || '0' <= c && c <= '9':
		*t = b
	default:
		*t = nil
	}
	return nil
}

// A decoder decodes bodies with an encoding/json Decoder, kept in a pool
// with its wireBody: json.Unmarshal makes its decode state afresh for each
// body (4 allocations), a Decoder keeps it from one value to the next.
type decoder struct {
	r   bytes.Reader
	dec *json.Decoder
	w   wireBody
}

var decoders = sync.Pool{New: func() any {
	d := new(decoder)
	d.dec = json.NewDecoder(&d.r)
	return d
}}

// maxPooledBodyBytes is the longest body a pooled decoder decodes, so that
// the pool holds no large buffer; a longer one is left to json.Unmarshal,
// which needs no buffer of its own.
const maxPooledBodyBytes = 4 << 10

// decode fills e from body with encoding/json. A value of the wrong type
// leaves its field empty; a body that is not a JSON object, or one without
// a code or a message, gives an excerpt, and the request id all the same.
func (e *ResponseError) decode(body []byte) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	code, msg, id, ok := unmarshal(body)
	if !ok {
		e.Excerpt = excerpt(body)
		return
	}
	if e.RequestID == "" {
		e.RequestID = id
	}
	if code == "" && msg == "" {
		e.Excerpt = excerpt(body)
		return
	}
	e.WireCode, e.Message = code, msg
	e.Code = pick(code, e.StatusCode, msg)
}

// unmarshal returns the code, message and request id of body, as
// json.Unmarshal into a wireBody finds them; ok is false when body is not
// one JSON value.
func unmarshal(body []byte) (code, msg, id string, ok bool) {
	if len(body) > maxPooledBodyBytes {
		var w wireBody
		if err := json.Unmarshal(body, &w); err == nil || isTypeError(err) {
			code, msg, id = w.texts()
			ok = true
		}
		return code, msg, id, ok
	}
	d := decoders.Get().(*decoder)
	d.r.Reset(body)
	if err := d.dec.Decode(&d.w); err == nil || isTypeError(err) {
		code, msg, id = d.w.texts() // copies, before Token reads into the buffer
		_, err = d.dec.Token()
		ok = err == io.EOF // nothing follows the value, as Unmarshal requires
	}
	d.w = wireBody{}
	if ok {
		decoders.Put(d)
	}
	return code, msg, id, ok
}

// isTypeError reports whether err is a value of the wrong type, which
// leaves its field empty and the rest decoded.
func isTypeError(err error) bool {
	_, ok := err.(*json.UnmarshalTypeError)
	return ok
}

// texts returns a copy of the code, message and request id of a body, as
// [wireBody.fields] finds them, in one string which they slice.
func (w *wireBody) texts() (code, msg, id string) {
	c, m, i := w.fields()
	var b strings.Builder
	b.Grow(len(c) + len(m) + len(i))
	b.Write(c)
	b.Write(m)
	b.Write(i)
	s := b.String()
	return s[:len(c)], s[len(c) : len(c)+len(m)], s[len(c)+len(m):]
}

// fields returns the code, message and request id of a body: the code and
// message of the top-level object, or else of its "error" object, at any
// depth; the request id of the top-level object, or else of its "error"
// object.
func (w *wireBody) fields() (code, msg, id wireText) {
	code, msg, id = first(w.ErrorCode, w.Code), first(w.ErrorMsg, w.Message), w.RequestID
	if in := w.Error; in != nil {
		if len(code) == 0 && len(msg) == 0 {
			code, msg, _ = in.fields()
		}
		id = first(id, in.RequestID)
	}
	return code, msg, id
}

func first(a, b wireText) wireText {
	if len(a) > 0 {
		return a
	}
	return b
}

// maxEncodings bounds the content codings decompress undoes, and the
// field lines it reads them from.
const maxEncodings = 4

// decompress returns body decoded as the Content-Encoding field lines
// codings say, last coding first: gzip (x-gzip), deflate (zlib, or raw as
// some servers send it) and identity, each to at most maxBodyBytes however
// much it would inflate; a body cut short gives what it held, except in raw
// deflate, which must end as a stream ends to be taken for one. A body that
// is not in the coding its header names, such as a proxy's plain page
// labelled gzip, or one in a coding it does not know (br), is returned as
// it is, with a note that says so, for when it is not readable text either;
// so is a body in more than maxEncodings codings or field lines, whose
// codings past those are not read, so that the work is the same for a
// header of any length.
func decompress(codings []string, body []byte) (out []byte, note string) {
	if len(codings) > maxEncodings {
		return body, "[" + strconv.Itoa(len(body)) + "-byte body in " + strconv.Itoa(len(codings)) + " Content-Encoding field lines, not decoded]"
	}
	list, ok := contentCodings(codings)
	if !ok {
		return body, "[" + strconv.Itoa(len(body)) + "-byte body in more than " + strconv.Itoa(maxEncodings) + " content codings, not decoded]"
	}
	for i := len(list) - 1; i >= 0; i-- {
		var r io.Reader
		var err error
		raw := false // raw deflate has no header to check: any bytes start one
		switch list[i] {
		case "gzip", "x-gzip":
			r, err = gzip.NewReader(bytes.NewReader(body))
		case "deflate":
			if r, err = zlib.NewReader(bytes.NewReader(body)); err != nil {
				r, err, raw = flate.NewReader(bytes.NewReader(body)), nil, true
			}
		default:
			err = errors.ErrUnsupported
		}
		if err == nil {
			var decoded []byte
			decoded, err = io.ReadAll(io.LimitReader(r, maxBodyBytes))
			if len(decoded) > 0 && (err == nil || !raw) {
				body, err = decoded, nil
			}
		}
		if err != nil {
			name, _ := wire.Cut(list[i], 32)
			return body, "[" + strconv.Itoa(len(body)) + "-byte body in Content-Encoding " + name + ", not decoded]"
		}
	}
	return body, ""
}

// contentCodings returns the codings that Content-Encoding field lines
// list, in order and in lower case, identity left out; ok is false when
// they are more than maxEncodings, and then no more of them is read.
func contentCodings(lines []string) (list []string, ok bool) {
	for _, line := range lines {
		for c := range strings.SplitSeq(line, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				if list = append(list, c); len(list) > maxEncodings {
					return nil, false
				}
			}
		}
	}
	return list, true
}
