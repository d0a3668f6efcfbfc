package errcode_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// Hostile input: what a peer can send to a service (request headers) or to
// a client (response bodies), and what a caller can put in a placeholder.
// docs/reliability.md lists the classes tried and what each must give.

// json10MiB is a documented error body padded to 10 MiB: valid JSON,
// but cut at the 1 MiB FromResponse reads.
func json10MiB() []byte {
	head := `{"error_code":"octopus.107002","error_msg":"Scenario is not exists","pad":"`
	b := make([]byte, 0, 10<<20)
	b = append(b, head...)
	b = append(b, bytes.Repeat([]byte("a"), 10<<20-len(head)-2)...)
	return append(b, `"}`...)
}

// nginx502 is the page nginx answers a 502 with.
const nginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
	"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

func TestHostileResponseBodies(t *testing.T) {
	json10 := json10MiB()
	deep := strings.Repeat(`{"error":`, 10000) + `{"error_code":"octopus.107002"}` + strings.Repeat("}", 10000)
	deepArray := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	longHTML := "<!DOCTYPE html><html><body>" + strings.Repeat("<p>Service Unavailable</p>", 40) + "</body></html>"
	for _, tc := range []struct {
		name   string
		status int
		header http.Header
		body   []byte
		want   errcode.ResponseError // StatusCode is set from status
	}{
		{
			name: "10 MiB of JSON is cut at 1 MiB: an excerpt", status: 404, body: json10,
			want: errcode.ResponseError{Excerpt: string(json10[:256]) + "…"},
		},
		{
			name: "10 MiB of garbage: an excerpt of 256 bytes, valid UTF-8", status: 500,
			body: bytes.Repeat([]byte("\x00\xff"), 5<<20),
			want: errcode.ResponseError{Excerpt: strings.Repeat("\x00\ufffd", 63) + "\x00…"},
		},
		{
			name: "JSON nested 10,000 deep is past encoding/json's depth: an excerpt", status: 400, body: []byte(deep),
			want: errcode.ResponseError{Excerpt: deep[:256] + "…"},
		},
		{
			name: "an array nested 10,000 deep is not an object: an excerpt", status: 400, body: []byte(deepArray),
			want: errcode.ResponseError{Excerpt: deepArray[:256] + "…"},
		},
		{
			name: "error_code as a number: kept as written, not documented", status: 404,
			body: []byte(`{"error_code":107002,"error_msg":"Scenario is not exists"}`),
			want: errcode.ResponseError{WireCode: "107002", Message: "Scenario is not exists"},
		},
		{
			name: "error_code as an object: the message kept, no code", status: 404,
			body: []byte(`{"error_code":{"code":"octopus.107002"},"error_msg":"Scenario is not exists"}`),
			want: errcode.ResponseError{Message: "Scenario is not exists"},
		},
		{
			name: "error_code as a number alone: kept as written", status: 404,
			body: []byte(` {"error_code":1.07002e5} `),
			want: errcode.ResponseError{WireCode: "1.07002e5"},
		},
		{
			name: "error_code null: code is read", status: 404,
			body: []byte(`{"error_code":null,"code":"octopus.107002"}`),
			want: errcode.ResponseError{Code: errcode.ScenarioNotFound, WireCode: "octopus.107002"},
		},
		{
			name: "duplicate keys: the last wins, as in encoding/json", status: 404,
			body: []byte(`{"error_code":"octopus.107002","error_msg":"Scenario is not exists","error_code":"octopus.000002"}`),
			want: errcode.ResponseError{Code: errcode.InternalServerError, WireCode: "octopus.000002", Message: "Scenario is not exists"},
		},
		{
			name: "invalid UTF-8 in the message: replaced by U+FFFD", status: 404,
			body: []byte("{\"error_code\":\"octopus.107002\",\"error_msg\":\"Scenario \xff\xfe is not exists\"}"),
			want: errcode.ResponseError{Code: errcode.ScenarioNotFound, WireCode: "octopus.107002", Message: "Scenario \ufffd\ufffd is not exists"},
		},
		{
			name: "invalid UTF-8 in the code: kept as sent, not documented", status: 404,
			body: []byte("{\"error_code\":\"octopus.1070\xff2\"}"),
			want: errcode.ResponseError{WireCode: "octopus.1070\ufffd2"},
		},
		{
			name: "invalid UTF-8 outside strings: an excerpt, valid UTF-8", status: 400,
			body: []byte("{\"error_code\":\"octopus.107002\"\xff}"),
			want: errcode.ResponseError{Excerpt: "{\"error_code\":\"octopus.107002\"\ufffd}"},
		},
		{
			name: "a UTF-8 BOM is skipped", status: 404,
			body: []byte("\xef\xbb\xbf{\"error_code\":\"octopus.107002\",\"error_msg\":\"场景不存在\"}"),
			want: errcode.ResponseError{Code: errcode.ScenarioNotFound, WireCode: "octopus.107002", Message: "场景不存在"},
		},
		{
			name: "an HTML 502 page from a proxy", status: 502,
			header: http.Header{"Content-Type": {"text/html"}, "X-Request-Id": {"gw-1"}},
			body:   []byte(nginx502),
			want:   errcode.ResponseError{RequestID: "gw-1", Excerpt: strings.TrimSpace(nginx502)},
		},
		{
			name: "a long HTML page: 256 bytes and …", status: 503, body: []byte(longHTML),
			want: errcode.ResponseError{Excerpt: longHTML[:256] + "…"},
		},
		{
			name: "an empty 503", status: 503, header: http.Header{"Retry-After": {"120"}},
			body: []byte{},
			want: errcode.ResponseError{},
		},
		{
			name: "white space only", status: 503, body: []byte(" \r\n\t "),
			want: errcode.ResponseError{},
		},
		{
			name: "the header's request id wins over the body's", status: 404,
			header: http.Header{"X-Request-Id": {"hdr"}},
			body:   []byte(`{"error_code":"octopus.107002","request_id":"body"}`),
			want:   errcode.ResponseError{Code: errcode.ScenarioNotFound, WireCode: "octopus.107002", RequestID: "hdr"},
		},
		{
			name: "a malformed Retry-After is no wait", status: 429,
			header: http.Header{"Retry-After": {"soon"}},
			body:   []byte(`{"code":"APIGW.0308","message":"The throttling threshold has been reached."}`),
			want:   errcode.ResponseError{Code: errcode.GatewayThrottled, WireCode: "APIGW.0308", Message: "The throttling threshold has been reached."},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &fakeBody{r: bytes.NewReader(tc.body)}
			h := tc.header
			if h == nil {
				h = http.Header{}
			}
			err := errcode.FromResponse(&http.Response{StatusCode: tc.status, Header: h, Body: b})
			var re *errcode.ResponseError
			require.ErrorAs(t, err, &re)
			tc.want.StatusCode = tc.status
			assert.Equal(t, tc.want, sent(re))
			assert.True(t, b.closed, "body closed")
			assert.LessOrEqual(t, b.read, errcode.MaxBodyBytes+errcode.MaxDrainBytes, "bounded read")
			sameAsFromBody(t, re, tc.status, h, tc.body, nil)
			if tc.want.Code != 0 {
				assert.ErrorIs(t, err, tc.want.Code)
			}
		})
	}

	t.Run("a nil body", func(t *testing.T) {
		err := errcode.FromResponse(&http.Response{StatusCode: 503, Request: &http.Request{Method: "GET"}})
		assert.Equal(t, errcode.ResponseError{StatusCode: 503}, sent(err))
		assert.Equal(t, "error response without a body (HTTP 503)", err.Error())
		assert.True(t, errcode.Retryable(err))
	})
	t.Run("the proxy's 502 is retryable", func(t *testing.T) {
		err := errcode.FromResponse(&http.Response{StatusCode: 502, Body: io.NopCloser(strings.NewReader(nginx502)), Request: &http.Request{Method: "GET"}})
		assert.True(t, errcode.Retryable(err))
		assert.Contains(t, err.Error(), "502 Bad Gateway")
	})
}

