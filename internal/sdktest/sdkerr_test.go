package sdktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// languages are the X-Language values the tests send, one per catalog
// language, with the tag whose texts the answer must carry.
var languages = []struct {
	header string
	tag    language.Tag
}{
	{"en-us", language.AmericanEnglish},
	{"zh-cn", language.SimplifiedChinese},
}

// newServer returns a server that answers every request with
// errcode.ServeError and an X-Request-Id: GET /rows/{name} with the row
// named, GET /params/{name}?k=…&v=… with the row named and the placeholder
// values k=v, in the order given.
func newServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /rows/{name}", func(w http.ResponseWriter, r *http.Request) {
		var c errcode.Code
		if err := c.UnmarshalText([]byte(r.PathValue("name"))); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("X-Request-Id", requestID(r))
		errcode.ServeError(w, r, c)
	})
	mux.HandleFunc("GET /params/{name}", func(w http.ResponseWriter, r *http.Request) {
		var c errcode.Code
		if err := c.UnmarshalText([]byte(r.PathValue("name"))); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		q := r.URL.Query()
		var nameValues []string
		for i, k := range q["k"] {
			nameValues = append(nameValues, k, q["v"][i])
		}
		w.Header().Set("X-Request-Id", requestID(r))
		errcode.ServeError(w, r, c.With(nameValues...))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// requestID is the X-Request-Id the test server answers r with: one per
// path and language, so that a response read for another request shows.
func requestID(r *http.Request) string {
	return "req " + r.URL.Path + " " + r.Header.Get("X-Language")
}

// sent is what an errcode body says, read with encoding/json.
type sent struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

// get sends GET path with the X-Language header lang to srv and returns
// the response, whose body is the body the server sent, for the SDK to
// read, and what that body says, as encoding/json reads it.
func get(t *testing.T, srv *httptest.Server, path, lang string) (*http.Response, sent) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("X-Language", lang)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"), "%s %s: %s", path, lang, body)
	resp.Body = io.NopCloser(bytes.NewReader(body))

	var s sent
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&s), "%s %s: %s", path, lang, body)
	return resp, s
}

// TestSDKReadsEveryRow serves every documented row in each catalog
// language and decodes each answer with the Huawei Cloud SDK's own
// decoder, which must read the body exactly as sent.
func TestSDKReadsEveryRow(t *testing.T) {
	srv := newServer(t)
	n := 0
	for c := range errcode.All() {
		for _, l := range languages {
			path := "/rows/" + c.Name()
			resp, s := get(t, srv, path, l.header)
			where := c.Name() + " " + l.header
			assert.Equal(t, sent{c.String(), bareNames(c.Message(l.tag))}, s, where)

			assertSDKReads(t, resp, c, "req "+path+" "+l.header, s, where)
			n++
		}
	}
	require.Greater(t, n, 200, "rows times languages")
}

// TestSDKReadsPlaceholderValues serves rows with placeholder values,
// including values that the JSON body must escape, that Write cuts to 128
// bytes, or that are not valid UTF-8, and decodes each answer with the
// SDK's decoder.
func TestSDKReadsPlaceholderValues(t *testing.T) {
	srv := newServer(t)
	long := strings.Repeat("长", 60) // 180 bytes
	tests := []struct {
		err        *errcode.Error
		nameValues []string
		en, zh     string // the message sent, when the test spells it out
	}{
		{
			err:        errcode.InvalidRequestParamWith("name", "x"),
			nameValues: []string{"key", "name", "value", "x"},
			en:         "Request params [name:x] is invalid",
			zh:         "请求参数[name:x]错误",
		},
		{
			err:        errcode.InvalidRequestParamWith(`a"b\c`, "<script>&</script>"),
			nameValues: []string{"key", `a"b\c`, "value", "<script>&</script>"},
			en:         `Request params [a"b\c:<script>&</script>] is invalid`,
			zh:         `请求参数[a"b\c:<script>&</script>]错误`,
		},
		{
			err:        errcode.InvalidRequestParamWith("line\nbreak\t\u2028\u2029", "\x00\x1f\x7f"),
			nameValues: []string{"key", "line\nbreak\t\u2028\u2029", "value", "\x00\x1f\x7f"},
			en:         "Request params [line\nbreak\t\u2028\u2029:\x00\x1f\x7f] is invalid",
		},
		{
			err:        errcode.InvalidRequestParamWith("bad\xffutf8", "😀 emoji"),
			nameValues: []string{"key", "bad\xffutf8", "value", "😀 emoji"},
			en:         "Request params [bad\ufffdutf8:😀 emoji] is invalid",
		},
		{
			err:        errcode.InvalidRequestParamWith("id", long),
			nameValues: []string{"key", "id", "value", long},
			en:         "Request params [id:" + long[:126] + "…] is invalid",
		},
		{
			err:        errcode.GatewayProtocolNotSupportedWith("HTTPS"),
			nameValues: []string{"xxx", "HTTPS"},
			en:         "The following protocol is supported: HTTPS",
			zh:         "协议不支持,仅支持以下协议:HTTPS",
		},
	}
	for _, tt := range tests {
		c := tt.err.Code()
		q := url.Values{}
		for i := 0; i < len(tt.nameValues); i += 2 {
			q.Add("k", tt.nameValues[i])
			q.Add("v", tt.nameValues[i+1])
		}
		for _, l := range languages {
			path := "/params/" + c.Name()
			resp, s := get(t, srv, path+"?"+q.Encode(), l.header)
			where := tt.err.Error() + " " + l.header
			assert.Equal(t, c.String(), s.Code, where)
			if want := map[string]string{"en-us": tt.en, "zh-cn": tt.zh}[l.header]; want != "" {
				assert.Equal(t, want, s.Message, where)
			}

			assertSDKReads(t, resp, c, "req "+path+" "+l.header, s, where)
		}
	}
}

// assertSDKReads checks that the SDK decodes resp, row c's answer with the
// request id id and the body s, to exactly what was sent.
func assertSDKReads(t *testing.T, resp *http.Response, c errcode.Code, id string, s sent, where string) {
	t.Helper()
	assert.Equal(t, &sdkerr.ServiceResponseError{
		StatusCode:   c.Status(),
		RequestId:    id,
		ErrorCode:    s.Code,
		ErrorMessage: s.Message,
	}, sdkerr.NewServiceResponseError(resp), where)
}

// placeholder is a marked placeholder, {name}.
var placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// bareNames is a message as a body without values reads it: each
// placeholder as its bare name.
func bareNames(msg string) string { return placeholder.ReplaceAllString(msg, "$1") }
