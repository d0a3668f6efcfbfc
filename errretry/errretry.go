package errretry

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/octopus-go/errcode"
)

// maxPeek is how much of a response's body CheckRetry reads to decode it.
const maxPeek = 1 << 20

// CheckRetry reports whether a request should be sent again after it got
// resp or the transport error err. When ctx is done, it returns false and
// ctx.Err().
//
// A transport error is retried when [retryablehttp.DefaultRetryPolicy]
// retries it and the request was idempotent or never sent: the request
// may have been processed, so a POST, a PATCH or an unknown method is
// retried only after a dial or DNS error. The Idempotency-Key header
// cannot be seen here; a caller that sets it and wants such a POST retried
// wraps CheckRetry.
//
// A response is retried when [errcode.Retryable] says so of what
// [errcode.FromBody] decodes from it; a status below 400 is not. To decode
// it, CheckRetry reads at most 1 MiB of the body and puts back what it
// read, and the read error, if any, after it; closing the body closes the
// original. The error is then nil, so that the client hands a response it
// does not retry to the caller.
func CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		retry, _ := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		return retry && (idempotentOp(err) || neverSent(err)), nil
	}
	if resp == nil || resp.StatusCode < 400 {
		return false, nil
	}
	return errcode.Retryable(errcode.FromBody(resp.StatusCode, resp.Header, peek(resp), resp.Request)), nil
}

// idempotentOp reports whether err is a *url.Error for an idempotent
// method; net/http names the method in Op, such as "Get".
func idempotentOp(err error) bool {
	var urlErr *url.Error
	if !errors.As(err, &urlErr) {
		return false
	}
	switch strings.ToUpper(urlErr.Op) {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// neverSent reports whether err shows that the request never left: the
// connection was not made, or the host was not found.
func neverSent(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &opErr) && opErr.Op == "dial" || errors.As(err, &dnsErr)
}

// peek returns the first maxPeek bytes of resp's body and puts them back,
// followed by the read error, if any, then the rest of the body.
func peek(resp *http.Response) []byte {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil
	}
	prefix, err := io.ReadAll(io.LimitReader(resp.Body, maxPeek))
	rest := io.MultiReader(bytes.NewReader(prefix), &failOnce{err}, resp.Body)
	resp.Body = struct {
		io.Reader
		io.Closer
	}{rest, resp.Body}
	return prefix
}

// failOnce returns its error on the first read, if it has one, then EOF.
type failOnce struct{ err error }

func (r *failOnce) Read([]byte) (int, error) {
	err := r.err
	if err == nil {
		return 0, io.EOF
	}
	r.err = nil
	return 0, err
}

// Backoff returns how long to wait before attempt attemptNum+1: the wait
// a valid Retry-After header of resp asks, in seconds or as an HTTP date,
// at most 10 minutes, as [errcode.RetryAfter] reads it; else
// [retryablehttp.DefaultBackoff]'s exponential wait within min and max.
func Backoff(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if wait, ok := errcode.RetryAfter(errcode.FromBody(resp.StatusCode, resp.Header, nil, resp.Request)); ok {
			return wait
		}
	}
	return retryablehttp.DefaultBackoff(min, max, attemptNum, nil)
}

// ErrorHandler returns, when the client gives up after numTries attempts,
// a nil response and an error that says so and wraps the last attempt's:
// for a response, the one [errcode.FromResponse] returns, which closes the
// body; for a transport error, that error; when the client gave an error
// for a response too (its context done), both.
func ErrorHandler(resp *http.Response, err error, numTries int) (*http.Response, error) {
	var last error
	if resp != nil {
		if last = errcode.FromResponse(resp); last == nil && resp.Body != nil {
			resp.Body.Close()
		}
	}
	switch {
	case err == nil:
		err = last
	case last != nil:
		err = fmt.Errorf("%w; last answer: %w", err, last)
	}
	if err == nil {
		return nil, fmt.Errorf("errretry: giving up after %d attempt(s)", numTries)
	}
	return nil, fmt.Errorf("errretry: giving up after %d attempt(s): %w", numTries, err)
}
