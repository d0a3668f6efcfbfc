package errcode

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// CheckRetry reports whether a retrying HTTP client should send a request
// again after it got resp or the transport error err. It has the signature
// of github.com/hashicorp/go-retryablehttp's CheckRetry, so that
//
//	client.CheckRetry = errcode.CheckRetry
//
// makes such a client follow the catalog's retry kinds, as [Retryable] does
// for the error [FromResponse] decodes from resp and resp.Request.
//
// When ctx is done, it returns false and ctx.Err(). A transport error is
// retried, as go-retryablehttp's default policy retries it, unless it cannot
// go away by itself: too many redirects, an unsupported protocol scheme, an
// invalid header, a TLS certificate that does not verify. Otherwise its
// error is always nil, so that the client hands a response it does not
// retry to the caller.
//
// To decode resp, CheckRetry reads at most 1 MiB of its body, then puts
// back what it read: the caller reads the whole body afterwards, and closing
// it closes the original.
func CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx != nil && ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return transient(err), nil
	}
	if resp == nil || success(resp.StatusCode) {
		return false, nil
	}
	return Retryable(FromBody(resp.StatusCode, resp.Header, peek(resp), resp.Request)), nil
}

// peek returns the first maxBodyBytes of resp's body and puts them back in
// front of the rest, with the read error, if any, after them.
func peek(resp *http.Response) []byte {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil
	}
	prefix, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	rest := io.Reader(resp.Body)
	if err != nil {
		rest = errReader{err}
	}
	resp.Body = readCloser{io.MultiReader(bytes.NewReader(prefix), rest), resp.Body}
	return prefix
}

type readCloser struct {
	io.Reader
	io.Closer
}

type errReader struct{ err error }

// Read returns the error the body's read gave.
func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// transient reports whether a transport error may go away when the request
// is sent again: not a redirect loop, a bad scheme or header, nor a TLS
// certificate that does not verify. net/http gives the first three only as
// text.
func transient(err error) bool {
	var certErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	if errors.As(err, &certErr) || errors.As(err, &authorityErr) {
		return false
	}
	var urlErr *url.Error
	if !errors.As(err, &urlErr) {
		return true
	}
	msg := urlErr.Error()
	switch {
	case strings.Contains(msg, "stopped after ") && strings.HasSuffix(msg, " redirects"),
		strings.Contains(msg, "unsupported protocol scheme"),
		strings.Contains(msg, "invalid header"),
		strings.Contains(msg, "certificate is not trusted"): // macOS's verifier
		return false
	}
	return true
}

// Backoff returns how long a retrying HTTP client should wait before
// attempt attemptNum+1 (attemptNum counts from 0). It has the signature of
// github.com/hashicorp/go-retryablehttp's Backoff.
//
// When resp has a valid Retry-After header, Backoff returns the wait it
// asks for, at most [MaxRetryAfter] and whatever minWait and maxWait say,
// as [RetryAfter] does: the server knows when it will take the request.
// Otherwise it backs off exponentially with jitter: a random wait between
// half and all of minWait·2^attemptNum, and within [minWait, maxWait].
func Backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if wait, ok := parseRetryAfter(headerValue(resp.Header, "Retry-After"), time.Now()); ok {
			return wait
		}
	}
	minWait = max(minWait, 0)
	maxWait = max(maxWait, minWait)
	ceil := maxWait
	if attemptNum <= 0 {
		ceil = minWait
	} else if attemptNum < 63 && minWait <= maxWait>>attemptNum {
		ceil = minWait << attemptNum
	}
	return max(ceil/2+rand.N(ceil-ceil/2+1), minWait)
}