func TestHostileRetryAfter(t *testing.T) {
	type want struct {
		wait time.Duration
		ok   bool
	}
	for v, want := range map[string]want{
		"soon":                          {0, false},
		"-1":                            {0, false},
		"1.5":                           {0, false},
		"+5":                            {0, false},
		"0":                             {0, true},
		"00":                            {0, true},
		"599":                           {599 * time.Second, true},
		"600":                           {errcode.MaxRetryAfter, true},
		"601":                           {errcode.MaxRetryAfter, true},
		"4294967295":                    {errcode.MaxRetryAfter, true},
		"99999999999":                   {errcode.MaxRetryAfter, true},
		strings.Repeat("9", 100<<10):    {errcode.MaxRetryAfter, true},
		"Mon, 02 Jan 2006 15:04:05 GMT": {0, true},
		"Fri, 31 Dec 9999 23:59:59 GMT": {errcode.MaxRetryAfter, true},
	} {
		err := errcode.FromResponse(&http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {v}}})
		var re *errcode.ResponseError
		require.ErrorAs(t, err, &re)
		require.Equal(t, 503, re.StatusCode)
		wait, ok := errcode.RetryAfter(err)
		assert.Equal(t, want.wait, wait, "Retry-After %.20q", v)
		assert.Equal(t, want.ok, ok, "Retry-After %.20q", v)
	}
	future := time.Now().Add(5 * time.Minute).UTC().Format(http.TimeFormat)
	err := errcode.FromResponse(&http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {future}}})
	wait, ok := errcode.RetryAfter(err)
	require.True(t, ok)
	assert.InDelta(t, 5*time.Minute, wait, float64(2*time.Second))
}

