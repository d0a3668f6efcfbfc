package errcode_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// The fuzz targets of the package. Each runs its seed corpus (the f.Add
// calls and testdata/fuzz/<name>) in go test; to fuzz one for longer:
//
//	go test -run '^$' -fuzz '^FuzzFromResponse$' -fuzztime 60s .

// bodySeeds are more bodies for FuzzFromResponse: the edges of JSON
// where a decoder may disagree with encoding/json.
var bodySeeds = []string{
	``, ` `, `null`, `"x"`, `1`, `[]`, `{}`, `{`, `}`, `{"a":}`, `<html>`, "\uFEFF{}",
	`{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`,
	`{"error_code":"octopus.107002","error_msg":"场景不存在"}`,
	`{"code":"APIG.0201","message":"Request entity too large"} `,
	`{"code":"APIGW.0201","message":"x","request_id":"r1"}`,
	`{"ERROR_CODE":"octopus.107002","Error_Msg":"m"}`,
	`{"error_code":"a","error_code":"b","error_code":1}`,
	`{"error_code":null,"code":"c"}`,
	`{"code":404,"message":"Not Found"}`,
	`{"status":404,"error":"Not Found","message":"No message available","path":"/x"}`,
	`{"error":{"code":"octopus.107002","message":"m","request_id":"r"}}`,
	`{"error":{"code":"a"},"error":{"message":"b"}}`,
	`{"error":{"code":"a"},"error":null,"error":{"message":"b"}}`,
	`{"error":{"code":"a"},"error":null}`,
	`{"error":null}`,
	`{"error":{"error":{"code":"deep"}}}`,
	`{"error":{"error":null,"code":"x"}}`,
	`{"error":{"error":"s","code":"x"}}`,
	`{"request_id":"top","error":{"request_id":"in","code":"c"}}`,
	`{"error_code":"","error":{"code":"c"}}`,
	`{"error_msg":"m","error":{"code":"c"}}`,
	`{"error_code":"a\"b\\c\/d\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00"}`,
	`{"error_code":"\ud83d","error_msg":"\ude00\ud83dx\u0000"}`,
	`{"error_code":"\ud83d\u0041"}`,
	"{\"error_code\":\"\xff\xfe\",\"error_msg\":\"a\xed\xa0\x80b\"}",
	`{"error\u005fcode":"x"}`,
	`{"meſſage":"x"}`,
	`{"a":[1,-0,0.5,1e5,1E+5,-1.5e-3,true,false,null,{"b":[]}],"code":"c"}`,
	`{"a":01,"code":"c"}`, `{"a":1.,"code":"c"}`, `{"a":-,"code":"c"}`, `{"a":.5,"code":"c"}`,
	`{"a":tru,"code":"c"}`, `{"a":nul}`, `{"code":"c"} x`, `{"code":"c",}`, `{"code":"c"`,
	`{"code":"c\x"}`, `{"code":"c\u12"}`, "{\"code\":\"a\tb\"}", `{"code" "c"}`,
	`{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"code":"c"}`,
}

