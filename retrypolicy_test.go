package errcode_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckRetryFollowsTheKinds(t *testing.T) {
	ctx := context.Background()
	for _, tt := range retryCases {
		resp, b := responseTo(t, tt.method, tt.key, tt.status, tt.body)
		retry, err := errcode.CheckRetry(ctx, resp, nil)
		assert.NoError(t, err, "a response it does not retry goes to the caller")
		assert.Equal(t, tt.want, retry, "%s key=%t %d", tt.method, tt.key, tt.status)

		got, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, tt.body, string(got), "the caller reads the whole body")
		assert.False(t, b.closed)
		require.NoError(t, resp.Body.Close())
		assert.True(t, b.closed, "closing closes the original")
	}
	for _, status := range []int{200, 304} {
		resp, b := response(status, nil, internal)
		retry, err := errcode.CheckRetry(ctx, resp, nil)
		assert.False(t, retry, status)
		assert.NoError(t, err, status)
		assert.Zero(t, b.read, "a success body is not read")
	}
	retry, err := errcode.CheckRetry(ctx, nil, nil)
	assert.False(t, retry)
	assert.NoError(t, err)
}

func TestCheckRetryPutsBackALongBody(t *testing.T) {
	body := `{"error_code":"octopus.000002","error_msg":"` + strings.Repeat("x", 3<<20) + `"}`
	resp, _ := response(500, nil, body)
	retry, err := errcode.CheckRetry(context.Background(), resp, nil)
	require.NoError(t, err)
	assert.False(t, retry, "cut at 1 MiB: no JSON, an undocumented 500")
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, len(body), len(got))
	assert.Equal(t, body, string(got))
}

func TestCheckRetryKeepsTheReadError(t *testing.T) {
	failing := errors.New("connection reset")
	resp := &http.Response{StatusCode: 503, Header: http.Header{}, Body: &fakeBody{r: io.MultiReader(strings.NewReader("<html>"), iotest.ErrReader(failing))}}
	retry, err := errcode.CheckRetry(context.Background(), resp, nil)
	require.NoError(t, err)
	assert.True(t, retry)
	got, err := io.ReadAll(resp.Body)
	assert.Equal(t, "<html>", string(got))
	assert.ErrorIs(t, err, failing)
}

func TestCheckRetryHonoursTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	resp, _ := response(503, nil, "")
	retry, err := errcode.CheckRetry(ctx, resp, nil)
	assert.False(t, retry)
	assert.ErrorIs(t, err, context.Canceled)

	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	retry, err = errcode.CheckRetry(ctx, nil, errors.New("dial tcp: i/o timeout"))
	assert.False(t, retry)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCheckRetryTransportErrors(t *testing.T) {
	urlErr := func(err error) error { return &url.Error{Op: "Get", URL: "https://octopus.example/v1", Err: err} }
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{urlErr(errors.New("stopped after 10 redirects")), false},
		{urlErr(errors.New(`unsupported protocol scheme "ftp"`)), false},
		{urlErr(errors.New(`net/http: invalid header field value for "X-Token"`)), false},
		{urlErr(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), false},
		{urlErr(x509.UnknownAuthorityError{}), false},
		{fmt.Errorf("call: %w", &tls.CertificateVerificationError{Err: x509.HostnameError{Host: "x"}}), false},
		{urlErr(errors.New("x509: certificate is not trusted")), false},
		{urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), true},
		{urlErr(io.ErrUnexpectedEOF), true},
		{urlErr(context.DeadlineExceeded), true}, // the client's timeout, not the caller's context
		{errors.New("anything else"), true},
	} {
		retry, err := errcode.CheckRetry(context.Background(), nil, tt.err)
		assert.NoError(t, err, tt.err.Error())
		assert.Equal(t, tt.want, retry, tt.err.Error())
	}
}

func TestBackoffHonoursRetryAfter(t *testing.T) {
	for v, want := range map[string]time.Duration{
		"1":                             time.Second,
		"0":                             0,
		"120":                           2 * time.Minute,
		"4294967295":                    errcode.MaxRetryAfter,
		"Mon, 02 Jan 2006 15:04:05 GMT": 0,
	} {
		resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {v}}}
		assert.Equal(t, want, errcode.Backoff(time.Second, 30*time.Second, 3, resp), v)
	}
	resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {"soon"}}}
	got := errcode.Backoff(time.Second, 2*time.Second, 0, resp)
	assert.GreaterOrEqual(t, got, time.Second, "malformed: backs off")
	assert.LessOrEqual(t, got, 2*time.Second)
}

func TestBackoffIsExponentialWithJitterWithinBounds(t *testing.T) {
	const minWait, maxWait = 100 * time.Millisecond, 10 * time.Second
	for attempt := range 80 {
		ceil := minWait
		for range attempt {
			ceil = min(2*ceil, maxWait)
		}
		seen := map[time.Duration]bool{}
		for range 50 {
			got := errcode.Backoff(minWait, maxWait, attempt, nil)
			assert.GreaterOrEqual(t, got, max(minWait, ceil/2), "attempt %d", attempt)
			assert.LessOrEqual(t, got, ceil, "attempt %d", attempt)
			seen[got] = true
		}
		if attempt > 0 {
			assert.Greater(t, len(seen), 1, "jitter at attempt %d", attempt)
		}
	}
	assert.Equal(t, time.Second, errcode.Backoff(time.Second, time.Millisecond, 5, nil), "min wins over a smaller max")
	assert.Zero(t, errcode.Backoff(0, 0, 5, nil))
	assert.Zero(t, errcode.Backoff(-time.Second, -time.Second, -1, nil))
	assert.Equal(t, time.Second, errcode.Backoff(time.Second, time.Second, 1<<30, &http.Response{}))
}
