package errcode

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"
)

// A ResponseError is an error response from Octopus or its API gateway, as
// [FromResponse] and [FromBody] decode it. Its methods are safe to call on
// a nil *ResponseError.
type ResponseError struct {
	// StatusCode is the response's HTTP status.
	StatusCode int
	// Code is the documented row the response names, picked by code, then
	// status, then message; zero when the code is not documented.
	Code Code
	// WireCode and Message are the code (error_code, else code) and the
	// message (error_msg, else message) as sent, empty when the body had
	// none. WireCode is kept even when it is not documented; a code sent as
	// a JSON number is kept as it was written, such as "107002".
	WireCode string
	Message  string
	// RequestID is the X-Request-Id header, or else the body's request_id.
	RequestID string
	// EncodedAuthorizationMessage is the body's
	// encoded_authorization_message: why IAM denied a request, encoded for
	// IAM to decode. Error leaves it out.
	EncodedAuthorizationMessage string
	// RetryAfter is the wait the Retry-After header asked for, at most
	// [MaxRetryAfter]. HasRetryAfter reports whether the response had a
	// valid Retry-After header, in seconds or as an HTTP date; RetryAfter
	// is then zero when it asked to retry now ("0", or a date past).
	RetryAfter    time.Duration
	HasRetryAfter bool
	// Method is the method of the request the response answers, from
	// resp.Request (GET for a client request's empty Method), and
	// HasIdempotencyKey whether that request had an Idempotency-Key header.
	// Method is empty when the request is not known; [Retryable] then
	// follows the kind of the row alone.
	Method            string
	HasIdempotencyKey bool
	// Excerpt is the start of a body that was not a JSON error, such as an
	// HTML page from a proxy, made valid UTF-8.
	Excerpt string
}

// Error describes the response for developers and logs: the code and
// message as sent, else the excerpt, then the status and the request id,
// such as
//
//	octopus.107002: Scenario is not exists (HTTP 404, request id 5f0c)
//
// Sent text is cut to 256 bytes, and characters that do not print (\n,
// \r, ESC, bidirectional controls, invalid UTF-8) are escaped as in a Go
// string literal, a backslash as \\, so that a response cannot forge log
// lines or change a terminal.
func (e *ResponseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b []byte
	switch code := e.sentCode(); {
	case code != "":
		b = appendSent(b, code)
		if e.Message != "" {
			b = appendSent(append(b, ": "...), e.Message)
		}
	case e.Message != "":
		b = appendSent(b, e.Message)
	case e.Excerpt != "":
		x, _ := cutText(e.Excerpt, maxExcerptBytes+len("…"))
		b = strconv.AppendQuote(append(b, "unexpected response: "...), x)
	default:
		b = append(b, "error response without a body"...)
	}
	b = strconv.AppendInt(append(b, " (HTTP "...), int64(e.StatusCode), 10)
	if e.RequestID != "" {
		b = appendSent(append(b, ", request id "...), e.RequestID)
	}
	return string(append(b, ')'))
}

// sentCode returns the code e's response sent, or, for a ResponseError
// made without one, the wire code of its row.
func (e *ResponseError) sentCode() string {
	if e.WireCode == "" && e.Code.valid() {
		return e.Code.String()
	}
	return e.WireCode
}

// appendSent appends s, text a response sent, to b: at most
// maxExcerptBytes of it and "…" when cut, with each character that does
// not print escaped as in a Go string literal, and a backslash as \\.
func appendSent(b []byte, s string) []byte {
	s, cut := cutText(s, maxExcerptBytes)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\':
			b = append(b, `\\`...)
		case r == utf8.RuneError && size == 1:
			b = append(b, `\x`...)
			b = append(b, "0123456789abcdef"[s[i]>>4], "0123456789abcdef"[s[i]&15])
		case strconv.IsPrint(r):
			b = append(b, s[i:i+size]...)
		default:
			n := len(b)
			b = strconv.AppendQuoteRune(b, r) // '\n', '\x1b', '\u202e'
			b = append(b[:n], b[n+1:len(b)-1]...)
		}
		i += size
	}
	if cut {
		b = append(b, "…"...)
	}
	return b
}