// FuzzFromResponse decodes any status, X-Request-Id, Retry-After and body.
// It must never panic; it returns nil below 400 and otherwise a
// *ResponseError that keeps the status, reads a bounded amount, closes the
// body; and a JSON object whose error_code is a documented code is
// recognised as that code.
func FuzzFromResponse(f *testing.F) {
	for _, s := range []struct {
		status      int
		id, retry   string
		body        string
		description string
	}{
		{404, "req-1", "", `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, "documented"},
		{400, "", "", `{"error_code":"octopus.101006","error_msg":"任务不存在"}`, "one of three rows, by message"},
		{429, "", "120", `{"code":"APIGW.0308","message":"The throttling threshold has been reached."}`, "code/message"},
		{503, "", "Wed, 21 Oct 2099 07:28:00 GMT", `{"error":{"code":"APIG.0201","message":"Backend unavailable","request_id":"r"}}`, "nested, alias"},
		{409, "", "", `{"error_code":"octopus.402009","error_msg":"您请求的资源已经被占用"}`, "undocumented"},
		{502, "", "", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "proxy"},
		{503, "", "", "", "empty"},
		{500, "", "-1", "\uFEFF{\"error_code\":\"octopus.000002\"}", "BOM"},
		{400, "", "", `{"error_code":107002,"error_msg":{"a":1}}`, "wrong types"},
		{400, "", "", `{"error_code":"octopus.107002","error_code":"octopus.000002"}`, "duplicate keys"},
		{400, "", "", "{\"error_code\":\"octopus.10700\xff\"}", "invalid UTF-8"},
		{400, "", "", `{"error_code":"octopus.107002"`, "cut"},
		{0, "", "", `null`, "no status"},
		{99, "", "", `[]`, "below 100"},
		{200, "", "", `{"error_code":"octopus.107002"}`, "success"},
		{1000, "\xff", "99999999999", strings.Repeat(`{"error":`, 50) + `{"error_code":"octopus.107002"}` + strings.Repeat("}", 50), "deep"},
	} {
		f.Add(s.status, s.id, s.retry, []byte(s.body))
	}
	for _, s := range bodySeeds {
		f.Add(404, "", "", []byte(s))
	}
	f.Fuzz(func(t *testing.T, status int, requestID, retryAfter string, body []byte) {
		b := &fakeBody{r: bytes.NewReader(body)}
		resp := &http.Response{StatusCode: status, Header: header("X-Request-Id", requestID, "Retry-After", retryAfter), Body: b}
		err := errcode.FromResponse(resp)
		if status >= 100 && status < 400 {
			assert.NoError(t, err)
			assert.NoError(t, errcode.FromBody(status, resp.Header, body, nil))
			return
		}
		var re *errcode.ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, status, re.StatusCode, "status kept")
		assert.True(t, b.closed, "body closed")
		assert.LessOrEqual(t, b.read, errcode.MaxBodyBytes+errcode.MaxDrainBytes, "bounded read")
		sameAsFromBody(t, re, status, resp.Header, body, nil)
		msg := re.Error()
		assert.True(t, utf8.ValidString(msg), "Error() is valid UTF-8: %q", msg)
		assert.NotContains(t, msg, "\n")
		assert.NotContains(t, msg, "\r")
		assert.NotContains(t, msg, "\x1b")
		assert.LessOrEqual(t, len(msg), 3*4*(errcode.MaxExcerptBytes+len("…")+64), "Error() is bounded")
		assert.True(t, utf8.ValidString(re.Excerpt), "excerpt %q", re.Excerpt)
		assert.LessOrEqual(t, len(re.Excerpt), errcode.MaxExcerptBytes+len("…"))
		if wait, ok := errcode.RetryAfter(err); ok {
			assert.True(t, wait >= 0 && wait <= errcode.MaxRetryAfter, "a wait within bounds: %v", wait)
		}
		if requestID != "" {
			assert.Equal(t, requestID, re.RequestID, "X-Request-Id wins")
		}
		if re.WireCode == "" {
			assert.Zero(t, re.Code, "no row without a code")
		}
		if re.Code != 0 {
			assert.ErrorIs(t, err, re.Code)
			c, ok := errcode.Lookup(re.WireCode)
			require.True(t, ok, "a row for %q", re.WireCode)
			assert.ErrorIs(t, err, c)
		}
		if re.Code != 0 {
			assert.Equal(t, re.Code.RetryKind() == errcode.RetryAnyMethod, errcode.Retryable(err), "documented policy, no request known")
		}

		// The reference: what encoding/json reads from the first MiB.
		want := reference(body[:min(len(body), errcode.MaxBodyBytes)], requestID)
		assert.Equal(t, want.WireCode, re.WireCode, "error_code as encoding/json reads it")
		assert.Equal(t, want.Message, re.Message, "error_msg as encoding/json reads it")
		assert.Equal(t, want.RequestID, re.RequestID, "request id as encoding/json reads it")
		assert.Equal(t, want.Excerpt != "", re.Excerpt != "", "an excerpt when and only when no code or message: %q", re.Excerpt)

		// The oracle: a body of at most 1 MiB that encoding/json reads as
		// an object whose one error_code key holds a documented code.
		if len(body) > errcode.MaxBodyBytes {
			return
		}
		var m map[string]any
		if json.Unmarshal(bytes.TrimPrefix(body, []byte("\uFEFF")), &m) != nil || m == nil {
			return
		}
		var keys int
		for k := range m {
			if strings.EqualFold(k, "error_code") {
				keys++
			}
		}
		code, _ := m["error_code"].(string)
		documented, ok := errcode.Lookup(code)
		if keys != 1 || !ok {
			return
		}
		assert.ErrorIs(t, err, documented, "%s recognised", code)
		assert.Equal(t, code, re.WireCode)
	})
}

// refWire is the reference decoding of a body: what encoding/json reads,
// each value as it was written.
type refWire struct {
	ErrorCode json.RawMessage `json:"error_code"`
	ErrorMsg  json.RawMessage `json:"error_msg"`
	Code      json.RawMessage `json:"code"`
	Message   json.RawMessage `json:"message"`
	RequestID json.RawMessage `json:"request_id"`
	Error     *refWire        `json:"error"`
}

// refText is a value as FromResponse keeps it: a string, or a number as
// written; nothing for any other value.
func refText(raw json.RawMessage) string {
	var s string
	switch {
	case len(raw) == 0:
	case raw[0] == '"':
		if json.Unmarshal(raw, &s) != nil {
			panic("encoding/json gave an invalid string: " + string(raw))
		}
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		s = string(raw)
	}
	return s
}

// reference returns the fields FromResponse must find in body, a body
// of at most 1 MiB, as encoding/json decodes it: the error_code/error_msg,
// else code/message, of the object or else of its "error" object, strings
// and numbers as written; a type error leaves a field empty, a syntax error
// leaves them all empty. Excerpt is only set non-empty or empty.
func reference(body []byte, requestID string) errcode.ResponseError {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	var w refWire
	if err := json.Unmarshal(body, &w); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			w = refWire{}
		}
	}
	code, msg, id := w.fields()
	e := errcode.ResponseError{WireCode: code, Message: msg, RequestID: first(requestID, id)}
	if code == "" && msg == "" && len(bytes.TrimSpace(body)) > 0 {
		e.Excerpt = "set"
	}
	return e
}

// fields returns the code, message and request id of w: the code and
// message of its object or else of its "error" object, the request id only
// from these two levels.
func (w *refWire) fields() (code, msg, id string) {
	code, msg = first(refText(w.ErrorCode), refText(w.Code)), first(refText(w.ErrorMsg), refText(w.Message))
	id = refText(w.RequestID)
	if w.Error != nil {
		if code == "" && msg == "" {
			code, msg, _ = w.Error.fields()
		}
		id = first(id, refText(w.Error.RequestID))
	}
	return code, msg, id
}

// catalogMatcher is the matcher of the differential check in FuzzNegotiate:
// the catalog's languages, English, the default, first.
var catalogMatcher = language.NewMatcher([]language.Tag{enUS, zhCN})

// FuzzNegotiate negotiates any Accept-Language and X-Language values. It
// must never panic and always pick a catalog language; within the bounds,
// for Accept-Language alone, the one language.MatchStrings picks from its
// first 8 entries; for an X-Language naming a catalog language (a match
// of high confidence at least), that one.
func FuzzNegotiate(f *testing.F) {
	for _, s := range [][2]string{
		{"", ""},
		{"zh", ""},
		{"zh-CN,zh;q=0.9,en;q=0.8", ""},
		{"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", ""},
		{"*", ""},
		{"zh-Hant-TW", ""},
		{"zh;q=abc", ""},
		{"zh;q=0.5;q=0.6", ""},
		{"en;q=0, zh;q=0.1", ""},
		{"i-klingon, x-pig-latin", ""},
		{"", "zh_CN"},
		{"zh", "en_US"},
		{"en", "zh-cn"},
		{"zh", "fr"},
		{"zh", "*"},
		{strings.Repeat("zh-CN-", 200), strings.Repeat("x_", 300)},
		{strings.Repeat("en;q=0.1,", 300) + "zh", "und"},
		{"\xff\xfe", "\x00"},
	} {
		f.Add(s[0], s[1])
	}
	catalog := errcode.Languages()
	require.Len(f, catalog, 2)
	f.Fuzz(func(t *testing.T, accept, xlang string) {
		h := header("Accept-Language", accept, "X-Language", xlang)
		got := negotiate(h)
		assert.Contains(t, catalog, got)

		if len(accept) > errcode.MaxLanguageBytes || len(xlang) > errcode.MaxLanguageBytes {
			return // past the bounds, Negotiate reads less than MatchStrings would
		}
		read := accept // the entries Negotiate reads
		if entries := strings.SplitN(accept, ",", errcode.MaxLanguageEntries+1); len(entries) > errcode.MaxLanguageEntries {
			read = strings.Join(entries[:errcode.MaxLanguageEntries], ",")
		}
		_, i := language.MatchStrings(catalogMatcher, read)
		byAccept := catalog[i]
		assert.Equal(t, byAccept, negotiate(header("Accept-Language", accept)), "Accept-Language %q", accept)

		want := byAccept
		if tag, err := language.Parse(strings.ReplaceAll(xlang, "_", "-")); xlang != "" && err == nil {
			if _, i, conf := catalogMatcher.Match(tag); conf >= language.High {
				want = catalog[i]
			}
		}
		assert.Equal(t, want, got, "X-Language %q, Accept-Language %q", xlang, accept)
	})
}

// FuzzWritePlaceholders fills octopus.000003's placeholders with any
// strings. The body must be valid JSON and valid UTF-8, with exactly the
// keys error_code and error_msg and the row's code, in both languages; and
// byte for byte what encoding/json writes for the message with the values
// cut to 128 bytes.
func FuzzWritePlaceholders(f *testing.F) {
	for _, s := range [][2]string{
		{"name", "x"},
		{"", ""},
		{`"quoted"`, `back\slash`},
		{"</script><script>alert(1)</script>", "&amp;"},
		{"\x00\x01\x1f\x7f", "\n\r\t"},
		{"\xff\xfe", "\xe4\xb8"},
		{"\u2028\u2029", "\ufeff"},
		{"{key}", "{value}"},
		{strings.Repeat("a", 127) + "中", strings.Repeat("\x80", 200)},
		{strings.Repeat("中", 100), strings.Repeat("é", 64) + "z"},
	} {
		f.Add(s[0], s[1])
	}
	fromHeaders := func(w http.ResponseWriter, r *http.Request) error {
		return errcode.InvalidRequestParam.With("key", r.Header.Get("K"), "value", r.Header.Get("V"))
	}
	f.Fuzz(func(t *testing.T, k, v string) {
		rec := httptest.NewRecorder()
		errcode.Write(rec, errcode.InvalidRequestParam.With("key", k, "value", v))
		checkPlaceholderBody(t, rec, "Request params ["+cutValue(k)+":"+cutValue(v)+"] is invalid")

		// In Chinese, through the middleware. Header values go through
		// the map as they are, whatever bytes they hold.
		rec = serve(header("Accept-Language", "zh", "K", k, "V", v), fromHeaders)
		checkPlaceholderBody(t, rec, "请求参数["+cutValue(k)+":"+cutValue(v)+"]错误")
	})
}

// checkPlaceholderBody checks a body of octopus.000003 with the message
// msg.
func checkPlaceholderBody(t *testing.T, rec *httptest.ResponseRecorder, msg string) {
	t.Helper()
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	body := rec.Body.Bytes()
	assert.True(t, json.Valid(body), "valid JSON: %q", body)
	assert.True(t, utf8.Valid(body), "valid UTF-8: %q", body)
	var m map[string]any
	require.NoError(t, json.Unmarshal(body, &m))
	assert.Len(t, m, 2, "exactly two keys: %q", body)
	assert.Equal(t, "octopus.000003", m["error_code"])
	assert.IsType(t, "", m["error_msg"])
	assert.Equal(t, jsonBody(t, "octopus.000003", msg), string(body), "as encoding/json writes it")
	assert.NotContains(t, string(body), "<", "HTML escaped")
}

// first returns a if it is not empty, else b.
func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
