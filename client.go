package errcode

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/octopus-go/errcode/internal/wire"
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
	// none. A code sent as a JSON number is kept as written, such as "107002".
	WireCode string
	Message  string
	// RequestID is the X-Request-Id header, or else the body's request_id.
	RequestID string
	// Excerpt is the start of a body that was not a JSON error, such as an
	// HTML page from a proxy, made valid UTF-8, or what kept it from being
	// decoded, such as "[120-byte body in Content-Encoding br, not decoded]".
	Excerpt string

	retryAfter    time.Duration // the wait a valid Retry-After asked for
	hasRetryAfter bool
	idempotent    bool // the request is known to be idempotent
}

// Limits on what FromResponse and FromBody read.
const (
	maxBodyBytes    = 1 << 20 // read and decoded
	maxDrainBytes   = 64 << 10
	maxExcerptBytes = 256
)

// FromResponse returns the error an HTTP response reports, as [FromBody]
// does, or nil for a status from 100 to 399 or a nil response. It reads at
// most 1 MiB of the body, drains at most 64 KiB more so that the
// connection can be reused, and closes it; a success's body is left unread.
func FromResponse(resp *http.Response) error {
	if resp == nil || success(resp.StatusCode) {
		return nil
	}
	var body []byte
	if resp.Body != nil {
		body = readBody(resp.Body, resp.ContentLength)
		resp.Body.Close()
	}
	return FromBody(resp.StatusCode, resp.Header, body, resp.Request)
}

// readBody reads at most maxBodyBytes of r, in one buffer sized from
// size, the Content-Length (-1 when unknown), then drains at most
// maxDrainBytes more.
func readBody(r io.Reader, size int64) []byte {
	n := 512
	if size > 0 {
		n = int(min(size, maxBodyBytes)) + 1 // one more byte to read EOF into
	}
	buf := make([]byte, 0, n)
	for len(buf) < maxBodyBytes {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := r.Read(buf[len(buf):min(cap(buf), maxBodyBytes)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return buf
		}
	}
	io.CopyN(io.Discard, r, maxDrainBytes)
	return buf
}

// FromBody returns the error that a response with the given status, header
// and body reports, for a body already read; req is the request it
// answers, or nil when not known. It returns nil for a status from 100 to
// 399, and otherwise a *ResponseError.
//
// Whether the request is idempotent, for [Retryable], is asked of the
// request a retry sends again: after redirects, the first one
// (req.Response.Request, and so on back), since net/http follows a POST's
// 303 with a GET that the retry would not repeat alone.
//
// It decodes a JSON body {"error_code": ..., "error_msg": ...}, {"code":
// ..., "message": ...}, or either inside {"error": {...}}; a body in
// another form gives an excerpt. A Content-Encoding of gzip or deflate is
// decoded, even twice. FromBody decodes at most 1 MiB of body, before
// decoding and after, and keeps nothing of body.
func FromBody(status int, header http.Header, body []byte, req *http.Request) error {
	if success(status) {
		return nil
	}
	e := &ResponseError{StatusCode: status, RequestID: header.Get("X-Request-Id")}
	e.retryAfter, e.hasRetryAfter = parseRetryAfter(header.Get("Retry-After"))
	if req = firstRequest(req); req != nil {
		e.idempotent = idempotent(cmp.Or(req.Method, http.MethodGet)) || req.Header.Get("Idempotency-Key") != ""
	}
	body, note := decompress(header["Content-Encoding"], body[:min(len(body), maxBodyBytes)])
	if e.decode(body); note != "" && strings.ContainsRune(e.Excerpt, utf8.RuneError) {
		e.Excerpt = note
	}
	return e
}

// success reports whether status is not an error: from 100 to 399.
func success(status int) bool { return status >= 100 && status < 400 }

// Error describes the response for developers and logs: the code and
// message as sent, else the excerpt, then the status and the request id,
// such as
//
//	octopus.107002: Scenario is not exists (HTTP 404, request id 5f0c)
//
// Sent text is cut to 256 bytes, and characters that do not print (\n,
// ESC, bidirectional controls, invalid UTF-8) are escaped as in a Go
// string literal, so that a response cannot forge log lines.
func (e *ResponseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b []byte
	code := e.WireCode
	if code == "" && e.Code.valid() {
		code = e.Code.String()
	}
	switch {
	case code != "":
		b = appendSent(b, code)
		if e.Message != "" {
			b = appendSent(append(b, ": "...), e.Message)
		}
	case e.Message != "":
		b = appendSent(b, e.Message)
	case e.Excerpt != "":
		x, _ := wire.Cut(e.Excerpt, maxExcerptBytes+len("…"))
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

// appendSent appends s, text a response sent, to b: at most
// maxExcerptBytes of it and "…" when cut, made printable.
func appendSent(b []byte, s string) []byte {
	s, cut := wire.Cut(s, maxExcerptBytes)
	b = wire.AppendPrintable(b, s)
	if cut {
		b = append(b, "…"...)
	}
	return b
}

// Is reports whether target is a Code, *Error or *ResponseError with e's
// documented wire code; an undocumented code matches nothing.
func (e *ResponseError) Is(target error) bool { return e != nil && sameWire(e.Code, target) }

// excerpt returns the start of body, valid UTF-8, for an error message: at
// most maxExcerptBytes bytes, and "…" when cut.
func excerpt(body []byte) string {
	body = bytes.TrimSpace(body)
	cut := len(body) > maxExcerptBytes
	b := bytes.ToValidUTF8(body[:min(len(body), maxExcerptBytes)], []byte("\ufffd"))
	if len(b) > maxExcerptBytes {
		// Invalid bytes became a 3-byte U+FFFD: cut again.
		s, _ := wire.Cut(string(b), maxExcerptBytes)
		b, cut = []byte(s), true
	}
	if cut {
		b = append(bytes.TrimRight(b, "\ufffd"), "…"...)
	}
	return string(b)
}
