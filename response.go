package errcode

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
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
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
		io.CopyN(io.Discard, resp.Body, maxDrainBytes)
		resp.Body.Close()
		e.decode(body)
	}
	return e
}

// wireBody is what FromResponse reads from a body.
type wireBody struct {
	ErrorCode string    `json:"error_code"`
	ErrorMsg  string    `json:"error_msg"`
	Code      string    `json:"code"`
	Message   string    `json:"message"`
	RequestID string    `json:"request_id"`
	Error     *wireBody `json:"error"`
}

// decode fills e from body with encoding/json. A value of the wrong type
// leaves its field empty; a body that is not a JSON object gives an excerpt.
func (e *ResponseError) decode(body []byte) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	var w wireBody
	if err := json.Unmarshal(body, &w); err != nil {
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

// pick returns the documented row for a wire code as sent, choosing among
// the rows of one code by status, then by message in any language: equal
// but for case and a trailing full stop, or equal up to a colon that adds
// detail. It returns zero for an undocumented code.
func pick(code string, status int, msg string) Code {
	cs := byCode[code]
	if len(cs) <= 1 {
		if len(cs) == 0 {
			return 0
		}
		return cs[0]
	}
	best, sameStatus := cs[0], false
	for _, c := range cs {
		if rows[c].status != status {
			continue
		}
		if !sameStatus {
			best, sameStatus = c, true
		}
		if messageMatches(&rows[c], msg) {
			return c
		}
	}
	if !sameStatus {
		for _, c := range cs {
			if messageMatches(&rows[c], msg) {
				return c
			}
		}
	}
	return best
}

// messageMatches reports whether msg is one of r's messages.
func messageMatches(r *row, msg string) bool {
	msg = trimStop(msg)
	detail, _, hasDetail := strings.Cut(msg, ":")
	for _, m := range r.message {
		m = trimStop(m)
		if strings.EqualFold(msg, m) || hasDetail && strings.EqualFold(trimStop(detail), m) {
			return true
		}
	}
	return false
}

// trimStop trims surrounding space and trailing full stops.
func trimStop(s string) string {
	s = strings.TrimSpace(s)
	for {
		switch {
		case strings.HasSuffix(s, "."):
			s = s[:len(s)-1]
		case strings.HasSuffix(s, "。"):
			s = s[:len(s)-len("。")]
		default:
			return strings.TrimSpace(s)
		}
	}
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
