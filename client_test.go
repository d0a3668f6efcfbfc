package errcode_test

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromResponseSuccessIsNil(t *testing.T) {
	for _, status := range []int{100, 101, 200, 201, 204, 301, 304, 399} {
		resp, b := response(status, nil, `{"error_code":"octopus.107002"}`)
		assert.NoError(t, errcode.FromResponse(resp), status)
		assert.False(t, b.closed, "a success body is the caller's to read")
		assert.NoError(t, errcode.FromBody(status, nil, []byte(`{"error_code":"octopus.107002"}`), nil), status)
	}
	assert.NoError(t, errcode.FromResponse(nil))
	for _, status := range []int{0, 99, 400, 404, 599, 600} {
		resp, b := response(status, nil, `{"error_code":"octopus.107002"}`)
		assert.Equal(t, errcode.ResponseError{StatusCode: status, Code: errcode.ScenarioNotFound, WireCode: "octopus.107002"},
			sent(errcode.FromResponse(resp)), "%d is an error", status)
		assert.True(t, b.closed, status)
	}
}

func TestFromResponseDecodesTheBody(t *testing.T) {
	re := decode(t, 404, http.Header{"X-Request-Id": {"req-42"}},
		`{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`)
	assert.Equal(t, &errcode.ResponseError{
		StatusCode: 404,
		Code:       errcode.ScenarioNotFound,
		WireCode:   "octopus.107002",
		Message:    "Scenario is not exists",
		RequestID:  "req-42",
	}, re)
	assert.ErrorIs(t, re, errcode.ScenarioNotFound)
	assert.NotErrorIs(t, re, errcode.TagNotFound)
	assert.ErrorIs(t, re, &errcode.ResponseError{StatusCode: 404, Code: errcode.ScenarioNotFound}, "a *ResponseError target")
	assert.NotErrorIs(t, re, &errcode.ResponseError{StatusCode: 404, Code: errcode.TagNotFound})
	assert.Equal(t, "octopus.107002: Scenario is not exists (HTTP 404, request id req-42)", re.Error())
}

func TestFromResponseKeepsUndocumentedCodes(t *testing.T) {
	re := decode(t, 409, nil, `{"error_code":"octopus.402009","error_msg":"您请求的资源已经被占用,或存在关联资源"}`)
	assert.Equal(t, errcode.Code(0), re.Code)
	assert.Equal(t, "octopus.402009", re.WireCode)
	assert.Equal(t, "您请求的资源已经被占用,或存在关联资源", re.Message)
	for c := range errcode.All() {
		assert.NotErrorIs(t, re, c, c.Name())
	}
	assert.Equal(t, "octopus.402009: 您请求的资源已经被占用,或存在关联资源 (HTTP 409)", re.Error())
}

func TestFromResponseNotJSON(t *testing.T) {
	page := "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
	re := decode(t, 502, http.Header{"X-Request-Id": {"abc"}}, page)
	assert.Equal(t, &errcode.ResponseError{StatusCode: 502, RequestID: "abc", Excerpt: page}, re)
	assert.Equal(t, `unexpected response: "`+page+`" (HTTP 502, request id abc)`, re.Error())
	assert.False(t, errcode.Retryable(re), "a 502 may come after the upstream acted, and no request is known")

	re = decode(t, 503, nil, "")
	assert.Equal(t, &errcode.ResponseError{StatusCode: 503}, re)
	assert.Equal(t, "error response without a body (HTTP 503)", re.Error())

	re = decode(t, 500, nil, `{"error_code":"octopus.0000`)
	assert.Equal(t, `{"error_code":"octopus.0000`, re.Excerpt)
	assert.Empty(t, re.WireCode)

	re = decode(t, 400, nil, strings.Repeat("x", 1000))
	assert.Equal(t, strings.Repeat("x", 256)+"…", re.Excerpt)
	re = decode(t, 400, nil, strings.Repeat("x", 256))
	assert.Equal(t, strings.Repeat("x", 256), re.Excerpt, "256 bytes: whole")
	re = decode(t, 400, nil, strings.Repeat("x", 257))
	assert.Equal(t, strings.Repeat("x", 256)+"…", re.Excerpt, "257 bytes: cut")
	re = decode(t, 400, nil, strings.Repeat("中", 90))
	assert.Equal(t, strings.Repeat("中", 85)+"…", re.Excerpt, "cut at a character")
}

