package errcode

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The fast path of the runtime (template.go) must give what the plain
// code it stands for gives; these tests compare them.

// wantBody is the body encoding/json writes for code and text with its
// placeholders filled: the oracle for body templates.
func wantBody(t *testing.T, code, text string, params []string) string {
	var msg strings.Builder
	for {
		before, rest, ok := strings.Cut(text, "{")
		if !ok {
			break
		}
		name, after, ok := strings.Cut(rest, "}")
		if !ok {
			break
		}
		msg.WriteString(before)
		if v, ok := param(params, name); !ok {
			msg.WriteString("{" + name + "}")
		} else if len(v) > maxParamBytes {
			n := maxParamBytes
			for n > 0 && !utf8.RuneStart(v[n]) {
				n--
			}
			msg.WriteString(v[:n] + "…")
		} else {
			msg.WriteString(v)
		}
		text = after
	}
	msg.WriteString(text)
	b, err := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{code, msg.String()})
	require.NoError(t, err)
	return string(b)
}

// TestTemplateMatchesEncodingJSON checks that Write's body templates give
// the body encoding/json writes, for every row and language.
func TestTemplateMatchesEncodingJSON(t *testing.T) {
	long := strings.Repeat("é", 100) + "<&>\"\u2028\x00\xff"
	paramSets := [][]string{
		nil,
		{"key", "name", "value", "x"},
		{"key", "a\"b<c>&\\\n", "value", long},
		{"key", "1", "key", "2", "", "empty name", "dangling"},
		{"value", strings.Repeat("v", 200), "name", "\xe4\xb8", "id", "\u2029"},
	}
	for c := 1; c < len(rows); c++ {
		r := &rows[c]
		for l := range numLanguages {
			sets := paramSets
			// Every placeholder of the row's text, with a value.
			var names []string
			for _, text := range r.message {
				for rest := text; ; {
					open := strings.IndexByte(rest, '{')
					if open < 0 {
						break
					}
					end := strings.IndexByte(rest[open:], '}')
					if end < 0 {
						break
					}
					names = append(names, rest[open+1:open+end], "<"+rest[open+1:open+end]+">")
					rest = rest[open+end+1:]
				}
			}
			sets = append(sets, names)
			for _, params := range sets {
				want := wantBody(t, r.code, r.message[l], params)
				got := appendTemplate(nil, templates[c][l], params)
				require.Equal(t, want, string(got), "row %d lang %d params %q", c, l, params)
			}
		}
	}
	// Texts that the catalog may not have, through template directly.
	for _, text := range []string{"", "{", "}", "{}", "a{b", "a{b{c}d}", "{x}{y}{x}", "\xe4{x}\xb8", "<{x}>", "{\"}"} {
		r := &row{code: "octopus.000003"}
		r.message[0] = text
		for _, params := range append(paramSets, []string{"x", "1", "y", "2", "b{c", "3", "\"", "4"}) {
			want := wantBody(t, r.code, text, params)
			got := appendTemplate(nil, template(r, 0), params)
			require.Equal(t, want, string(got), "text %q params %q", text, params)
		}
	}
}
