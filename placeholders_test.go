package errcode_test

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// here returns the base name of its caller's file and the line of the
// call.
func here() string {
	_, file, line, _ := runtime.Caller(1)
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}

// asJSON returns v as a JSON record holds it.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back any
	require.NoError(t, json.Unmarshal(b, &back))
	return back
}

func TestWithIgnoresAndLogsMisusedNames(t *testing.T) {
	tests := []struct {
		name    string
		err     func() (*errcode.Error, string) // the error, and the file:line of With
		ignored []string
		msg     string // the English message, as the body and Error() say it
	}{
		{"a name the row does not have",
			func() (*errcode.Error, string) { return errcode.InvalidRequestParam.With("name", "x"), here() },
			[]string{"name"}, "Request params [key:value] is invalid"},
		{"a final name without a value",
			func() (*errcode.Error, string) { return errcode.InvalidRequestParam.With("key", "k", "value"), here() },
			[]string{"value (no value)"}, "Request params [k:value] is invalid"},
		{"both, among good names",
			func() (*errcode.Error, string) {
				return errcode.InvalidRequestParam.With("key", "k", "Value", "v", "value", "x", "id"), here()
			},
			[]string{"Value", "id (no value)"}, "Request params [k:x] is invalid"},
		{"a row without placeholders",
			func() (*errcode.Error, string) { return errcode.ScenarioNotFound.With("key", "k"), here() },
			[]string{"key"}, "Scenario is not exists"},
		{"With on an *Error",
			func() (*errcode.Error, string) {
				return errcode.GatewayProtocolNotSupported.With("xxx", "HTTP").With("protocol", "HTTPS"), here()
			},
			[]string{"protocol"}, "The following protocol is supported: HTTP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := captureLogs(t)
			e, caller := tt.err()
			c := e.Code()
			recs := logs.records(t)
			require.Len(t, recs, 1, "one Warn line")
			if file, ok := recs[0]["caller"].(string); ok {
				recs[0]["caller"] = filepath.Base(file)
			}
			assert.Equal(t, map[string]any{
				"level": "WARN", "msg": "errcode: With ignored names that are not placeholders of the row",
				"row": c.Name(), "code": c.String(), "ignored": asJSON(t, tt.ignored), "placeholders": asJSON(t, c.Placeholders()),
				"caller": caller,
			}, recs[0], "at the caller")

			assert.Equal(t, tt.msg, e.Message(language.English))
			assert.Equal(t, c.String()+": "+tt.msg, e.Error())
			rec := httptest.NewRecorder()
			errcode.Write(rec, e)
			assert.Equal(t, `{"error_code":"`+c.String()+`","error_msg":"`+tt.msg+`"}`, rec.Body.String())
			for _, name := range tt.ignored {
				_, ok := e.Value(name)
				assert.False(t, ok, "%s is not kept", name)
			}
		})
	}
}

func TestWithLogsNothingForTheRowsNames(t *testing.T) {
	logs := captureLogs(t)
	e := errcode.InvalidRequestParam.With("key", "k", "value", "v").With("value", "w")
	assert.Equal(t, "Request params [k:w] is invalid", e.Message(language.English))
	assert.Equal(t, "Request params [key:value] is invalid", errcode.InvalidRequestParam.With().Message(language.English))
	assert.Empty(t, logs.records(t))
}