func TestFromResponseReadsABoundedAmount(t *testing.T) {
	body := &fakeBody{r: endless('a')}
	resp := &http.Response{StatusCode: 500, Header: http.Header{}, Body: body}
	err := errcode.FromResponse(resp)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 500, re.StatusCode)
	assert.GreaterOrEqual(t, body.read, 1<<20, "the MiB it decodes")
	assert.LessOrEqual(t, body.read, 1<<20+64<<10, "1 MiB, then a drain of at most 64 KiB")
	assert.Equal(t, strings.Repeat("a", 256)+"…", re.Excerpt)
	assert.True(t, body.closed)
}

// TestFromResponseDrainsTheBody checks that FromResponse reads a body to
// its end when the end is at most 64 KiB past the MiB it decodes, with
// and without a Content-Length, so that the connection can be reused;
// and no further.
func TestFromResponseDrainsTheBody(t *testing.T) {
	for _, n := range []int{0, 67, 511, 512, 513, 4 << 10, 1<<20 - 1, 1 << 20, 1<<20 + 1, 1<<20 + 64<<10 - 1} {
		for _, length := range []int64{-1, int64(n)} {
			body := &fakeBody{r: strings.NewReader(strings.Repeat("x", n))}
			resp := &http.Response{StatusCode: 502, Header: http.Header{}, Body: body, ContentLength: length}
			require.Error(t, errcode.FromResponse(resp))
			assert.True(t, body.eof, "%d bytes, Content-Length %d: read to the end", n, length)
			assert.Equal(t, n, body.read, "%d bytes, Content-Length %d", n, length)
			assert.True(t, body.closed)
		}
	}
	for _, n := range []int{1<<20 + 64<<10 + 1, 2 << 20} {
		body := &fakeBody{r: strings.NewReader(strings.Repeat("x", n))}
		require.Error(t, errcode.FromResponse(&http.Response{StatusCode: 502, Header: http.Header{}, Body: body, ContentLength: -1}))
		assert.False(t, body.eof, "%d bytes: too long to drain", n)
		assert.LessOrEqual(t, body.read, 1<<20+64<<10, n)
		assert.True(t, body.closed)
	}
}