func TestHostileBodyThatNeverEnds(t *testing.T) {
	t.Run("reader", func(t *testing.T) {
		const prefix = `{"error_code":"octopus.107002","error_msg":"`
		body := &fakeBody{r: io.MultiReader(strings.NewReader(prefix), endless('x'))}
		err := errcode.FromResponse(&http.Response{StatusCode: 404, Body: body})
		var re *errcode.ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, 404, re.StatusCode)
		assert.Empty(t, re.WireCode, "a cut body is no JSON")
		assert.Equal(t, prefix+strings.Repeat("x", 256-len(prefix))+"…", re.Excerpt)
		assert.GreaterOrEqual(t, body.read, errcode.MaxBodyBytes, "reads the 1 MiB it decodes")
		assert.LessOrEqual(t, body.read, errcode.MaxBodyBytes+errcode.MaxDrainBytes, "then drains at most 64 KiB")
		assert.True(t, body.closed)
	})
	t.Run("server", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusServiceUnavailable)
			chunk := bytes.Repeat([]byte("<p>busy</p>"), 1000)
			for {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}))
		defer srv.Close()
		done := make(chan error, 1)
		go func() {
			resp, err := srv.Client().Get(srv.URL)
			if err != nil {
				done <- err
				return
			}
			done <- errcode.FromResponse(resp)
		}()
		select {
		case err := <-done:
			var re *errcode.ResponseError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, http.StatusServiceUnavailable, re.StatusCode)
			assert.Equal(t, strings.Repeat("<p>busy</p>", 23)+"<p>"+"…", re.Excerpt)
		case <-time.After(30 * time.Second):
			require.FailNow(t, "FromResponse did not return on a body that never ends")
		}
	})
}

func TestHostileRequestHeaders(t *testing.T) {
	tags := func(n int, tag string) string { return strings.TrimSuffix(strings.Repeat(tag+",", n), ",") }
	for _, tc := range []struct {
		name          string
		accept, xlang string
		want          language.Tag
	}{
		{"none", "", "", enUS},
		{"100 KiB of zh-CN: the first 256 bytes read", strings.Repeat("zh-CN,", 100<<10/6), "", zhCN},
		{"100 KiB of fr;q=0.9 then zh: zh past the bound", strings.Repeat("fr;q=0.9,", 100<<10/9) + "zh", "", enUS},
		{"zh then 100 KiB of spaces", "zh," + strings.Repeat(" ", 100<<10), "", zhCN},
		{"100 KiB of one bad tag", strings.Repeat("a", 100<<10), "", enUS},
		{"5,000 tags fr;q=0.9, then zh;q=0.5: zh past the bound", tags(5000, "fr;q=0.9") + ",zh;q=0.5", "", enUS},
		{"5,000 tags zh", tags(5000, "zh"), "", zhCN},
		{"zh then 5,000 en-GB: the first 256 bytes read", "zh," + tags(5000, "en-GB"), "", zhCN},
		{"q not a number", "zh;q=abc", "", enUS},
		{"q empty", "zh;q=", "", enUS},
		{"q hexadecimal", "zh;q=0x1", "", enUS},
		{"q upper-case Q", "zh;Q=0.5", "", enUS},
		{"q twice", "zh;q=0.5;q=0.6", "", enUS},
		{"q negative", "zh;q=-1", "", enUS},
		{"q zero", "zh;q=0", "", enUS},
		{"q above 1", "zh;q=2", "", zhCN},
		{"q with spaces", "zh ; q = 0.5", "", zhCN},
		{"q NaN", "zh;q=NaN", "", zhCN},
		{"a parameter other than q", "zh;foo=bar", "", enUS},
		{"q zero for English", "en;q=0, zh;q=0.1", "", zhCN},
		{"*", "*", "", enUS},
		{"* before zh", "*;q=0.5, zh;q=0.1", "", zhCN},
		{"unknown language", "tlh", "", enUS},
		{"unknown region", "zz-ZZ", "", enUS},
		{"private use", "x-pirate", "", enUS},
		{"grandfathered", "i-klingon", "", enUS},
		{"unknown then zh", "fr, de;q=0.9, zh;q=0.1", "", zhCN},
		{"case and underscore", "ZH_cn", "", zhCN},
		{"Traditional Chinese gets Chinese", "zh-TW", "", zhCN},
		{"invalid UTF-8", "zh\xff", "", enUS},
		{"X-Language wins", "en", "zh_CN", zhCN},
		{"X-Language en_US wins", "zh", "en_US", enUS},
		{"X-Language unknown: Accept-Language", "zh", "fr", zhCN},
		{"X-Language *: Accept-Language", "zh", "*", zhCN},
		{"X-Language of 100 KiB: Accept-Language", "zh", strings.Repeat("x_", 50<<10), zhCN},
		{"X-Language of 100 KiB of subtags: refused, Accept-Language", "en", "zh-" + strings.Repeat("abcde-", 17<<10) + "x", enUS},
		{"X-Language invalid UTF-8", "zh", "en\xff", zhCN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, negotiate(header("Accept-Language", tc.accept, "X-Language", tc.xlang)))
			if len(tc.accept) <= errcode.MaxLanguageBytes && len(tc.xlang) <= errcode.MaxLanguageBytes {
				assert.Equal(t, errcode.Languages()[xtextChoice(tc.accept, tc.xlang)], tc.want, "within the bounds, x/text's choice")
			}
		})
	}

}

