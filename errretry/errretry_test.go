package errretry_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errretry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bodies of the three retry kinds.
const (
	internal  = `{"error_code":"octopus.000002","error_msg":"Internal server error"}`                  // idempotent
	throttled = `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}` // any
	expired   = `{"error_code":"octopus.000102","error_msg":"The request token expires"}`              // no

	iamUnavailable = `{"error_code":"APIGW.0613","error_msg":"The IAM service is currently unavailable."}` // any
)

// A server answers each request with the next of its answers, and the last
// one after that, and records the requests it got.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	answers  []answer
	requests []request
}

// An answer is a response, or, when hangUp, a connection closed after the
// request was read.
type answer struct {
	status int
	header http.Header
	body   string
	hangUp bool
}

type request struct {
	method, idempotencyKey, body string
}

func newServer(t *testing.T, answers ...answer) *server {
	s := &server{answers: answers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		s.requests = append(s.requests, request{r.Method, r.Header.Get("Idempotency-Key"), string(body)})
		a := s.answers[min(len(s.requests), len(s.answers))-1]
		s.mu.Unlock()
		if a.hangUp {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		for k, v := range a.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) got() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.requests...)
}

// newClient returns a go-retryablehttp client with errretry's policy,
// backoff and error handler, which records each wait it returns and counts
// the attempts, with no log.
func newClient(waits *[]time.Duration, attempts *int) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.Logger = nil
	c.RetryMax = 3
	c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, 5*time.Millisecond
	c.CheckRetry = errretry.CheckRetry
	c.ErrorHandler = errretry.ErrorHandler
	c.Backoff = func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		wait := errretry.Backoff(minWait, maxWait, attempt, resp)
		*waits = append(*waits, wait)
		return wait
	}
	c.RequestLogHook = func(retryablehttp.Logger, *http.Request, int) { *attempts++ }
	return c
}

// fakeBody is a response body that records whether it was closed.
type fakeBody struct {
	io.Reader
	closed bool
}

func (b *fakeBody) Close() error { b.closed = true; return nil }

// responseTo returns a response with status and body to a request with
// method, with an Idempotency-Key when key.
func responseTo(t *testing.T, method string, key bool, status int, body string) (*http.Response, *fakeBody) {
	t.Helper()
	req, err := http.NewRequest(method, "http://octopus.example/v1/jobs", nil)
	require.NoError(t, err)
	if key {
		req.Header.Set("Idempotency-Key", "0f6e")
	}
	b := &fakeBody{Reader: strings.NewReader(body)}
	return &http.Response{StatusCode: status, Header: http.Header{}, Body: b, Request: req}, b
}

func TestCheckRetryFollowsTheKinds(t *testing.T) {
	for _, tt := range []struct {
		method string
		key    bool
		status int
		body   string
		want   bool
	}{
		{"POST", false, 500, internal, false}, // may have been processed: a POST is not sent twice
		{"PATCH", false, 500, internal, false},
		{"POST", true, 500, internal, true}, // unless it has an Idempotency-Key
		{"GET", false, 500, internal, true},
		{"HEAD", false, 500, internal, true},
		{"OPTIONS", false, 500, internal, true},
		{"TRACE", false, 500, internal, true},
		{"PUT", false, 500, internal, true},
		{"DELETE", false, 500, internal, true},
		{"POST", false, 429, throttled, true}, // not processed: any method
		{"GET", false, 401, expired, false},   // never
		{"POST", true, 401, expired, false},
		// Undocumented codes follow their status.
		{"POST", false, 429, `{"error_code":"other.1"}`, true},
		{"GET", false, 503, `<html>busy</html>`, true},
		{"POST", false, 502, `<html>bad gateway</html>`, false},
		{"GET", false, 502, `<html>bad gateway</html>`, true},
		{"POST", false, 504, ``, false},
		{"PUT", false, 504, ``, true},
		{"GET", false, 500, `{"error_code":"other.1"}`, false},
		{"GET", false, 404, `{"error_code":"other.1"}`, false},
	} {
		name := fmt.Sprintf("%s key=%t %d %s", tt.method, tt.key, tt.status, tt.body)
		resp, b := responseTo(t, tt.method, tt.key, tt.status, tt.body)
		retry, err := errretry.CheckRetry(context.Background(), resp, nil)
		assert.NoError(t, err, "a response it does not retry goes to the caller: %s", name)
		assert.Equal(t, tt.want, retry, name)

		got, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, tt.body, string(got), "the caller reads the whole body: %s", name)
		assert.False(t, b.closed)
		require.NoError(t, resp.Body.Close())
		assert.True(t, b.closed, "closing closes the original: %s", name)
	}
}

