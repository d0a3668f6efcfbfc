package errcode

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A ResponseError is an error response from Octopus or its API gateway, as
// [FromResponse] decodes it.
type ResponseError struct {
	// StatusCode is the response's HTTP status.
	StatusCode int
	// Code is the documented row the response names, picked by code, then
	// status, then message; zero when the code is not documented.
	Code Code
	// WireCode and Message are the error_code and error_msg as sent, empty
	// when the body had none. WireCode is kept even when it is not documented.
	WireCode string
	Message  string
	// RequestID is the X-Request-Id header, or else the body's request_id.
	RequestID string
	// RetryAfter is the wait the Retry-After header asked for, zero if none.
	RetryAfter time.Duration
	// Excerpt is the start of a body that was not a JSON error, such as an
	// HTML page from a proxy, made valid UTF-8.
	Excerpt string
}

// Error describes the response for developers and logs.
func (e *ResponseError) Error() string {
	var b strings.Builder
	switch {
	case e.WireCode != "":
		b.WriteString(e.WireCode)
		if e.Message != "" {
			b.WriteString(": " + e.Message)
		}
	case e.Excerpt != "":
		b.WriteString("unexpected response: " + strconv.Quote(e.Excerpt))
	default:
		b.WriteString("error response without a body")
	}
	b.WriteString(" (HTTP " + strconv.Itoa(e.StatusCode))
	if e.RequestID != "" {
		b.WriteString(", request id " + e.RequestID)
	}
	b.WriteString(")")
	return b.String()
}

// Is reports whether target is a Code, *Error or *ResponseError with e's
// wire code; an undocumented code matches nothing.
func (e *ResponseError) Is(target error) bool { return e != nil && sameWire(e.Code, target) }

// As sets *target to e's Code when target is a *Code and the code is
// documented, so that errors.As finds the row of a response in a chain.
func (e *ResponseError) As(target any) bool { return e != nil && setCode(target, e.Code) }

// Limits on what FromResponse reads.
const (
	maxBodyBytes    = 1 << 20 // read and decoded
	maxDrainBytes   = 64 << 10
	maxExcerptBytes = 256
)

// FromResponse returns the error an HTTP response reports, or nil for a
// response with a status from 100 to 399 (or a nil response). Any other
// status, including an unknown 0, gives an error.
//
// It decodes a JSON body of the form {"error_code": ..., "error_msg": ...},
// {"code": ..., "message": ...} or either inside {"error": {...}}, and
// keeps the status, code and message as sent, and the request id. A body
// that is not such JSON (an HTML page from a proxy, an empty or cut body)
// still gives a *ResponseError with the status and an excerpt. It reads at
// most 1 MiB, then drains a little more so the connection can be reused, and
// closes the body.
func FromResponse(resp *http.Response) error {
	if resp == nil || (resp.StatusCode >= 100 && resp.StatusCode < 400) {
		return nil
	}
	e := &ResponseError{
		StatusCode: resp.StatusCode,
		RequestID:  headerValue(resp.Header, "X-Request-Id"),
	}
	if v := headerValue(resp.Header, "Retry-After"); v != "" {
		e.RetryAfter = retryAfter(v, time.Now())
	}
	if resp.Body != nil {
		buf := bufPool.Get().(*[]byte)
		*buf = readBounded((*buf)[:0], resp.Body, maxBodyBytes)
		e.decode(*buf)
		drain(resp.Body, *buf, maxDrainBytes) // decode keeps nothing of buf
		resp.Body.Close()
		if cap(*buf) <= 64<<10 {
			bufPool.Put(buf)
		}
	}
	return e
}

// readBounded appends at most limit bytes of r to dst.
func readBounded(dst []byte, r io.Reader, limit int) []byte {
	for len(dst) < limit {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := r.Read(dst[len(dst):min(cap(dst), limit)])
		dst = dst[:len(dst)+n]
		if err != nil {
			break
		}
	}
	return dst
}

// drain reads and discards at most limit more bytes of r, as
// io.CopyN(io.Discard, r, limit) does, but with scratch as its buffer.
func drain(r io.Reader, scratch []byte, limit int) {
	scratch = scratch[:cap(scratch)]
	if len(scratch) == 0 {
		io.CopyN(io.Discard, r, int64(limit))
		return
	}
	for limit > 0 {
		n, err := r.Read(scratch[:min(len(scratch), limit)])
		limit -= n
		if err != nil || n < 0 {
			return
		}
	}
}

// wireBody is what FromResponse reads from a body, when the scanner of
// jsonscan.go leaves a body to encoding/json.
type wireBody struct {
	ErrorCode string    `json:"error_code"`
	ErrorMsg  string    `json:"error_msg"`
	Code      string    `json:"code"`
	Message   string    `json:"message"`
	RequestID string    `json:"request_id"`
	Error     *wireBody `json:"error"`
}

var wireBodyPool = sync.Pool{New: func() any { return new(wireBody) }}

// decode fills e from body.
func (e *ResponseError) decode(body []byte) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	switch top, inner, hasInner, result := scanBody(body); result {
	case scanNotObject:
		e.Excerpt = excerpt(body)
	case scanObject:
		code, msg, id := scanned(body, top, inner, hasInner, e.RequestID == "")
		e.set(body, code, msg, id)
	default:
		e.decodeJSON(body)
	}
}

// decodeJSON fills e from body with encoding/json.
func (e *ResponseError) decodeJSON(body []byte) {
	w := wireBodyPool.Get().(*wireBody)
	defer func() { *w = wireBody{}; wireBodyPool.Put(w) }()
	if err := json.Unmarshal(body, w); err != nil {
		if _, typeErr := err.(*json.UnmarshalTypeError); !typeErr {
			e.Excerpt = excerpt(body)
			return
		}
	}
	code, msg, id := w.fields()
	e.set(body, code, msg, id)
}

// set fills e from the code, message and request id of its body.
func (e *ResponseError) set(body []byte, code, msg, id string) {
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

// fields returns the code, message and request id of a body, from the
// top-level object or else from its "error" object.
func (w *wireBody) fields() (code, msg, id string) {
	code, msg, id = first(w.ErrorCode, w.Code), first(w.ErrorMsg, w.Message), w.RequestID
	if w.Error != nil && code == "" && msg == "" {
		code, msg, _ = w.Error.fields()
		if id == "" {
			id = w.Error.RequestID
		}
	}
	return code, msg, id
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// excerpt returns the start of body, valid UTF-8, for an error message: at
// most maxExcerptBytes bytes, and "…" when cut.
func excerpt(body []byte) string {
	body = bytes.TrimSpace(body)
	cut := len(body) > maxExcerptBytes
	if cut {
		body = body[:maxExcerptBytes]
	}
	b := appendValid(nil, string(body))
	if len(b) > maxExcerptBytes {
		// Each invalid byte became a 3-byte U+FFFD: cut again, at a
		// character boundary, so that the excerpt stays within its bound.
		n := maxExcerptBytes
		for n > 0 && b[n]&0xC0 == 0x80 {
			n--
		}
		b, cut = b[:n], true
	}
	if cut {
		b = bytes.TrimRight(b, "\ufffd")
		b = append(b, "…"...)
	}
	return string(b)
}

// retryAfter parses a Retry-After value, in seconds or as an HTTP date,
// into a wait from now; zero when v is empty, malformed or past.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseUint(v, 10, 32); err == nil {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
