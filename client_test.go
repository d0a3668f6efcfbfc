package errcode_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromResponseSuccessIsNil(t *testing.T) {
	for _, status := range []int{200, 201, 204, 301, 304, 399} {
		resp, b := response(status, nil, `{"error_code":"octopus.107002"}`)
		assert.NoError(t, errcode.FromResponse(resp), status)
		assert.False(t, b.closed, "a success body is the caller's to read")
	}
	assert.NoError(t, errcode.FromResponse(nil))
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
}

func TestFromResponseReadsABoundedAmount(t *testing.T) {
	body := &fakeBody{r: endless('a')}
	resp := &http.Response{StatusCode: 500, Header: http.Header{}, Body: body}
	err := errcode.FromResponse(resp)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 500, re.StatusCode)
	assert.LessOrEqual(t, body.read, 1<<20+64<<10+32<<10, "1 MiB, a drain of 64 KiB, and one read's slack")
	assert.NotEmpty(t, re.Excerpt)
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

	re = &errcode.ResponseError{StatusCode: 400, WireCode: strings.Repeat("c", 300), RequestID: strings.Repeat("\n", 300)}
	assert.Equal(t, strings.Repeat("c", 256)+"… (HTTP 400, request id "+strings.Repeat(`\n`, 256)+"…)", re.Error())
	re = &errcode.ResponseError{StatusCode: 502, Excerpt: strings.Repeat("x", 1000)}
	assert.Equal(t, `unexpected response: "`+strings.Repeat("x", 259)+`" (HTTP 502)`, re.Error())
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

// TestAllocsFromResponse allows FromResponse what its parts cost when
// written plainly: reading the body through io.LimitReader and io.ReadAll,
// a plain encoding/json decode of a struct of two strings, and two more
// (the *ResponseError and the io.LimitReader of the drain). The baselines
// are measured here, so that the target follows the standard library.
func TestAllocsFromResponse(t *testing.T) {
	resp, body := octopusErrorResponse()
	var err error
	got := allocs(t, func() {
		body.reset(octopusErrorBody)
		err = errcode.FromResponse(resp)
	})
	read := allocs(t, func() {
		body.reset(octopusErrorBody)
		io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
	})
	plain := allocs(t, func() { decodeSmallStruct(octopusErrorJSON) })
	assert.LessOrEqual(t, got, read+plain+2)
	require.ErrorIs(t, err, errcode.ScenarioNotFound)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "5f0c3f9e-2a46-4f2b-9d33-8c1e7d1f4b2a", re.RequestID)
	require.Equal(t, "Scenario is not exists", re.Message)
}