func TestCheckRetryLeavesSuccessesAlone(t *testing.T) {
	for _, status := range []int{200, 204, 304} {
		resp, b := responseTo(t, "GET", false, status, internal)
		retry, err := errretry.CheckRetry(context.Background(), resp, nil)
		assert.False(t, retry, status)
		assert.NoError(t, err, status)
		assert.Same(t, b, resp.Body, "a success body is not read")
	}
	retry, err := errretry.CheckRetry(context.Background(), nil, nil)
	assert.False(t, retry)
	assert.NoError(t, err)
}

func TestCheckRetryWithoutABody(t *testing.T) {
	for _, body := range []io.ReadCloser{nil, http.NoBody} {
		resp, _ := responseTo(t, "GET", false, 503, "")
		resp.Body = body
		retry, err := errretry.CheckRetry(context.Background(), resp, nil)
		assert.NoError(t, err)
		assert.True(t, retry, "an undocumented 503 to a GET")
		assert.Equal(t, body, resp.Body, "left as it was")
	}
}

func TestCheckRetryPutsBackALongBody(t *testing.T) {
	body := `{"error_code":"octopus.000102","error_msg":"` + strings.Repeat("x", 3<<20) + `"}`
	resp, _ := responseTo(t, "GET", false, 401, body)
	retry, err := errretry.CheckRetry(context.Background(), resp, nil)
	require.NoError(t, err)
	assert.False(t, retry)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, len(body), len(got))
	assert.Equal(t, body, string(got))
}

// failsOnce reads before, then fails once with err, then reads after.
type failsOnce struct {
	before, after io.Reader
	err           error
}

func (r *failsOnce) Read(p []byte) (int, error) {
	if n, err := r.before.Read(p); err != io.EOF {
		return n, err
	}
	if err := r.err; err != nil {
		r.err = nil
		return 0, err
	}
	return r.after.Read(p)
}

// readFailures reads r to its end, and returns what it read and, for each
// error other than EOF, the error and how much had been read before it.
func readFailures(t *testing.T, r io.Reader) (string, []string) {
	t.Helper()
	var read []byte
	var failures []string
	buf := make([]byte, 64<<10)
	for range 1000 {
		n, err := r.Read(buf)
		read = append(read, buf[:n]...)
		if err == io.EOF {
			return string(read), failures
		}
		if err != nil {
			failures = append(failures, fmt.Sprintf("%v after %d bytes", err, len(read)))
		}
	}
	t.Fatal("no EOF")
	return "", nil
}

func TestCheckRetryKeepsTheReadError(t *testing.T) {
	reset := errors.New("connection reset")
	long := strings.Repeat("x", 1<<20+10)
	for _, tt := range []struct {
		before, after string
		want          string
	}{
		{"<html>", "</html>", "connection reset after 6 bytes"},                      // within the part CheckRetry reads
		{long, "</html>", fmt.Sprintf("connection reset after %d bytes", len(long))}, // after it
	} {
		b := &fakeBody{Reader: &failsOnce{strings.NewReader(tt.before), strings.NewReader(tt.after), reset}}
		resp := &http.Response{StatusCode: 503, Header: http.Header{}, Body: b, Request: httptest.NewRequest("GET", "/", nil)}
		retry, err := errretry.CheckRetry(context.Background(), resp, nil)
		require.NoError(t, err)
		assert.True(t, retry)

		got, failures := readFailures(t, resp.Body)
		assert.Equal(t, tt.before+tt.after, got)
		assert.Equal(t, []string{tt.want}, failures, "the error, once, where the body had it")
	}
}

func TestCheckRetryHonoursTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	resp, b := responseTo(t, "GET", false, 503, "")
	retry, err := errretry.CheckRetry(ctx, resp, nil)
	assert.False(t, retry)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Same(t, b, resp.Body, "not read")

	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	retry, err = errretry.CheckRetry(ctx, nil, &url.Error{Op: "Get", URL: "http://octopus.example", Err: io.EOF})
	assert.False(t, retry)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCheckRetryTransportErrors(t *testing.T) {
	urlErr := func(op string, err error) error {
		return &url.Error{Op: op, URL: "https://octopus.example/v1", Err: err}
	}
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	dns := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "octopus.example", IsNotFound: true}}
	read := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	for _, tt := range []struct {
		err  error
		want bool
	}{
		// Sent, may have been processed: only an idempotent method.
		{urlErr("Get", io.EOF), true},
		{urlErr("Head", read), true},
		{urlErr("Options", io.ErrUnexpectedEOF), true},
		{urlErr("Trace", io.EOF), true},
		{urlErr("Put", read), true},
		{urlErr("Delete", io.EOF), true},
		{urlErr("GET", io.EOF), true},
		{urlErr("Post", io.EOF), false},
		{urlErr("Post", read), false},
		{urlErr("Patch", io.EOF), false},
		{urlErr("Post", context.DeadlineExceeded), false}, // the client's timeout
		{urlErr("", io.EOF), false},
		{errors.New("anything else"), false},
		// Never sent: any method.
		{urlErr("Post", dial), true},
		{urlErr("Patch", dns), true},
		{urlErr("Post", &net.DNSError{Err: "server misbehaving", Name: "octopus.example"}), true},
		{dial, true},
		// What go-retryablehttp does not retry, whatever the method.
		{urlErr("Get", errors.New("stopped after 10 redirects")), false},
		{urlErr("Get", errors.New(`unsupported protocol scheme "ftp"`)), false},
		{urlErr("Get", errors.New(`net/http: invalid header field value for "X-Token"`)), false},
		{urlErr("Get", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), false},
	} {
		retry, err := errretry.CheckRetry(context.Background(), nil, tt.err)
		assert.NoError(t, err, tt.err.Error())
		assert.Equal(t, tt.want, retry, tt.err.Error())
	}
}

func TestBackoffHonoursRetryAfter(t *testing.T) {
	in90s := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	for _, tt := range []struct {
		status     int
		retryAfter string
		want       time.Duration
	}{
		{429, "1", time.Second},
		{503, "0", 0},
		{500, "120", 2 * time.Minute}, // any status
		{502, "601", 10 * time.Minute},
		{429, "4294967295", 10 * time.Minute},
		{429, "99999999999999999999999", 10 * time.Minute},
		{503, "Mon, 02 Jan 2006 15:04:05 GMT", 0},
		{503, "Fri, 31 Dec 9999 23:59:59 GMT", 10 * time.Minute},
	} {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{"Retry-After": {tt.retryAfter}}}
		assert.Equal(t, tt.want, errretry.Backoff(time.Second, 30*time.Second, 3, resp), tt.retryAfter)
	}
	resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {in90s}}}
	assert.InDelta(t, 90*time.Second, errretry.Backoff(time.Second, 30*time.Second, 3, resp), float64(2*time.Second), "an HTTP date")
}

func TestBackoffIsRetryablehttpsWithoutRetryAfter(t *testing.T) {
	const minWait, maxWait = 100 * time.Millisecond, time.Second
	var got []time.Duration
	for attempt := range 6 {
		got = append(got, errretry.Backoff(minWait, maxWait, attempt, nil))
	}
	ms := time.Millisecond
	assert.Equal(t, []time.Duration{100 * ms, 200 * ms, 400 * ms, 800 * ms, time.Second, time.Second}, got)
	for _, v := range []string{"soon", "-1", ""} {
		resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {v}}}
		assert.Equal(t, 400*ms, errretry.Backoff(minWait, maxWait, 2, resp), "malformed %q", v)
	}
}

func TestErrorHandler(t *testing.T) {
	resp, b := responseTo(t, "GET", false, 500, internal)
	resp.Header.Set("X-Request-Id", "r-500")
	got, err := errretry.ErrorHandler(resp, nil, 4)
	assert.Nil(t, got)
	assert.EqualError(t, err, "errretry: giving up after 4 attempt(s): octopus.000002: Internal server error (HTTP 500, request id r-500)")
	assert.ErrorIs(t, err, errcode.InternalServerError)
	assert.True(t, b.closed)

	resp, b = responseTo(t, "GET", false, 500, internal)
	got, err = errretry.ErrorHandler(resp, context.Canceled, 1)
	assert.Nil(t, got)
	assert.EqualError(t, err, "errretry: giving up after 1 attempt(s): context canceled; last answer: octopus.000002: Internal server error (HTTP 500)")
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, errcode.InternalServerError)
	assert.True(t, b.closed)

	resp, b = responseTo(t, "GET", false, 200, `{}`)
	got, err = errretry.ErrorHandler(resp, context.Canceled, 2)
	assert.Nil(t, got)
	assert.EqualError(t, err, "errretry: giving up after 2 attempt(s): context canceled")
	assert.True(t, b.closed, "a success is closed too")

	got, err = errretry.ErrorHandler(nil, nil, 3)
	assert.Nil(t, got)
	assert.EqualError(t, err, "errretry: giving up after 3 attempt(s)")
}