// TestFromResponseLetsTheConnectionBeReused sends error responses whose
// bodies are longer than the MiB FromResponse decodes, but within the 64
// KiB it drains, from a real server, with a Content-Length and chunked:
// the client reuses one connection for them all.
func TestFromResponseLetsTheConnectionBeReused(t *testing.T) {
	const size = 1<<20 + 32<<10
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("length") {
			w.Header().Set("Content-Length", strconv.Itoa(size))
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(bytes.Repeat([]byte("x"), size))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	for _, query := range []string{"?length", "", "?length", ""} {
		resp, err := srv.Client().Get(srv.URL + query)
		require.NoError(t, err)
		var re *errcode.ResponseError
		require.ErrorAs(t, errcode.FromResponse(resp), &re)
		assert.Equal(t, http.StatusServiceUnavailable, re.StatusCode)
	}
	assert.Equal(t, int32(1), conns.Load(), "one connection for all the requests")
}

func TestResponseErrorShowsWhatWasSent(t *testing.T) {
	for _, tt := range []struct {
		status     int
		body, want string
	}{
		{429, `{"message":"Quota exceeded for project p-1"}`, "Quota exceeded for project p-1 (HTTP 429)"},
		{504, `{"error":{"message":"backend timeout"}}`, "backend timeout (HTTP 504)"},
		{404, `{"code":404,"message":"scenario s9 not found"}`, "404: scenario s9 not found (HTTP 404)"},
		{404, `{"error_code":107002,"error_msg":"x"}`, "107002: x (HTTP 404)"},
		{400, `{"error_code":-1.5e3}`, "-1.5e3 (HTTP 400)"},
	} {
		re := decode(t, tt.status, nil, tt.body)
		assert.Equal(t, tt.want, re.Error(), tt.body)
		assert.Empty(t, re.Excerpt, tt.body)
		assert.Zero(t, re.Code, "a number is not a documented code: %s", tt.body)
	}
}

func TestResponseErrorEscapesWhatWasSent(t *testing.T) {
	re := decode(t, 400, http.Header{"X-Request-Id": {"r\r\n1"}},
		`{"error_code":"octopus.000001","error_msg":"bad\u001b]0;owned\u0007\n\nretryable: yes \\ \u202e\u00a0 中"}`)
	assert.Equal(t, "bad\x1b]0;owned\x07\n\nretryable: yes \\ \u202e\u00a0 中", re.Message, "kept as sent")
	assert.Equal(t, `octopus.000001: bad\x1b]0;owned\a\n\nretryable: yes \\ \u202e\u00a0 中 (HTTP 400, request id r\r\n1)`, re.Error())

	invalid := &errcode.ResponseError{StatusCode: 502, WireCode: "x\xff", Message: "\x00"}
	assert.Equal(t, `x\xff: \x00 (HTTP 502)`, invalid.Error())
}

func TestResponseErrorIsBounded(t *testing.T) {
	long := strings.Repeat("é", 1<<19) // 1 MiB
	re := decode(t, 500, nil, `{"error_code":"octopus.000002","error_msg":"`+long[:1<<20-100]+`"}`)
	require.Len(t, re.Message, 1<<20-100, "kept as sent")
	assert.Equal(t, "octopus.000002: "+strings.Repeat("é", 128)+"… (HTTP 500)", re.Error())

	zh := strings.Repeat("中", 1<<20/3-100) // 3 bytes each
	re = decode(t, 500, nil, `{"error_code":"octopus.000002","error_msg":"`+zh+`"}`)
	require.Equal(t, zh, re.Message, "kept as sent")
	assert.Equal(t, "octopus.000002: "+strings.Repeat("中", 85)+"… (HTTP 500)", re.Error(), "cut at a character: 255 bytes")

	re = &errcode.ResponseError{StatusCode: 400, WireCode: strings.Repeat("c", 300), RequestID: strings.Repeat("\n", 300)}
	assert.Equal(t, strings.Repeat("c", 256)+"… (HTTP 400, request id "+strings.Repeat(`\n`, 256)+"…)", re.Error())
	re = &errcode.ResponseError{StatusCode: 502, Excerpt: strings.Repeat("x", 1000)}
	assert.Equal(t, `unexpected response: "`+strings.Repeat("x", 259)+`" (HTTP 502)`, re.Error())
}

func TestResponseErrorSaysTheCodeAsSent(t *testing.T) {
	re := decode(t, 429, nil, `{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached."}`)
	require.Equal(t, errcode.GatewayThrottled, re.Code)
	assert.Equal(t, "APIG.0308: The throttling threshold has been reached. (HTTP 429)", re.Error(), "the alias as sent, not the row's APIGW.0308")
	byHand := &errcode.ResponseError{StatusCode: 404, Code: errcode.ScenarioNotFound}
	assert.Equal(t, "octopus.107002 (HTTP 404)", byHand.Error(), "no code sent: the row's")
	byHand = &errcode.ResponseError{StatusCode: 404, Code: errcode.Code(60000), Message: "gone"}
	assert.Equal(t, "gone (HTTP 404)", byHand.Error(), "an undocumented Code says nothing")
}

func TestResponseErrorIsNilSafe(t *testing.T) {
	var re *errcode.ResponseError
	assert.Equal(t, "<nil>", re.Error())
	assert.False(t, re.Is(errcode.ScenarioNotFound))
	assert.False(t, errcode.Retryable(re))
	_, ok := errcode.RetryAfter(re)
	assert.False(t, ok)
}

func TestFromBodyKeepsTheRequest(t *testing.T) {
	const body = `{"error_code":"octopus.000002","error_msg":"Internal server error"}`
	for _, tt := range []struct {
		method, key string
		retryable   bool
	}{
		{http.MethodPost, "", false},
		{http.MethodPatch, "", false},
		{http.MethodPost, "k-1", true},
		{http.MethodGet, "", true},
		{"", "", true}, // a client request's "" is GET
		{http.MethodPut, "", true},
		{http.MethodDelete, "", true},
		{http.MethodOptions, "", true},
		{http.MethodTrace, "", true},
		{http.MethodHead, "", true},
		{"get", "", false}, // methods are case-sensitive
	} {
		req := httptest.NewRequest(http.MethodGet, "/scenarios", nil)
		req.Method = tt.method
		if tt.key != "" {
			req.Header.Set("Idempotency-Key", tt.key)
		}
		err := errcode.FromBody(500, http.Header{}, []byte(body), req)
		var re *errcode.ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, tt.retryable, errcode.Retryable(err), "%s key %q", tt.method, tt.key)
		assert.ErrorIs(t, err, errcode.InternalServerError)

		resp, _ := response(500, nil, body)
		resp.Request = req
		fromResponse := errcode.FromResponse(resp)
		assert.Equal(t, re, fromResponse, "FromResponse reads resp.Request")
		assert.Equal(t, tt.retryable, errcode.Retryable(fromResponse))
	}
	assert.NoError(t, errcode.FromBody(204, nil, nil, nil))
	assert.Equal(t, errcode.ResponseError{StatusCode: 503}, sent(errcode.FromBody(503, nil, nil, nil)))
}