// cutText returns s cut to at most n bytes at a character boundary, and
// whether it was cut.
func cutText(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// Is reports whether target is a Code, *Error or *ResponseError with e's
// wire code; an undocumented code matches nothing.
func (e *ResponseError) Is(target error) bool { return e != nil && sameWire(e.Code, target) }

// As sets *target to e's Code when target is a *Code and the code is
// documented, so that errors.As finds the row of a response in a chain.
func (e *ResponseError) As(target any) bool { return e != nil && setCode(target, e.Code) }

// MarshalJSON returns e in its wire form, the body it was decoded from:
// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"},
// with request_id and encoded_authorization_message added when they are
// set. The status, the wait, the request's method and the excerpt are not
// part of a body. A nil e is null.
func (e *ResponseError) MarshalJSON() ([]byte, error) {
	if e == nil {
		return []byte("null"), nil
	}
	return json.Marshal(struct {
		Code    string `json:"error_code"`
		Message string `json:"error_msg"`
		ID      string `json:"request_id,omitempty"`
		Auth    string `json:"encoded_authorization_message,omitempty"`
	}{e.sentCode(), e.Message, e.RequestID, e.EncodedAuthorizationMessage})
}

// Limits on what FromResponse and FromBody read.
const (
	maxBodyBytes    = 1 << 20 // read and decoded
	maxDrainBytes   = 64 << 10
	maxExcerptBytes = 256
)

// FromResponse returns the error an HTTP response reports, or nil for a
// response with a status from 100 to 399 (or a nil response). Any other
// status, including an unknown 0, gives an error.
//
// It reads at most 1 MiB of the body, then drains at most 64 KiB more so
// that the connection can be reused, closes the body, and decodes what it
// read as [FromBody] does.
func FromResponse(resp *http.Response) error {
	if resp == nil || success(resp.StatusCode) {
		return nil
	}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
		io.CopyN(io.Discard, resp.Body, maxDrainBytes)
		resp.Body.Close()
	}
	return FromBody(resp.StatusCode, resp.Header, body, resp.Request)
}

// FromBody returns the error that a response with the given status, header
// and body reports, for a body that was already read (by resty, or by a
// retry policy); req is the request it answers, or nil when not known. It
// returns nil for a status from 100 to 399; for any other, a
// *ResponseError, the one [FromResponse] returns for the same response.
//
// It decodes a JSON body of the form {"error_code": ..., "error_msg": ...},
// {"code": ..., "message": ...} or either inside {"error": {...}}, and
// keeps the status, code and message as sent, the request id and the
// Retry-After wait. A body that is not such JSON (an HTML page from a proxy,
// an empty or cut body) still gives a *ResponseError with the status and an
// excerpt. A body whose Content-Encoding is gzip or deflate is decompressed
// first. FromBody decodes at most 1 MiB of body, before decompression and
// after, and keeps nothing of body.
func FromBody(status int, header http.Header, body []byte, req *http.Request) error {
	if success(status) {
		return nil
	}
	e := &ResponseError{StatusCode: status, RequestID: headerValue(header, "X-Request-Id")}
	e.RetryAfter, e.HasRetryAfter = parseRetryAfter(headerValue(header, "Retry-After"), time.Now())
	if req != nil {
		e.Method = cmp.Or(req.Method, http.MethodGet) // a client's "" is GET
		e.HasIdempotencyKey = headerValue(req.Header, "Idempotency-Key") != ""
	}
	e.decode(decompress(header, body[:min(len(body), maxBodyBytes)]))
	return e
}

// success reports whether status is not an error: from 100 to 399.
func success(status int) bool { return status >= 100 && status < 400 }

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
