package errcode

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Retryable reports whether a request that failed with err may be sent
// again unchanged. It asks the first Code, *Error or *ResponseError in err's
// chain, as [Write] finds it, for its [RetryKind]: the documented row's
// (docs/retry.txt), or for a response with an undocumented code, its
// status's: 429 and 503 are RetryAnyMethod, 502 and 504 RetryIdempotent,
// any other NotRetryable.
//
// RetryIdempotent allows a retry only of an idempotent request: a
// *ResponseError whose Method is GET, HEAD, OPTIONS, TRACE, PUT or DELETE,
// or whose request had an Idempotency-Key header. A POST or PATCH without
// one may have been processed, and is not retried. An error that knows no
// request (a Code, an *Error, a *ResponseError with no Method) follows the
// kind alone: it is retryable unless NotRetryable, and the caller must
// know that its request is idempotent. Any other error is not retryable.
func Retryable(err error) bool {
	switch e := find(err).(type) {
	case Code:
		return e.RetryKind() != NotRetryable
	case *Error:
		return e.code.RetryKind() != NotRetryable
	case *ResponseError:
		return e.retryKind().allows(e.Method, e.HasIdempotencyKey)
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
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return RetryAnyMethod
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return RetryIdempotent
	}
	return NotRetryable
}

// MaxRetryAfter is the longest wait [RetryAfter] returns,
// whatever a Retry-After header asks. Ten minutes is longer than any
// throttling window of a minute and than most request deadlines: a client
// should give up rather than sleep longer, and a hostile or broken header
// ("4294967295", a date in 9999) must not park it for years.
const MaxRetryAfter = 10 * time.Minute

// RetryAfter returns how long to wait before retrying, as the Retry-After
// header of the response asked: the first Code, *Error or *ResponseError in
// err's chain, as [Write] finds it, must be a *ResponseError with a valid
// Retry-After header. The wait is at most [MaxRetryAfter]; zero, with ok
// true, means retry now. ok is false when no response asked.
func RetryAfter(err error) (wait time.Duration, ok bool) {
	re, found := find(err).(*ResponseError)
	if !found || !re.HasRetryAfter {
		return 0, false
	}
	return min(max(re.RetryAfter, 0), MaxRetryAfter), true
}

// parseRetryAfter parses a Retry-After value, in seconds or as an HTTP
// date, into a wait from now, at most MaxRetryAfter; zero for a date past.
// ok is false when v is empty or malformed.
func parseRetryAfter(v string, now time.Time) (wait time.Duration, ok bool) {
	if v == "" {
		return 0, false
	}
	// Only digits parse; more than fit in 64 bits is out of range, and
	// capped like any long wait.
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return time.Duration(min(secs, uint64(MaxRetryAfter/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), MaxRetryAfter), true
	}
	return 0, false
}