func TestHostilePlaceholderValues(t *testing.T) {
	const (
		pre = `{"error_code":"octopus.000003","error_msg":"Request params [k:`
		suf = `] is invalid"}`
	)
	a := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name, value, echoed string
	}{
		{"quotes", `say "hi"`, `say \"hi\"`},
		{"backslashes", `C:\dir\`, `C:\\dir\\`},
		{"control characters", "\x00\x01\b\t\n\f\r\x1b\x1f\x7f", `\u0000\u0001\b\t\n\f\r\u001b\u001f` + "\x7f"},
		{"</script>", `</script><script>alert(1)</script>`, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`},
		{"ampersand", "a&b", `a\u0026b`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"invalid UTF-8", "a\xffb\xc3", `a\ufffdb\ufffd`},
		{"a cut UTF-8 sequence", "\xe4\xb8", `\ufffd\ufffd`},
		{"a placeholder is not expanded again", "{key}{value}", "{key}{value}"},
		{"128 bytes: all", a(128), a(128)},
		{"129 bytes: 128 and …", a(129), a(128) + "…"},
		{"1 MiB: 128 bytes and …", a(1 << 20), a(128) + "…"},
		{"1 MiB of quotes: 128 quotes and …", strings.Repeat(`"`, 1<<20), strings.Repeat(`\"`, 128) + "…"},
		{"1 MiB of <: 128 and …", strings.Repeat("<", 1<<20), strings.Repeat(`\u003c`, 128) + "…"},
		{"128 bytes ending in 中: all", a(125) + "中", a(125) + "中"},
		{"129 bytes ending in 中: cut before it", a(126) + "中", a(126) + "…"},
		{"130 bytes ending in 中: cut before it", a(127) + "中", a(127) + "…"},
		{"1 MiB of 中: 42 characters and …", strings.Repeat("中", 1<<20/3), strings.Repeat("中", 42) + "…"},
		{"invalid UTF-8 at the cut", a(127) + "\xff\xff", a(127) + `\ufffd…`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			errcode.Write(rec, errcode.InvalidRequestParam.With("key", "k", "value", tc.value))
			assert.Equal(t, http.StatusBadRequest, rec.Code)
			assert.Equal(t, pre+tc.echoed+suf, rec.Body.String())
		})
	}

	t.Run("the cap holds in Chinese", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Language", "zh-CN")
		rec := httptest.NewRecorder()
		errcode.Localize(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
			return errcode.InvalidRequestParam.With("key", "</k>", "value", a(1<<20))
		})).ServeHTTP(rec, r)
		assert.Equal(t, `{"error_code":"octopus.000003","error_msg":"请求参数[\u003c/k\u003e:`+a(128)+`…]错误"}`, rec.Body.String())
	})
	t.Run("the cap holds in Message, Remediation, Error and logs", func(t *testing.T) {
		e := errcode.InvalidRequestParam.With("key", "k", "value", a(1<<20))
		assert.Equal(t, "Request params [k:"+a(128)+"…] is invalid", e.Message(language.English))
		assert.Equal(t, "请确保请求参数[k:"+a(128)+"…]正确", e.Remediation(language.Chinese))
		assert.Equal(t, "octopus.000003: Request params [k:"+a(128)+"…] is invalid", e.Error())
		var logged logRecorder
		logged.logger().Error("failed", "err", e)
		assert.Contains(t, logged.String(), `"err":"octopus.000003: Request params [k:`+a(128)+`…] is invalid"`)
		assert.Less(t, len(logged.String()), 1<<10)
	})
}