func TestRetryableHTTPReturnsTheLastAnswer(t *testing.T) {
	srv := newServer(t,
		answer{status: 503, body: `<html>busy</html>`},
		answer{status: 500, header: http.Header{"X-Request-Id": {"r-500"}}, body: internal},
	)
	var waits []time.Duration
	var attempts int
	resp, err := newClient(&waits, &attempts).Get(srv.URL + "/v1/scenarios")
	assert.Nil(t, resp)
	assert.EqualError(t, err, "errretry: giving up after 4 attempt(s): octopus.000002: Internal server error (HTTP 500, request id r-500)")
	assert.ErrorIs(t, err, errcode.InternalServerError)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 500, re.StatusCode)
	assert.Equal(t, errcode.InternalServerError, re.Code)
	assert.Equal(t, "octopus.000002", re.WireCode)
	assert.Equal(t, "Internal server error", re.Message)
	assert.Equal(t, "r-500", re.RequestID)
	assert.Equal(t, 4, attempts)
	assert.Len(t, srv.got(), 4)
	assert.Equal(t, []time.Duration{time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond}, waits)
}

func TestRetryableHTTPWaitsWhatRetryAfterAsks(t *testing.T) {
	srv := newServer(t,
		answer{status: 429, header: http.Header{"Retry-After": {"1"}}, body: throttled},
		answer{status: 503, header: http.Header{"Retry-After": {"1"}}, body: iamUnavailable},
		answer{status: 200, body: `{"scenarios":[]}`},
	)
	var waits []time.Duration
	var attempts int
	start := time.Now()
	resp, err := newClient(&waits, &attempts).Post(srv.URL+"/v1/scenarios", "application/json", []byte(`{}`))
	elapsed := time.Since(start)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 3, attempts, "retried exactly twice, a POST too: refused unprocessed")
	assert.Equal(t, []time.Duration{time.Second, time.Second}, waits, "the waits Retry-After asked")
	assert.GreaterOrEqual(t, elapsed, 2*time.Second, "and waited them")
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"scenarios":[]}`, string(body))
}

func TestRetryableHTTPDoesNotRetryAPostThatMayHaveBeenProcessed(t *testing.T) {
	srv := newServer(t, answer{status: 500, body: internal}, answer{status: 201, body: `{"job_id":"j1"}`})
	var waits []time.Duration
	var attempts int
	resp, err := newClient(&waits, &attempts).Post(srv.URL+"/v1/jobs", "application/json", strings.NewReader(`{"name":"j"}`))
	require.NoError(t, err, "a response it does not retry goes to the caller")
	assert.Equal(t, []request{{"POST", "", `{"name":"j"}`}}, srv.got(), "sent once")
	assert.Empty(t, waits)

	err = errcode.FromResponse(resp)
	assert.ErrorIs(t, err, errcode.InternalServerError)
	assert.EqualError(t, err, "octopus.000002: Internal server error (HTTP 500)")
}

// TestRetryableHTTPDoesNotRetryARedirectedPost checks that a POST the
// server acted on and answered 303, whose GET then failed with a row that
// an idempotent request may retry, is not sent again: the retry would send
// the POST.
func TestRetryableHTTPDoesNotRetryARedirectedPost(t *testing.T) {
	srv := newServer(t,
		answer{status: http.StatusSeeOther, header: http.Header{"Location": {"/v1/jobs/j1"}}},
		answer{status: 500, body: internal})
	var waits []time.Duration
	var attempts int
	resp, err := newClient(&waits, &attempts).Post(srv.URL+"/v1/jobs", "application/json", strings.NewReader(`{"name":"j"}`))
	require.NoError(t, err, "a response it does not retry goes to the caller")
	assert.Equal(t, []request{{"POST", "", `{"name":"j"}`}, {"GET", "", ""}}, srv.got(), "the POST sent once")
	assert.Empty(t, waits)
	assert.ErrorIs(t, errcode.FromResponse(resp), errcode.InternalServerError)
}

func TestRetryableHTTPRetriesAPostWithAnIdempotencyKey(t *testing.T) {
	srv := newServer(t, answer{status: 500, body: internal}, answer{status: 201, body: `{"job_id":"j1"}`})
	var waits []time.Duration
	var attempts int
	req, err := retryablehttp.NewRequest(http.MethodPost, srv.URL+"/v1/jobs", []byte(`{"name":"j"}`))
	require.NoError(t, err)
	req.Header.Set("Idempotency-Key", "7c1d")
	resp, err := newClient(&waits, &attempts).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, []request{{"POST", "7c1d", `{"name":"j"}`}, {"POST", "7c1d", `{"name":"j"}`}}, srv.got(), "sent again, the same")
	assert.Equal(t, []time.Duration{time.Millisecond}, waits)
}

func TestRetryableHTTPNeverRetriesAnExpiredToken(t *testing.T) {
	// Longer than the 1 MiB that CheckRetry reads.
	long := `{"error_code":"octopus.000102","error_msg":"The request token expires","pad":"` + strings.Repeat("p", 3<<19) + `"}`
	for _, body := range []string{expired, long} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			srv := newServer(t, answer{status: 401, header: http.Header{"X-Request-Id": {"r-401"}}, body: body})
			var waits []time.Duration
			var attempts int
			req, err := retryablehttp.NewRequest(method, srv.URL+"/v1/scenarios", nil)
			require.NoError(t, err)
			req.Header.Set("Idempotency-Key", "k")
			resp, err := newClient(&waits, &attempts).Do(req)
			require.NoError(t, err)
			assert.Equal(t, 1, attempts, "%s sent once", method)
			assert.Empty(t, waits)

			got, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())
			assert.Equal(t, len(body), len(got), "the whole body")
			assert.Equal(t, body, string(got))
		}
	}
}

func TestRetryableHTTPTransportErrors(t *testing.T) {
	srv := newServer(t, answer{hangUp: true}, answer{status: 200, body: `{}`})
	var waits []time.Duration
	var attempts int
	_, err := newClient(&waits, &attempts).Post(srv.URL+"/v1/jobs", "application/json", []byte(`{"name":"j"}`))
	assert.EqualError(t, err, fmt.Sprintf(`errretry: giving up after 1 attempt(s): Post "%s/v1/jobs": EOF`, srv.URL))
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, []request{{"POST", "", `{"name":"j"}`}}, srv.got(), "read by the server, then not sent again")
	assert.Empty(t, waits)

	srv = newServer(t, answer{hangUp: true}, answer{status: 200, body: `{}`})
	attempts = 0
	resp, err := newClient(&waits, &attempts).Get(srv.URL + "/v1/jobs")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, 2, attempts, "a GET is sent again")

	srv = newServer(t, answer{hangUp: true})
	attempts = 0
	_, err = newClient(&waits, &attempts).Get(srv.URL + "/v1/jobs")
	assert.EqualError(t, err, fmt.Sprintf(`errretry: giving up after 4 attempt(s): Get "%s/v1/jobs": EOF`, srv.URL))
	assert.Equal(t, 4, attempts)
}

func TestRetryableHTTPRetriesAPostThatNeverLeft(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens: the dial is refused

	var waits []time.Duration
	var attempts int
	_, err = newClient(&waits, &attempts).Post("http://"+addr+"/v1/jobs", "application/json", []byte(`{"name":"j"}`))
	assert.Equal(t, 4, attempts)
	assert.Len(t, waits, 3)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), fmt.Sprintf(`errretry: giving up after 4 attempt(s): Post "http://%s/v1/jobs": dial tcp %s: `, addr, addr)), err.Error())
	var opErr *net.OpError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, "dial", opErr.Op)
}

func TestRetryableHTTPDoesNotRetryABadScheme(t *testing.T) {
	var waits []time.Duration
	var attempts int
	_, err := newClient(&waits, &attempts).Get("ftp://octopus.example/v1")
	assert.EqualError(t, err, `errretry: giving up after 1 attempt(s): Get "ftp://octopus.example/v1": unsupported protocol scheme "ftp"`)
	assert.Equal(t, 1, attempts)
	assert.Empty(t, waits)
}
