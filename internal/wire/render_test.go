package wire

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendMessage(t *testing.T) {
	const text = "Request params [{key}:{value}] is invalid"
	tests := []struct {
		name   string
		params []string
		want   string
	}{
		{"no values: marked", nil, text},
		{"all values", []string{"key", "name", "value", "x"}, "Request params [name:x] is invalid"},
		{"one value", []string{"key", "name"}, "Request params [name:{value}] is invalid"},
		{"last value wins", []string{"key", "1", "key", "2"}, "Request params [2:{value}] is invalid"},
		{"a value is not expanded again", []string{"key", "{value}", "value", "{key}"}, "Request params [{value}:{key}] is invalid"},
		{"what does not print is escaped", []string{"key", "a\xffb\n\x1b\u202e\\"}, `Request params [a\xffb\n\x1b\u202e\\:{value}] is invalid`},
		{"value cut", []string{"key", strings.Repeat("a", 129)}, "Request params [" + strings.Repeat("a", 128) + "…:{value}] is invalid"},
		{"value cut at a character", []string{"key", "a" + strings.Repeat("é", 64)}, "Request params [a" + strings.Repeat("é", 63) + "…:{value}] is invalid"},
		{"value cut at a character of three bytes", []string{"key", "ab" + strings.Repeat("中", 50)}, "Request params [ab" + strings.Repeat("中", 42) + "…:{value}] is invalid"},
		{"value of exactly the limit", []string{"key", strings.Repeat("a", 128)}, "Request params [" + strings.Repeat("a", 128) + ":{value}] is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(AppendMessage(nil, text, tt.params)))
		})
	}
	assert.Equal(t, "a{b{c}d}", string(AppendMessage(nil, "a{b{c}d}", []string{"c", "{c}"})))
	assert.Equal(t, "prefix: ok", string(AppendMessage([]byte("prefix: "), "ok", nil)), "appends to dst")
}

func TestAppendPrintable(t *testing.T) {
	assert.Equal(t, `plain 中文 \\ \n\r\t \x1b \u202e \xff \x00`, string(AppendPrintable(nil, "plain 中文 \\ \n\r\t \x1b \u202e \xff \x00")))
}

func TestCut(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
		cut  bool
	}{
		{"abc", 3, "abc", false}, {"abcd", 3, "abc", true}, {"中文", 4, "中", true}, {"中文", 3, "中", true}, {"中文", 2, "", true}, {"", 0, "", false},
	} {
		got, cut := Cut(tt.s, tt.n)
		assert.Equal(t, tt.want, got, "%q %d", tt.s, tt.n)
		assert.Equal(t, tt.cut, cut, "%q %d", tt.s, tt.n)
	}
}

// placeholderRE is the placeholder rule written another way: the oracle
// for CutPlaceholder in TestAppendBodyMatchesEncodingJSON.
var placeholderRE = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// wantBody is the body encoding/json writes for code and text with its
// placeholders filled.
func wantBody(t *testing.T, code, text string, params []string) string {
	msg := placeholderRE.ReplaceAllStringFunc(text, func(p string) string {
		name := p[1 : len(p)-1]
		v, ok := Value(params, name)
		if !ok {
			return name
		}
		if len(v) > MaxValueBytes {
			n := MaxValueBytes
			for n > 0 && !utf8.RuneStart(v[n]) {
				n--
			}
			return v[:n] + "…"
		}
		return v
	})
	b, err := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{code, msg})
	require.NoError(t, err)
	return string(b)
}

func TestTemplateIsCutAtThePlaceholders(t *testing.T) {
	assert.Equal(t, []string{`{"error_code":"octopus.000003","error_msg":"Request params [`, "key", ":", "value", `] is invalid"}`},
		Template("octopus.000003", "Request params [{key}:{value}] is invalid"))
	assert.Equal(t, []string{`{"error_code":"x","error_msg":"{a\u003c} \"`, "b", `\"\n`, "c", `"}`}, Template("x", "{a<} \"{b}\"\n{c}"),
		"escaping neither touches nor makes a placeholder")
	assert.Equal(t, []string{`{"error_code":"x","error_msg":"no placeholder"}`}, Template("x", "no placeholder"))
}

func TestAppendBodyMatchesEncodingJSON(t *testing.T) {
	long := strings.Repeat("é", 100) + "<&>\"\u2028\x00\xff"
	paramSets := [][]string{
		nil,
		{"key", "name", "value", "x"},
		{"key", "a\"b<c>&\\\n", "value", long},
		{"key", "1", "key", "2", "", "empty name", "dangling"},
		{"value", strings.Repeat("v", 200), "name", "\xe4\xb8", "id", "\u2029"},
		{"x", "1", "y", "2", "b{c", "3", "\"", "4"},
	}
	texts := []string{
		"Request params [{key}:{value}] is invalid", "请求参数[{key}:{value}]错误", "The following protocol is supported: {xxx}",
		"", "{", "}", "{}", "a{b", "a{b{c}d}", "{x}{y}{x}", "\xe4{x}\xb8", "<{x}>", "{\"}", "\x01\t\u2029",
	}
	for _, text := range texts {
		for _, params := range paramSets {
			for _, code := range []string{"octopus.000003", "APIGW.0607", "odd\"code<"} {
				want := wantBody(t, code, text, params)
				assert.Equal(t, want, string(AppendBody(nil, code, text, params)), "text %q params %q", text, params)
				assert.Equal(t, want, string(AppendTemplate(nil, Template(code, text), params)), "template of %q, params %q", text, params)
			}
		}
	}
}

func BenchmarkAppendTemplate(b *testing.B) {
	buf := make([]byte, 0, 512)
	params := []string{"key", "name", "value", "x"}
	template := Template("octopus.000003", "Request params [{key}:{value}] is invalid")
	for b.Loop() {
		buf = AppendTemplate(buf[:0], template, params)
	}
}