func TestHostileWrite(t *testing.T) {
	const scenarioBody = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`

	t.Run("after the handler wrote its header: the body is added", func(t *testing.T) {
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", "text/plain")
		rec.WriteHeader(http.StatusAccepted)
		io.WriteString(rec, "partial")
		errcode.Write(rec, errcode.ScenarioNotFound)
		res := rec.Result()
		assert.Equal(t, http.StatusAccepted, res.StatusCode, "the status already sent stays")
		assert.Equal(t, "text/plain", res.Header.Get("Content-Type"), "the header already sent stays")
		assert.Equal(t, "partial"+scenarioBody, rec.Body.String())
	})
	t.Run("after the handler wrote its header, on a real server, HandlerFunc aborts", func(t *testing.T) {
		var logged logRecorder
		srv := httptest.NewUnstartedServer(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			w.WriteHeader(http.StatusAccepted)
			io.WriteString(w, "partial")
			return errcode.ScenarioNotFound
		}))
		srv.Config.ErrorLog = log.New(&logged, "", 0)
		srv.Start()
		defer srv.Close()
		// Nothing was flushed: the connection closes before the header
		// goes out.
		_, err := srv.Client().Get(srv.URL)
		assert.ErrorIs(t, err, io.EOF)
		srv.Close()
		assert.NotContains(t, logged.String(), "superfluous response.WriteHeader call")
	})
	t.Run("on a ResponseWriter whose Write fails", func(t *testing.T) {
		for _, err := range []error{
			errcode.ScenarioNotFound,
			errcode.InvalidRequestParam.With("key", "k", "value", "v"),
			errors.New("db down"),
		} {
			spy := &spyWriter{fail: true}
			assert.NotPanics(t, func() { errcode.Write(spy, err) })
			assert.Len(t, spy.statuses, 1)
			assert.Len(t, spy.writes, 1, "one attempt, no retry")
			assert.Equal(t, "application/json; charset=utf-8", spy.header.Get("Content-Type"))
		}
		// A failed write leaves nothing behind for the next answer.
		rec := httptest.NewRecorder()
		errcode.Write(rec, errcode.InvalidRequestParam.With("key", "a", "value", "b"))
		assert.Equal(t, `{"error_code":"octopus.000003","error_msg":"Request params [a:b] is invalid"}`, rec.Body.String())
	})
	// What a recorder shows of these is in TestWriteNilWritesNothing.
	for name, err := range map[string]error{
		"Write(w, nil) does nothing":      nil,
		"a typed-nil *Error does nothing": (*errcode.Error)(nil),
	} {
		t.Run(name, func(t *testing.T) {
			spy := &spyWriter{}
			errcode.Write(spy, err)
			assert.Zero(t, spy.headerCalls, "no header touched")
			assert.Empty(t, spy.statuses, "no status written")
			assert.Empty(t, spy.writes, "no body written")
		})
	}
	t.Run("a HandlerFunc returning a typed-nil *Error writes nothing", func(t *testing.T) {
		spy := &spyWriter{}
		errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			var e *errcode.Error
			return e
		}).ServeHTTP(spy, httptest.NewRequest(http.MethodGet, "/", nil))
		assert.Empty(t, spy.Header(), "no header set")
		assert.Empty(t, spy.statuses, "no status written")
		assert.Empty(t, spy.writes, "no body written")
	})
	// Errors that are not nil but name no row are answered as
	// InternalServerError, like any foreign error.
	for name, err := range map[string]error{
		"the zero Code":               errcode.Code(0),
		"an undocumented Code":        errcode.Code(60000),
		"a typed-nil *ResponseError":  (*errcode.ResponseError)(nil),
		"an *Error from a nil *Error": (*errcode.Error)(nil).With("key", "v"),
		"a typed-nil *Error wrapped":  fmt.Errorf("op: %w", (*errcode.Error)(nil)),
		"an undocumented response":    &errcode.ResponseError{StatusCode: 418, WireCode: "APIGW.9999"},
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			errcode.Write(rec, err)
			assert.Equal(t, http.StatusInternalServerError, rec.Code)
			assert.Equal(t, internal, rec.Body.String())
		})
	}
}
