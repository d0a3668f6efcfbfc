package errcode

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// A RetryKind says when a request that failed with a documented row may be
// sent again unchanged. docs/retry.txt gives every row's kind, with a reason.
type RetryKind uint8

const (
	// NotRetryable: retrying cannot help; the caller must change something.
	NotRetryable RetryKind = iota
	// RetryAnyMethod: the request was refused before it was processed
	// (throttled, a busy resource), so it may be sent again whatever its
	// method.
	RetryAnyMethod
	// RetryIdempotent: the request may have been processed before it
	// failed (an internal error, a dependency failure, a 502 or 504), so it
	// may be sent again only when it is idempotent: its method is GET, HEAD,
	// OPTIONS, TRACE, PUT or DELETE, or it carries an Idempotency-Key header.
	RetryIdempotent
)

// String returns the kind as docs/retry.txt writes it: "no", "any" or
// "idempotent".
func (k RetryKind) String() string {
	switch k {
	case RetryAnyMethod:
		return "any"
	case RetryIdempotent:
		return "idempotent"
	}
	return "no"
}

// Retryable reports whether a request that failed with err may be sent
// again unchanged, by the [RetryKind] of the first Code, *Error or
// *ResponseError in err's chain: its row's, or, for a response with an
// undocumented code, its status's (429 RetryAnyMethod; 502, 503 and 504
// RetryIdempotent; any other NotRetryable). RetryIdempotent needs a
// request known to be idempotent, which only a *ResponseError decoded with
// its request knows; a caller that knows it asks [Code.RetryKind]. Any
// other error is not retryable.
func Retryable(err error) bool {
	switch e := find(err).(type) {
	case Code:
		return e.RetryKind() == RetryAnyMethod
	case *Error:
		return e.code.RetryKind() == RetryAnyMethod
	case *ResponseError:
		switch e.retryKind() {
		case RetryAnyMethod:
			return true
		case RetryIdempotent:
			return e.idempotent
		}
	}
	return false
}

// retryKind returns the kind of e's row, or for an undocumented code the
// kind of its status.
func (e *ResponseError) retryKind() RetryKind {
	if e.Code.valid() {
		return e.Code.RetryKind()
	}
	switch e.StatusCode {
	case http.StatusTooManyRequests:
		return RetryAnyMethod
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return RetryIdempotent
	}
	return NotRetryable
}

// idempotent reports whether method is idempotent (RFC 9110, section
// 9.2.2): sending it twice has the effect of sending it once.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// maxRedirects bounds the redirects firstRequest follows back; net/http's
// client stops after 10.
const maxRedirects = 64

// firstRequest returns the request that a retry of req sends again: the
// first of the redirects that led to req, each of which links the one
// before it through its Response; nil for nil, or for a chain longer than
// maxRedirects, which is then not known.
func firstRequest(req *http.Request) *http.Request {
	for range maxRedirects {
		if req == nil || req.Response == nil || req.Response.Request == nil {
			return req
		}
		req = req.Response.Request
	}
	return nil
}

// maxRetryAfter is the longest wait RetryAfter returns: longer than any
// throttling window and most deadlines, and short of what a hostile
// header ("4294967295", a date in 9999) asks.
const maxRetryAfter = 10 * time.Minute

// RetryAfter returns the wait that the Retry-After header of the response
// asked for, in seconds or as an HTTP date, at most ten minutes, when the
// first Code, *Error or *ResponseError in err's chain is a *ResponseError
// whose response had a valid one. A zero wait means now.
func RetryAfter(err error) (wait time.Duration, ok bool) {
	re, found := find(err).(*ResponseError)
	if !found || !re.hasRetryAfter {
		return 0, false
	}
	return re.retryAfter, true
}

// parseRetryAfter parses a Retry-After value, in seconds or as an HTTP
// date, into a wait from now, at most maxRetryAfter; zero for a date past.
// ok is false when v is empty or malformed.
func parseRetryAfter(v string) (wait time.Duration, ok bool) {
	if v == "" {
		return 0, false
	}
	// Only digits parse; more than fit in 64 bits is out of range, and
	// capped like any long wait.
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return time.Duration(min(secs, uint64(maxRetryAfter/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(time.Until(t), 0), maxRetryAfter), true
	}
	return 0, false
}
