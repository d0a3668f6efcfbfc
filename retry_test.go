package errcode_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryableFollowsTheKindAndTheMethod(t *testing.T) {
	require.Equal(t, errcode.RetryIdempotent, errcode.InternalServerError.RetryKind())
	require.Equal(t, errcode.RetryAnyMethod, errcode.GatewayThrottled.RetryKind())
	require.Equal(t, errcode.NotRetryable, errcode.TokenExpired.RetryKind())
	for _, tt := range retryCases {
		resp, _ := responseTo(t, tt.method, tt.key, tt.status, tt.body)
		err := errcode.FromResponse(resp)
		assert.Equal(t, tt.want, errcode.Retryable(err), "%s key=%t %d: %s", tt.method, tt.key, tt.status, tt.description)
		assert.Equal(t, tt.want, errcode.Retryable(fmt.Errorf("call: %w", err)), "wrapped: %s", tt.description)
	}
}

func TestRetryableWithoutARequestNeedsAnyMethod(t *testing.T) {
	assert.False(t, errcode.Retryable(errcode.InternalServerError), "may have been processed, and no request is known")
	assert.False(t, errcode.Retryable(errcode.InternalServerError.Wrap(nil)))
	assert.False(t, errcode.Retryable(errcode.FromBody(500, nil, []byte(internal), nil)))
	assert.False(t, errcode.Retryable(errcode.FromBody(502, nil, nil, nil)))
	assert.True(t, errcode.Retryable(errcode.FromBody(502, nil, nil, &http.Request{})), "a client's empty method is GET")
	assert.True(t, errcode.Retryable(errcode.TooManyRequests))
	assert.True(t, errcode.Retryable(errcode.FromBody(429, nil, nil, nil)))
	assert.False(t, errcode.Retryable(errcode.TokenExpired))
	assert.False(t, errcode.Retryable(errcode.FromBody(401, nil, []byte(expired), &http.Request{Method: "GET"})))
}

func TestRetryKindReadsAsDocumented(t *testing.T) {
	assert.Equal(t, "no", errcode.NotRetryable.String())
	assert.Equal(t, "any", errcode.RetryAnyMethod.String())
	assert.Equal(t, "idempotent", errcode.RetryIdempotent.String())
	assert.Equal(t, "no", errcode.RetryKind(9).String())
}

func TestRetryableAsksTheErrorWriteAnswers(t *testing.T) {
	undocumented := errcode.FromBody(429, http.Header{"Retry-After": {"1"}}, []byte(`{"error_code":"other.1"}`), nil)
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
	require.Equal(t, 10*time.Minute, errcode.MaxRetryAfter)
	for _, v := range []string{"3600000", "601", "18446744073709551616", time.Now().Add(1000 * time.Hour).UTC().Format(http.TimeFormat)} {
		wait, ok := errcode.RetryAfter(decode(t, 429, http.Header{"Retry-After": {v}}, ``))
		assert.True(t, ok, v)
		assert.Equal(t, 10*time.Minute, wait, v)
	}
	wait, ok := errcode.RetryAfter(decode(t, 429, http.Header{"Retry-After": {"600"}}, ``))
	assert.True(t, ok)
	assert.Equal(t, 10*time.Minute, wait, "the cap itself")
	wait, _ = errcode.RetryAfter(decode(t, 429, http.Header{"Retry-After": {strconv.Itoa(599)}}, ``))
	assert.Equal(t, 599*time.Second, wait, "under the cap")
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

	for _, v := range []string{"", "soon", "-1", "1.5", "+1"} {
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
	_, ok = errcode.RetryAfter(&errcode.ResponseError{StatusCode: 429})
	assert.False(t, ok, "a ResponseError made by hand asked for nothing")
}

func TestRetryable(t *testing.T) {
	assert.True(t, errcode.Retryable(errcode.TooManyRequests))
	assert.False(t, errcode.Retryable(errcode.TokenExpired))
	assert.True(t, errcode.Retryable(errcode.JobStatusAbnormal))
	assert.False(t, errcode.Retryable(errcode.GatewayBackendTimeout), "idempotent only, and no request known")
	assert.False(t, errcode.Retryable(errcode.GatewayRequestEntityTooLarge))
	assert.False(t, errcode.Retryable(errors.New("io: read/write on closed pipe")))
	assert.False(t, errcode.Retryable(nil))
	for status, want := range map[int]bool{429: true, 502: true, 503: true, 504: true, 500: false, 400: false, 404: false} {
		resp, _ := responseTo(t, "GET", false, status, `{"error_code":"octopus.999999","error_msg":"?"}`)
		assert.Equal(t, want, errcode.Retryable(errcode.FromResponse(resp)), status)
	}
	resp, _ := responseTo(t, "GET", false, 504, `{"error_code":"APIGW.0201","error_msg":"Backend timeout."}`)
	assert.True(t, errcode.Retryable(fmt.Errorf("call: %w", errcode.FromResponse(resp))))
}

// TestRetryableAfterARedirectAsksTheFirstRequest checks, over a real
// server, that a response reached through redirects is retryable only when
// the request a retry sends again, the first, is idempotent: net/http
// follows a POST's 303 with a GET, whose 500 must not make the POST, which
// the server acted on, be sent again.
func TestRetryableAfterARedirectAsksTheFirstRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/jobs":
			http.Redirect(w, r, "/jobs/7", http.StatusSeeOther) // created
		case "/old":
			http.Redirect(w, r, "/jobs/7", http.StatusMovedPermanently)
		default:
			errcode.Write(w, errcode.InternalServerError) // RetryIdempotent
		}
	}))
	defer srv.Close()
	for _, tt := range []struct {
		method, path string
		key          bool
		want         bool
	}{
		{http.MethodPost, "/jobs", false, false},
		{http.MethodPost, "/jobs", true, true},
		{http.MethodPatch, "/jobs", false, false},
		{http.MethodGet, "/old", false, true},
		{http.MethodPut, "/jobs", false, true},
	} {
		req, err := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader("{}"))
		require.NoError(t, err)
		if tt.key {
			req.Header.Set("Idempotency-Key", "0f6e")
		}
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		require.NotNil(t, resp.Request.Response, "%s %s was redirected", tt.method, tt.path)
		err = errcode.FromResponse(resp)
		require.ErrorIs(t, err, errcode.InternalServerError)
		assert.Equal(t, tt.want, errcode.Retryable(err), "%s %s, key %t, answered after a redirect by %s", tt.method, tt.path, tt.key, resp.Request.Method)
	}
}
