package errcode_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryableAsksTheErrorWriteAnswers(t *testing.T) {
	undocumented := &errcode.ResponseError{StatusCode: 503, WireCode: "other.1", RetryAfter: time.Second, HasRetryAfter: true}
	require.True(t, errcode.Retryable(undocumented))
	err := errcode.TokenExpired.Wrap(undocumented)
	assert.False(t, errcode.Retryable(err), "the first error of the package is the 401")
	_, ok := errcode.RetryAfter(err)
	assert.False(t, ok, "the 401 asked for no wait")
	assert.Equal(t, errcode.TokenExpired, errcode.CodeOf(err))

	wait, ok := errcode.RetryAfter(fmt.Errorf("call: %w", undocumented))
	assert.True(t, ok)
	assert.Equal(t, time.Second, wait)
}

func TestRetryAfterIsCapped(t *testing.T) {
	re := &errcode.ResponseError{StatusCode: 429, RetryAfter: 1000 * time.Hour, HasRetryAfter: true}
	wait, ok := errcode.RetryAfter(re)
	assert.True(t, ok)
	assert.Equal(t, errcode.MaxRetryAfter, wait)
	assert.Equal(t, 10*time.Minute, errcode.MaxRetryAfter)
}

func TestRetryAfter(t *testing.T) {
	re := decode(t, 429, http.Header{"Retry-After": {"7"}}, `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}`)
	wait, ok := errcode.RetryAfter(re)
	assert.True(t, ok)
	assert.Equal(t, 7*time.Second, wait)
	assert.True(t, errcode.Retryable(re))

	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	re = decode(t, 503, http.Header{"Retry-After": {date}}, ``)
	wait, ok = errcode.RetryAfter(re)
	assert.True(t, ok)
	assert.InDelta(t, 90, wait.Seconds(), 2)

	for _, v := range []string{"", "soon", "-1"} {
		re = decode(t, 503, http.Header{"Retry-After": {v}}, ``)
		_, ok = errcode.RetryAfter(re)
		assert.False(t, ok, v)
	}
	for _, v := range []string{"0", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)} {
		re = decode(t, 503, http.Header{"Retry-After": {v}}, ``)
		wait, ok = errcode.RetryAfter(re)
		assert.True(t, ok, "%s: retry now", v)
		assert.Zero(t, wait, v)
	}
	_, ok = errcode.RetryAfter(errcode.TooManyRequests)
	assert.False(t, ok, "only a response can ask")
}

func TestRetryable(t *testing.T) {
	assert.True(t, errcode.Retryable(errcode.TooManyRequests))
	assert.False(t, errcode.Retryable(errcode.TokenExpired))
	assert.True(t, errcode.Retryable(errcode.JobStatusAbnormal))
	assert.True(t, errcode.Retryable(errcode.GatewayBackendTimeout))
	assert.False(t, errcode.Retryable(errcode.GatewayRequestEntityTooLarge))
	assert.False(t, errcode.Retryable(errors.New("io: read/write on closed pipe")))
	assert.False(t, errcode.Retryable(nil))
	for status, want := range map[int]bool{429: true, 502: true, 503: true, 504: true, 500: false, 400: false, 404: false} {
		re := decode(t, status, nil, `{"error_code":"octopus.999999","error_msg":"?"}`)
		assert.Equal(t, want, errcode.Retryable(re), status)
	}
	re := decode(t, 504, nil, `{"error_code":"APIGW.0201","error_msg":"Backend timeout."}`)
	assert.True(t, errcode.Retryable(fmt.Errorf("call: %w", re)))
}
