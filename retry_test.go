package errcode_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answer returns what a client decodes from a response with status and
// body to a request with method, with an Idempotency-Key when key.
func answer(t *testing.T, method string, key bool, status int, body string) error {
	t.Helper()
	req, err := http.NewRequest(method, "http://octopus.example/v1/jobs", nil)
	require.NoError(t, err)
	if key {
		req.Header.Set("Idempotency-Key", "0f6e")
	}
	resp, _ := response(status, nil, body)
	resp.Request = req
	return errcode.FromResponse(resp)
}

// Bodies of the three retry kinds.
const (
	internal  = `{"error_code":"octopus.000002","error_msg":"Internal server error"}`                  // idempotent
	throttled = `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}` // any
	expired   = `{"error_code":"octopus.000102","error_msg":"The request token expires"}`              // no
)

// retryCases are requests, their answers and whether a retry is allowed.
var retryCases = []struct {
	method      string
	key         bool
	status      int
	body        string
	want        bool
	description string
}{
	{"POST", false, 500, internal, false, "may have been processed: a POST is not sent twice"},
	{"PATCH", false, 500, internal, false, "nor a PATCH"},
	{"POST", true, 500, internal, true, "unless it has an Idempotency-Key"},
	{"GET", false, 500, internal, true, "an idempotent method"},
	{"PUT", false, 500, internal, true, "an idempotent method"},
	{"DELETE", false, 500, internal, true, "an idempotent method"},
	{"HEAD", false, 500, internal, true, "an idempotent method"},
	{"POST", false, 429, throttled, true, "not processed: any method"},
	{"GET", false, 401, expired, false, "never"},
	{"POST", true, 401, expired, false, "never"},
	// Undocumented codes follow the kind of their status.
	{"POST", false, 429, `{"error_code":"other.1"}`, true, "429: any method"},
	{"POST", false, 503, `<html>busy</html>`, true, "503: any method"},
	{"POST", false, 502, `<html>bad gateway</html>`, false, "502: idempotent only"},
	{"GET", false, 502, `<html>bad gateway</html>`, true, "502: idempotent only"},
	{"POST", false, 504, ``, false, "504: idempotent only"},
	{"PUT", false, 504, ``, true, "504: idempotent only"},
	{"GET", false, 500, `{"error_code":"other.1"}`, false, "500: no"},
	{"GET", false, 404, `{"error_code":"other.1"}`, false, "404: no"},
}

func TestRetryableFollowsTheKindAndTheMethod(t *testing.T) {
	require.Equal(t, errcode.RetryIdempotent, errcode.InternalServerError.RetryKind())
	require.Equal(t, errcode.RetryAnyMethod, errcode.GatewayThrottled.RetryKind())
	require.Equal(t, errcode.NotRetryable, errcode.TokenExpired.RetryKind())
	for _, tt := range retryCases {
		err := answer(t, tt.method, tt.key, tt.status, tt.body)
		assert.Equal(t, tt.want, errcode.Retryable(err), "%s key=%t %d: %s", tt.method, tt.key, tt.status, tt.description)
		assert.Equal(t, tt.want, errcode.Retryable(fmt.Errorf("call: %w", err)), "wrapped: %s", tt.description)
	}
}

func TestRetryableWithoutARequestFollowsTheKind(t *testing.T) {
	assert.True(t, errcode.Retryable(errcode.InternalServerError), "the caller knows its request")
	assert.True(t, errcode.Retryable(errcode.InternalServerError.Wrap(nil)))
	assert.True(t, errcode.Retryable(&errcode.ResponseError{StatusCode: 500, Code: errcode.InternalServerError}))
	assert.True(t, errcode.Retryable(&errcode.ResponseError{StatusCode: 502}))
	assert.False(t, errcode.Retryable(&errcode.ResponseError{StatusCode: 502, Method: "POST"}))
	assert.False(t, errcode.Retryable(errcode.TokenExpired))
}

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
