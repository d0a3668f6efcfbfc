package errcode_test

import (
	"encoding/json"
	"fmt"
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

func TestUnfilledPlaceholdersReadAsBareNames(t *testing.T) {
	c := errcode.InvalidRequestParam
	assert.Equal(t, "Request params [key:value] is invalid", c.Message(language.English))
	assert.Equal(t, "请求参数[key:value]错误", c.Message(language.Chinese))
	assert.Equal(t, "Make sure the request parameter [key:value] is correct", c.Remediation(language.English))
	assert.Equal(t, "octopus.000003: Request params [key:value] is invalid", c.Error())
	assert.Equal(t, "octopus.000003: Request params [name:value] is invalid", c.With("key", "name").Error())
	for _, tag := range []language.Tag{language.English, language.Chinese} {
		rec := httptest.NewRecorder()
		errcode.ServeError(rec, request(header("Accept-Language", tag.String())), c)
		assert.Equal(t, `{"error_code":"octopus.000003","error_msg":"`+c.Message(tag)+`"}`, rec.Body.String())
		assert.NotContains(t, rec.Body.String(), "{key}")
	}
	assert.Equal(t, "The following protocol is supported: xxx", errcode.GatewayProtocolNotSupported.Message(language.English))
}

func TestConstructorsFillTheRowsPlaceholders(t *testing.T) {
	logs := captureLogs(t)
	e := errcode.InvalidRequestParamWith("name", "x")
	require.NotNil(t, e)
	assert.Equal(t, errcode.InvalidRequestParam, e.Code())
	assert.Equal(t, "Request params [name:x] is invalid", e.Message(language.English))
	assert.Equal(t, "请求参数[name:x]错误", e.Message(language.Chinese))
	assert.Equal(t, errcode.InvalidRequestParam.With("key", "name", "value", "x"), e)

	g := errcode.GatewayProtocolNotSupportedWith("HTTPS")
	assert.Equal(t, errcode.GatewayProtocolNotSupported, g.Code())
	assert.Equal(t, "The following protocol is supported: HTTPS", g.Message(language.English))
	assert.Empty(t, logs.records(t), "a constructor never misuses a name")
}

func TestPlaceholdersIsACopy(t *testing.T) {
	p := errcode.InvalidRequestParam.Placeholders()
	require.Equal(t, []string{"key", "value"}, p)
	p[0] = "changed"
	assert.Equal(t, []string{"key", "value"}, errcode.InvalidRequestParam.Placeholders())
	assert.Nil(t, errcode.Code(0).Placeholders())
	assert.Nil(t, errcode.Code(60000).Placeholders())
}

// A row with placeholders has a constructor that takes exactly their values.
func ExampleInvalidRequestParamWith() {
	err := errcode.InvalidRequestParamWith("limit", "-1")
	fmt.Println(err.Message(language.English))
	fmt.Println(errcode.InvalidRequestParam.Placeholders())

	// Without values, a placeholder reads as its bare name.
	fmt.Println(errcode.InvalidRequestParam.Message(language.English))
	// Output:
	// Request params [limit:-1] is invalid
	// [key value]
	// Request params [key:value] is invalid
}
