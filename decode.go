package errcode

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// wireBody is what FromBody reads from a body.
type wireBody struct {
	ErrorCode                   wireText  `json:"error_code"`
	ErrorMsg                    wireText  `json:"error_msg"`
	Code                        wireText  `json:"code"`
	Message                     wireText  `json:"message"`
	RequestID                   wireText  `json:"request_id"`
	EncodedAuthorizationMessage wireText  `json:"encoded_authorization_message"`
	Error                       *wireBody `json:"error"`
}

// wireText is a value of a body as text: a JSON string, or a number kept
// as it was written (107002, not 107002.0 or 1.07002e5). Any other value
// (null, true, an object, an array) is no text. As for any field that
// encoding/json decodes, the last of duplicate keys wins.
type wireText string

// UnmarshalJSON sets *t from b, a valid JSON value.
func (t *wireText) UnmarshalJSON(b []byte) error {
	switch c := b[0]; {
	case c == '"':
		// A string without escapes that is valid UTF-8 is its own text;
		// encoding/json unquotes the others.
		if s := b[1 : len(b)-1]; bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
			*t = wireText(s)
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = wireText(s)
	case c == '-' || '0' <= c && c <= '9':
		*t = wireText(b)
	default:
		*t = ""
	}
	return nil
}

// decode fills e from body with encoding/json. A value of the wrong type
// leaves its field empty; a body that is not a JSON object, or one without
// a code or a message, gives an excerpt.
func (e *ResponseError) decode(body []byte) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	var w wireBody
	if err := json.Unmarshal(body, &w); err != nil {
		if _, typeErr := err.(*json.UnmarshalTypeError); !typeErr {
			e.Excerpt = excerpt(body)
			return
		}
	}
	code, msg, id, auth := w.fields()
	if e.RequestID == "" {
		e.RequestID = string(id)
	}
	e.EncodedAuthorizationMessage = string(auth)
	if code == "" && msg == "" {
		e.Excerpt = excerpt(body)
		return
	}
	e.WireCode, e.Message = string(code), string(msg)
	e.Code = pick(e.WireCode, e.StatusCode, e.Message)
}

// fields returns the code, message, request id and encoded authorization
// message of a body: the code and message of the top-level object, or else
// of its "error" object, at any depth; the others from the top-level
// object, or else from its "error" object.
func (w *wireBody) fields() (code, msg, id, auth wireText) {
	code, msg = first(w.ErrorCode, w.Code), first(w.ErrorMsg, w.Message)
	id, auth = w.RequestID, w.EncodedAuthorizationMessage
	if in := w.Error; in != nil {
		if code == "" && msg == "" {
			code, msg, _, _ = in.fields()
		}
		id, auth = first(id, in.RequestID), first(auth, in.EncodedAuthorizationMessage)
	}
	return code, msg, id, auth
}

func first(a, b wireText) wireText {
	if a != "" {
		return a
	}
	return b
}

// decompress returns body decoded as its Content-Encoding header says,
// for gzip (x-gzip) and deflate (zlib, or raw as some servers send it):
// at most maxBodyBytes of it, however much the body would inflate to. A
// body in any other encoding, or one that does not even start as its
// encoding says, is returned as it is; one cut short gives what it held.
func decompress(h http.Header, body []byte) []byte {
	var r io.Reader
	var err error
	switch strings.ToLower(strings.TrimSpace(headerValue(h, "Content-Encoding"))) {
	case "gzip", "x-gzip":
		r, err = gzip.NewReader(bytes.NewReader(body))
	case "deflate":
		if r, err = zlib.NewReader(bytes.NewReader(body)); err != nil {
			r, err = flate.NewReader(bytes.NewReader(body)), nil
		}
	default:
		return body
	}
	if err != nil {
		return body
	}
	out, err := io.ReadAll(io.LimitReader(r, maxBodyBytes))
	if err != nil && len(out) == 0 {
		return body
	}
	return out
}
