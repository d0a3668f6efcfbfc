package errcode

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fast paths of the runtime (jsonscan.go) must give what
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
