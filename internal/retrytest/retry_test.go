package retrytest_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A server answers each request with the next of its answers, and the last
// one after that, and records the requests it got.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	answers  []answer
	requests []request
}

type answer struct {
	status int
	header http.Header
	body   string
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

// newClient returns a go-retryablehttp client with errcode's policy and
// backoff, which records each wait it returns, and no log.
func newClient(waits *[]time.Duration) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.Logger = nil
	c.RetryMax = 3
	c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, 5*time.Millisecond
	c.CheckRetry = errcode.CheckRetry
	c.Backoff = func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		wait := errcode.Backoff(minWait, maxWait, attempt, resp)
		*waits = append(*waits, wait)
		return wait
	}
	return c
}

const (
	throttled = `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}`
	internal  = `{"error_code":"octopus.000002","error_msg":"Internal server error"}`
	expired   = `{"error_code":"octopus.000102","error_msg":"The request token expires"}`
)

func TestRetryableHTTPWaitsWhatRetryAfterAsks(t *testing.T) {
	srv := newServer(t,
		answer{429, http.Header{"Retry-After": {"1"}}, throttled},
		answer{429, http.Header{"Retry-After": {"1"}}, throttled},
		answer{200, nil, `{"scenarios":[]}`},
	)
	var waits []time.Duration
	start := time.Now()
	resp, err := newClient(&waits).Get(srv.URL + "/v1/scenarios")
	elapsed := time.Since(start)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Len(t, srv.got(), 3, "retried exactly twice")
	assert.Equal(t, []time.Duration{time.Second, time.Second}, waits, "the waits Retry-After asked")
	assert.GreaterOrEqual(t, elapsed, 2*time.Second, "and waited them")
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"scenarios":[]}`, string(body))
}

func TestRetryableHTTPDoesNotRetryAPostThatMayHaveBeenProcessed(t *testing.T) {
	srv := newServer(t, answer{500, nil, internal}, answer{201, nil, `{"job_id":"j1"}`})
	var waits []time.Duration
	resp, err := newClient(&waits).Post(srv.URL+"/v1/jobs", "application/json", strings.NewReader(`{"name":"j"}`))
	require.NoError(t, err, "a response it does not retry goes to the caller")
	assert.Equal(t, []request{{"POST", "", `{"name":"j"}`}}, srv.got(), "sent once")
	assert.Empty(t, waits)

	err = errcode.FromResponse(resp)
	assert.ErrorIs(t, err, errcode.InternalServerError)
	assert.Equal(t, "octopus.000002: Internal server error (HTTP 500)", err.Error())
	assert.False(t, errcode.Retryable(err))
}

func TestRetryableHTTPRetriesAPostWithAnIdempotencyKey(t *testing.T) {
	srv := newServer(t, answer{500, nil, internal}, answer{201, nil, `{"job_id":"j1"}`})
	var waits []time.Duration
	req, err := retryablehttp.NewRequest(http.MethodPost, srv.URL+"/v1/jobs", []byte(`{"name":"j"}`))
	require.NoError(t, err)
	req.Header.Set("Idempotency-Key", "7c1d")
	resp, err := newClient(&waits).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, []request{{"POST", "7c1d", `{"name":"j"}`}, {"POST", "7c1d", `{"name":"j"}`}}, srv.got(), "sent again, the same")
	require.Len(t, waits, 1)
	assert.GreaterOrEqual(t, waits[0], time.Millisecond, "backed off within the client's bounds")
	assert.LessOrEqual(t, waits[0], 5*time.Millisecond)
}

func TestRetryableHTTPNeverRetriesAnExpiredToken(t *testing.T) {
	// Longer than the 1 MiB that CheckRetry reads and FromBody decodes.
	long := `{"error_code":"octopus.000102","error_msg":"The request token expires","pad":"` + strings.Repeat("p", 3<<19) + `"}`
	for _, body := range []string{expired, long} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			srv := newServer(t, answer{401, http.Header{"X-Request-Id": {"r-401"}}, body})
			var waits []time.Duration
			req, err := retryablehttp.NewRequest(method, srv.URL+"/v1/scenarios", nil)
			require.NoError(t, err)
			req.Header.Set("Idempotency-Key", "k")
			resp, err := newClient(&waits).Do(req)
			require.NoError(t, err)
			assert.Len(t, srv.got(), 1, "%s sent once", method)
			assert.Empty(t, waits)

			got, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())
			assert.Equal(t, len(body), len(got), "the whole body")
			assert.Equal(t, body, string(got))

			err = errcode.FromBody(resp.StatusCode, resp.Header, got, resp.Request)
			assert.False(t, errcode.Retryable(err))
			if body == expired {
				assert.ErrorIs(t, err, errcode.TokenExpired)
				assert.Equal(t, "octopus.000102: The request token expires (HTTP 401, request id r-401)", err.Error())
			}
		}
	}
	// The same through FromResponse, after the policy ran.
	srv := newServer(t, answer{401, nil, expired})
	var waits []time.Duration
	resp, err := newClient(&waits).Get(srv.URL)
	require.NoError(t, err)
	err = errcode.FromResponse(resp)
	assert.ErrorIs(t, err, errcode.TokenExpired)
	assert.Equal(t, expired, mustJSON(t, err))
}

func TestRetryableHTTPDoesNotRetryABadScheme(t *testing.T) {
	var waits []time.Duration
	attempts := 0
	c := newClient(&waits)
	c.RequestLogHook = func(retryablehttp.Logger, *http.Request, int) { attempts++ }
	_, err := c.Get("ftp://octopus.example/v1")
	require.Error(t, err)
	assert.Equal(t, 1, attempts)
	assert.Empty(t, waits)
}

func TestRestyDecodesTheExactRow(t *testing.T) {
	srv := newServer(t, answer{409, http.Header{"X-Request-Id": {"r-409"}},
		`{"error_code":"octopus.101006","error_msg":"Tag Used In Data Warehouse"}`})
	resp, err := resty.New().R().SetHeader("Idempotency-Key", "k").Post(srv.URL + "/v1/tags/t1")
	require.NoError(t, err)

	err = errcode.FromBody(resp.StatusCode(), resp.Header(), resp.Body(), resp.Request.RawRequest)
	require.Error(t, err)
	var code errcode.Code
	require.ErrorAs(t, err, &code)
	assert.Equal(t, errcode.TagUsedInDataWarehouse, code, "the exact row of three")
	assert.ErrorIs(t, err, errcode.TagUsedInDataWarehouse)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, &errcode.ResponseError{
		StatusCode:        409,
		Code:              errcode.TagUsedInDataWarehouse,
		WireCode:          "octopus.101006",
		Message:           "Tag Used In Data Warehouse",
		RequestID:         "r-409",
		Method:            http.MethodPost,
		HasIdempotencyKey: true,
	}, re)

	ok, err := resty.New().R().Get(srv.URL)
	require.NoError(t, err)
	assert.NoError(t, errcode.FromBody(200, ok.Header(), nil, nil))
}

func mustJSON(t *testing.T, err error) string {
	t.Helper()
	var re *errcode.ResponseError
	require.True(t, errors.As(err, &re))
	b, jsonErr := re.MarshalJSON()
	require.NoError(t, jsonErr)
	return string(bytes.TrimSpace(b))
}
