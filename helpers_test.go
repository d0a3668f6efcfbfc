package errcode_test

// The helpers and fakes that the package's tests share. A helper used by
// one test file only stays in that file.

import (
	"encoding/json"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/require"
)

// placeholder is the placeholder rule written another way than the
// renderer's: the oracle for the bodies and messages the package renders.
var placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// jsonBody is the body encoding/json writes for a code and a message.
func jsonBody(t testing.TB, code, msg string) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{code, msg})
	require.NoError(t, err)
	return string(b)
}

// fill returns text with each placeholder replaced by the last value
// params (name, value pairs) gives it, cut as by cutValue, or by its bare
// name without a value.
func fill(text string, params []string) string {
	return placeholder.ReplaceAllStringFunc(text, func(p string) string {
		name := p[1 : len(p)-1]
		v, ok := "", false
		for i := 0; i+1 < len(params); i += 2 {
			if params[i] == name {
				v, ok = params[i+1], true
			}
		}
		if !ok {
			return name
		}
		return cutValue(v)
	})
}

// cutValue is a placeholder value as a message repeats it: at most
// MaxParamBytes bytes, cut at a character boundary and ended with "…"
// when longer.
func cutValue(v string) string {
	if len(v) <= errcode.MaxParamBytes {
		return v
	}
	n := errcode.MaxParamBytes
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return v[:n] + "…"
}