func TestFromBodyReadsAtMostOneMiB(t *testing.T) {
	head := `{"error_code":"octopus.107002","error_msg":"`
	body := []byte(head + strings.Repeat("a", 2<<20) + `"}`)
	var re *errcode.ResponseError
	require.ErrorAs(t, errcode.FromBody(404, nil, body, nil), &re)
	assert.Empty(t, re.WireCode, "cut at 1 MiB: no JSON")
	assert.Equal(t, head+strings.Repeat("a", 256-len(head))+"…", re.Excerpt)
}

// TestAllocsFromResponse pins what reading a typical 404 with its
// Content-Length costs: the buffer the body is read into, the
// *ResponseError and the one string of its code and message; encoding/json's
// decode state is used again.
func TestAllocsFromResponse(t *testing.T) {
	resp, body := octopusErrorResponse()
	resp.ContentLength = int64(len(octopusErrorBody))
	var err error
	got := allocs(t, func() {
		body.reset(octopusErrorBody)
		err = errcode.FromResponse(resp)
	})
	assert.Equal(t, 3.0, got)
	require.ErrorIs(t, err, errcode.ScenarioNotFound)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "5f0c3f9e-2a46-4f2b-9d33-8c1e7d1f4b2a", re.RequestID)
	require.Equal(t, "Scenario is not exists", re.Message)
}

// TestAllocsFromResponseReadsIntoOneBuffer checks that FromResponse reads
// a body into one buffer, sized from the Content-Length when there is
// one: it costs one allocation more than FromBody on the bytes read.
func TestAllocsFromResponseReadsIntoOneBuffer(t *testing.T) {
	long := `{"error_code":"octopus.000003","error_msg":"Request params [name:` + strings.Repeat("x", 2000) + `] is invalid"}`
	for name, tt := range map[string]struct {
		text   string
		length int64
	}{
		"a typical body, no Content-Length":                                     {octopusErrorBody, -1},
		"a typical body, a Content-Length of 0, as in a response built by hand": {octopusErrorBody, 0},
		"a typical body, its Content-Length":                                    {octopusErrorBody, int64(len(octopusErrorBody))},
		"a 2 KiB body, its Content-Length":                                      {long, int64(len(long))},
		"a 2 KiB body, a Content-Length of 1":                                   {long[:1], 1},
	} {
		resp, body := response(http.StatusBadRequest, nil, tt.text)
		resp.ContentLength = tt.length
		got := allocs(t, func() {
			body.reset(tt.text)
			errcode.FromResponse(resp)
		})
		read := []byte(tt.text)
		want := allocs(t, func() { errcode.FromBody(http.StatusBadRequest, resp.Header, read, nil) })
		assert.Equal(t, want+1, got, name)
		require.True(t, body.eof, name)
	}
}
