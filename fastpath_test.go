package errcode

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The fast paths of the runtime (jsonscan.go, template.go) must give what
// the plain code they stand for gives; these tests compare them.

// scanSeeds are bodies on which the scanner of jsonscan.go must agree
// with encoding/json, including those it leaves to encoding/json.
var scanSeeds = []string{
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

// FuzzScanMatchesJSON checks that decode, with its scanner, gives what
// encoding/json gives, and that the scanner accepts only valid JSON.
func FuzzScanMatchesJSON(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkScan(t, body)
	})
}

func TestScanMatchesJSON(t *testing.T) {
	for _, s := range scanSeeds {
		checkScan(t, []byte(s))
	}
}

func checkScan(t *testing.T, body []byte) {
	t.Helper()
	if _, _, _, result := scanBody(body); result == scanObject {
		require.True(t, json.Valid(body), "scanner accepted invalid JSON %q", body)
	}
	for _, id := range []string{"", "hdr"} {
		got := &ResponseError{StatusCode: 404, RequestID: id}
		got.decode(body)
		want := &ResponseError{StatusCode: 404, RequestID: id}
		want.decodeJSON(bytes.TrimPrefix(body, []byte("\uFEFF")))
		require.Equal(t, want, got, "body %q", body)
	}
}

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
