package errcode_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// body is a response body that records whether it was closed.
type body struct {
	io.Reader
	closed bool
}

func (b *body) Close() error { b.closed = true; return nil }

func response(status int, header http.Header, text string) (*http.Response, *body) {
	b := &body{Reader: strings.NewReader(text)}
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: header, Body: b}, b
}

func decode(t *testing.T, status int, header http.Header, text string) *errcode.ResponseError {
	t.Helper()
	resp, b := response(status, header, text)
	err := errcode.FromResponse(resp)
	require.Error(t, err)
	var re *errcode.ResponseError
	require.True(t, errors.As(err, &re))
	assert.True(t, b.closed, "the body is closed")
	return re
}

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
	assert.True(t, errors.Is(re, errcode.ScenarioNotFound))
	assert.False(t, errors.Is(re, errcode.TagNotFound))
	assert.Equal(t, "octopus.107002: Scenario is not exists (HTTP 404, request id req-42)", re.Error())
}

func TestFromResponseBodyShapes(t *testing.T) {
	for _, tt := range []struct {
		name, body    string
		code, msg, id string
	}{
		{"code and message", `{"code":"octopus.000102","message":"The request token expires","request_id":"r1"}`, "octopus.000102", "The request token expires", "r1"},
		{"nested", `{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information: decrypt token fail"},"request_id":"r2"}`, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail", "r2"},
		{"nested error_code", `{"error":{"error_code":"octopus.000102","error_msg":"请求token过期","request_id":"r3"}}`, "octopus.000102", "请求token过期", "r3"},
		{"error_code wins over code", `{"code":"x.1","error_code":"octopus.000102","error_msg":"m"}`, "octopus.000102", "m", ""},
		{"BOM", "\uFEFF" + `{"error_code":"octopus.000102","error_msg":"m"}`, "octopus.000102", "m", ""},
	} {
		re := decode(t, 401, nil, tt.body)
		assert.Equal(t, tt.code, re.WireCode, tt.name)
		assert.Equal(t, tt.msg, re.Message, tt.name)
		assert.Equal(t, tt.id, re.RequestID, tt.name)
		assert.Empty(t, re.Excerpt, tt.name)
		want, _ := errcode.Lookup(tt.code)
		assert.True(t, errors.Is(re, want), tt.name)
	}
}

func TestFromResponseKeepsUndocumentedCodes(t *testing.T) {
	re := decode(t, 409, nil, `{"error_code":"octopus.402009","error_msg":"您请求的资源已经被占用,或存在关联资源"}`)
	assert.Equal(t, errcode.Code(0), re.Code)
	assert.Equal(t, "octopus.402009", re.WireCode)
	assert.Equal(t, "您请求的资源已经被占用,或存在关联资源", re.Message)
	for c := range errcode.All() {
		require.False(t, errors.Is(re, c), c.Name())
	}
	assert.Equal(t, "octopus.402009: 您请求的资源已经被占用,或存在关联资源 (HTTP 409)", re.Error())
}

func TestFromResponsePicksTheRowByMessage(t *testing.T) {
	for msg, want := range map[string]errcode.Code{
		"Tag Used In Packages":       errcode.TagUsedInPackages,
		"tag used in packages.":      errcode.TagUsedInPackages,
		"标签被数据仓库引用":                  errcode.TagUsedInDataWarehouse,
		"标签被数据仓库引用。":                 errcode.TagUsedInDataWarehouse,
		"Tag Used In Data Warehouse": errcode.TagUsedInDataWarehouse,
		"something else":             errcode.TagUsedInSegments,
	} {
		re := decode(t, 409, nil, `{"error_code":"octopus.101006","error_msg":"`+msg+`"}`)
		assert.Equal(t, want, re.Code, msg)
		assert.Equal(t, msg, re.Message, "kept as sent")
	}
}

func TestFromResponseNotJSON(t *testing.T) {
	page := "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
	re := decode(t, 502, http.Header{"X-Request-Id": {"abc"}}, page)
	assert.Equal(t, &errcode.ResponseError{StatusCode: 502, RequestID: "abc", Excerpt: page}, re)
	assert.Equal(t, `unexpected response: "`+page+`" (HTTP 502, request id abc)`, re.Error())
	assert.True(t, errcode.Retryable(re))

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
	r := &countingReader{}
	resp := &http.Response{StatusCode: 500, Header: http.Header{}, Body: io.NopCloser(r)}
	err := errcode.FromResponse(resp)
	var re *errcode.ResponseError
	require.True(t, errors.As(err, &re))
	assert.Equal(t, 500, re.StatusCode)
	assert.LessOrEqual(t, r.n, int64(1<<20+64<<10+32<<10), "1 MiB, a drain of 64 KiB, and one read's slack")
	assert.NotEmpty(t, re.Excerpt)
}

// countingReader is a body that never ends.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	r.n += int64(len(p))
	return len(p), nil
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

	for _, v := range []string{"", "soon", "-1", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)} {
		re = decode(t, 503, http.Header{"Retry-After": {v}}, ``)
		_, ok = errcode.RetryAfter(re)
		assert.False(t, ok, v)
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
