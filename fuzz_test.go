package errcode_test

import (
	"bytes"
	"encoding/json"
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
	for _, c := range bodyCases {
		f.Add(404, "", "", []byte(c.body))
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

		// The oracle: what encoding/json reads from the first MiB, into a
		// map, under keys that name the fields. The fields' precedence is
		// pinned by bodyCases, written by hand.
		read := body[:min(len(body), errcode.MaxBodyBytes)]
		checkFields(t, re, read, requestID)
		var top map[string]any
		if json.Unmarshal(bytes.TrimPrefix(read, []byte("\uFEFF")), &top) == nil {
			if code, ok := only(top, "error_code"); ok {
				if c, documented := errcode.Lookup(code); documented {
					assert.ErrorIs(t, err, c, "%s recognised", code)
				}
			}
		}
	})
}

// checkFields checks the code, message, request id and excerpt that
// FromBody read from body, of at most 1 MiB, against what encoding/json
// reads from it into a map: a field that an object's one key of its name
// holds as a non-empty string or a number is read from it; a code,
// message or request id read is the text a key of its name holds
// somewhere in the body; an excerpt comes when and only when neither a
// code nor a message does, and the body is not blank.
func checkFields(t *testing.T, re *errcode.ResponseError, body []byte, requestID string) {
	t.Helper()
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	var doc any
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber() // numbers as written
	if !json.Valid(body) || d.Decode(&doc) != nil {
		doc = nil
	}
	top, _ := doc.(map[string]any)
	if top == nil {
		assert.Empty(t, re.WireCode, "not a JSON object")
		assert.Empty(t, re.Message, "not a JSON object")
	}
	if requestID == "" {
		if id, ok := only(top, "request_id"); ok && (re.WireCode != "" || re.Message != "") {
			assert.Equal(t, id, re.RequestID, "the top-level request_id")
		}
	}
	if code, ok := only(top, "error_code"); ok {
		assert.Equal(t, code, re.WireCode, "the top-level error_code")
	}
	if msg, ok := only(top, "error_msg"); ok {
		assert.Equal(t, msg, re.Message, "the top-level error_msg")
	}
	if re.WireCode != "" {
		assert.Contains(t, texts(body, "error_code", "code"), re.WireCode, "a code the body holds")
	}
	if re.Message != "" {
		assert.Contains(t, texts(body, "error_msg", "message"), re.Message, "a message the body holds")
	}
	if re.RequestID != "" && requestID == "" {
		assert.Contains(t, texts(body, "request_id"), re.RequestID, "a request id the body holds")
	}
	blank := len(bytes.TrimSpace(body)) == 0
	assert.Equal(t, re.WireCode == "" && re.Message == "" && !blank, re.Excerpt != "", "an excerpt when and only when neither a code nor a message: %q", re.Excerpt)
}

// only returns the text of the one key of m that encoding/json matches to
// name (case-insensitively), when it holds a non-empty string or a number.
func only(m map[string]any, name string) (string, bool) {
	var keys []string
	for k := range m {
		if strings.EqualFold(k, name) {
			keys = append(keys, k)
		}
	}
	if len(keys) != 1 {
		return "", false
	}
	s, ok := text(m[keys[0]])
	return s, ok && s != ""
}

// text returns a JSON value as a field holds it: a string, or a number as
// written.
func text(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return string(v), true
	}
	return "", false
}

// texts returns the texts that keys matching any of names hold anywhere in
// body, a valid JSON value, duplicate keys included, as encoding/json's
// tokenizer reads them.
func texts(body []byte, names ...string) []string {
	type frame struct {
		object, wantKey bool
		key             string
	}
	var out []string
	var stack []frame
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, frame{object: tok == json.Delim('{'), wantKey: true})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				stack[len(stack)-1].wantKey = true
			}
			continue
		}
		switch {
		case top == nil || !top.object:
		case top.wantKey:
			top.key, top.wantKey = tok.(string), false
		default:
			for _, name := range names {
				if s, ok := text(tok); ok && strings.EqualFold(top.key, name) {
					out = append(out, s)
				}
			}
			top.wantKey = true
		}
	}
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
