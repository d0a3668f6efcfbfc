package errcode

import (
	"errors"
	"time"
)

// Retryable reports whether a request that failed with err may be sent
// again unchanged. It asks the first Code, *Error or *ResponseError in err's
// chain: for a documented row, its documented policy (docs/retry.txt); for
// a response with an undocumented code, its status: 429, 502, 503 and 504
// are retryable. Any other error is not.
func Retryable(err error) bool {
	switch e := find(err).(type) {
	case Code:
		return e.Retryable()
	case *Error:
		return e.code.Retryable()
	case *ResponseError:
		if e.Code.valid() {
			return e.Code.Retryable()
		}
		switch e.StatusCode {
		case 429, 502, 503, 504:
			return true
		}
	}
	return false
}

// RetryAfter returns how long to wait before retrying, as the Retry-After
// header of the response in err's chain asked; ok is false when no
// response asked.
func RetryAfter(err error) (wait time.Duration, ok bool) {
	var re *ResponseError
	if errors.As(err, &re) && re.RetryAfter > 0 {
		return re.RetryAfter, true
	}
	return 0, false
}
