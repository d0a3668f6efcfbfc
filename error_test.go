package errcode_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestErrorFormat(t *testing.T) {
	err := errcode.DatabaseAccessError.Wrap(stackError{"connection refused"})
	assert.Equal(t, "octopus.000131: Database access error: connection refused\nmain.load\n\t/srv/app/store.go:42",
		fmt.Sprintf("%+v", err), "%+v goes through the cause")
	assert.Equal(t, "octopus.000131: Database access error: connection refused", fmt.Sprintf("%v", err))
	assert.Equal(t, "octopus.000131: Database access error: connection refused", fmt.Sprintf("%s", err))
	assert.Equal(t, `"octopus.000131: Database access error: connection refused"`, fmt.Sprintf("%q", err))

	noCause := errcode.InvalidRequestParam.With("key", "k", "value", "v")
	assert.Equal(t, "octopus.000003: Request params [k:v] is invalid", fmt.Sprintf("%+v", noCause))
	plain := errcode.ScenarioNotFound.Wrap(errors.New("no rows"))
	assert.Equal(t, "octopus.107002: Scenario is not exists: no rows", fmt.Sprintf("%+v", plain))
	var nilErr *errcode.Error
	assert.Equal(t, "<nil>", fmt.Sprintf("%+v", nilErr))
}

func TestWithFillsPlaceholders(t *testing.T) {
	e := errcode.InvalidRequestParam.With("key", "name", "value", "x")
	assert.Equal(t, "Request params [name:x] is invalid", e.Message(language.English))
	assert.Equal(t, "请求参数[name:x]错误", e.Message(language.Chinese))
	assert.Equal(t, "Make sure the request parameter [name:x] is correct", e.Remediation(language.English))
	assert.Equal(t, "请确保请求参数[name:x]正确", e.Remediation(language.Chinese))
	assert.Equal(t, "octopus.000003: Request params [name:x] is invalid", e.Error())
	assert.Equal(t, 400, e.Status())
	assert.Equal(t, errcode.InvalidRequestParam, e.Code())

	partial := errcode.InvalidRequestParam.With("key", "name", "dangling")
	assert.Equal(t, "Request params [name:{value}] is invalid", partial.Message(language.English),
		"a placeholder without a value stays marked; a name without a value is ignored")
	assert.Equal(t, "octopus.000003: Request params [name:{value}] is invalid", partial.Error())
	assert.Equal(t, "The following protocol is supported: HTTPS",
		errcode.GatewayProtocolNotSupported.With("xxx", "HTTPS").Message(language.English))
	assert.Equal(t, "协议不支持,仅支持以下协议:HTTPS",
		errcode.GatewayProtocolNotSupported.With("xxx", "HTTPS").Message(language.Chinese))
}

func TestErrorsAreImmutable(t *testing.T) {
	base := errcode.InvalidRequestParam.With("key", "name", "value", "x")
	other := base.With("value", "y")
	cause := errors.New("strconv: bad digit")
	wrapped := base.Wrap(cause)

	assert.Equal(t, "Request params [name:x] is invalid", base.Message(language.English))
	assert.Equal(t, "Request params [name:y] is invalid", other.Message(language.English))
	assert.Nil(t, errors.Unwrap(base))
	assert.Equal(t, cause, errors.Unwrap(wrapped))
	assert.Equal(t, "octopus.000003: Request params [name:x] is invalid: strconv: bad digit", wrapped.Error())
	assert.Equal(t, "Request params [name:x] is invalid", wrapped.Message(language.English))
}

func TestNilErrorIsSafe(t *testing.T) {
	var e *errcode.Error
	assert.Equal(t, "<nil>", e.Error())
	assert.Nil(t, e.Unwrap())
	assert.Equal(t, errcode.Code(0), e.Code())
	assert.False(t, e.Is(errcode.ScenarioNotFound))
	assert.Empty(t, e.Message(language.English))
	assert.Empty(t, e.Remediation(language.Chinese))
	assert.Zero(t, e.Status())
	_, ok := e.Value("key")
	assert.False(t, ok)
	assert.Equal(t, "<nil>", fmt.Sprintf("%+v", e))
	assert.Equal(t, errcode.Code(0), e.With("key", "k").Wrap(nil).Code(), "deriving from nil gives no row, not a panic")
}

func TestWithIgnoresNamesTheRowDoesNotHave(t *testing.T) {
	tests := []struct {
		name    string
		err     *errcode.Error
		ignored []string
		msg     string // the English message, as Error() says it
		body    string // the English message, as the body says it
	}{
		{"a name the row does not have", errcode.InvalidRequestParam.With("name", "x"),
			[]string{"name"}, "Request params [{key}:{value}] is invalid", "Request params [key:value] is invalid"},
		{"a final name without a value", errcode.InvalidRequestParam.With("key", "k", "value"),
			[]string{"value"}, "Request params [k:{value}] is invalid", "Request params [k:value] is invalid"},
		{"both, among good names", errcode.InvalidRequestParam.With("key", "k", "Value", "v", "value", "x", "id"),
			[]string{"Value", "id"}, "Request params [k:x] is invalid", "Request params [k:x] is invalid"},
		{"a row without placeholders", errcode.ScenarioNotFound.With("key", "k"),
			[]string{"key"}, "Scenario is not exists", "Scenario is not exists"},
		{"With on an *Error", errcode.GatewayProtocolNotSupported.With("xxx", "HTTP").With("protocol", "HTTPS"),
			[]string{"protocol"}, "The following protocol is supported: HTTP", "The following protocol is supported: HTTP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.err.Code()
			assert.Equal(t, tt.msg, tt.err.Message(language.English))
			assert.Equal(t, c.String()+": "+tt.msg, tt.err.Error())
			rec := httptest.NewRecorder()
			errcode.Write(rec, tt.err)
			assert.Equal(t, `{"error_code":"`+c.String()+`","error_msg":"`+tt.body+`"}`, rec.Body.String())
			for _, name := range tt.ignored {
				_, ok := tt.err.Value(name)
				assert.False(t, ok, "%s is not kept", name)
			}
		})
	}
}

func TestWithNeverSharesTheParameters(t *testing.T) {
	base := errcode.InvalidRequestParam.With("key", "k")
	a, b := base.With("value", "a"), base.With("value", "b")
	assert.Equal(t, "Request params [k:a] is invalid", a.Message(language.English))
	assert.Equal(t, "Request params [k:b] is invalid", b.Message(language.English))
	assert.Equal(t, "Request params [k:{value}] is invalid", base.Message(language.English))
	full := errcode.InvalidRequestParam.With("key", "1", "value", "2", "key", "3", "value", "4")
	c, d := full.With("key", "c"), full.With("key", "d")
	assert.Equal(t, "Request params [c:4] is invalid", c.Message(language.English), "an append to a full slice")
	assert.Equal(t, "Request params [d:4] is invalid", d.Message(language.English))
	assert.Equal(t, "Request params [3:4] is invalid", full.Message(language.English))
	// Three pairs appended one by one: 6 values in an array of 8, room
	// that an append would share.
	roomy := errcode.InvalidRequestParam.With("key", "1", "value", "2", "key", "3")
	e, f := roomy.With("value", "e"), roomy.With("value", "f")
	assert.Equal(t, "Request params [3:e] is invalid", e.Message(language.English), "an append to a slice with room")
	assert.Equal(t, "Request params [3:f] is invalid", f.Message(language.English))
	assert.Equal(t, "Request params [3:2] is invalid", roomy.Message(language.English))
	g := roomy.Wrap(errors.New("cause")).With("value", "g")
	assert.Equal(t, "Request params [3:g] is invalid", g.Message(language.English))
	assert.Equal(t, "Request params [3:e] is invalid", e.Message(language.English), "still e")
}

func TestErrorIsMatchesByWireCode(t *testing.T) {
	e := errcode.InvalidRequestParam.With("key", "k")
	assert.ErrorIs(t, e, errcode.InvalidRequestParam)
	assert.ErrorIs(t, e, errcode.InvalidRequestParam.With("key", "other"), "an *Error target")
	assert.ErrorIs(t, e, &errcode.ResponseError{StatusCode: 400, Code: errcode.InvalidRequestParam}, "a *ResponseError target")
	assert.NotErrorIs(t, e, &errcode.ResponseError{StatusCode: 400, Code: errcode.HTTPBadRequest})
	assert.NotErrorIs(t, e, &errcode.ResponseError{StatusCode: 400, WireCode: "octopus.000003"}, "no documented row")
	assert.NotErrorIs(t, e, (*errcode.ResponseError)(nil))
	assert.NotErrorIs(t, e, (*errcode.Error)(nil))
	assert.NotErrorIs(t, e, errcode.Code(0))
}

// TestAllocsMessageWithoutValues checks that the message of an *Error
// without placeholder values is the catalog's text, not a copy.
func TestAllocsMessageWithoutValues(t *testing.T) {
	e := errcode.InvalidRequestParam.Wrap(errors.New("bad digit"))
	en, zh := errcode.Languages()[0], errcode.Languages()[1] // a catalog language is found without matching
	var msg string
	assert.Zero(t, allocs(t, func() { msg = e.Message(zh) }))
	require.Equal(t, "请求参数[{key}:{value}]错误", msg)
	assert.Zero(t, allocs(t, func() { msg = e.Remediation(en) }))
	require.Equal(t, "Make sure the request parameter [{key}:{value}] is correct", msg)
}

func TestMessagesEscapeWhatDoesNotPrint(t *testing.T) {
	e := errcode.InvalidRequestParamWith("name", "x\nlevel=ERROR forged=1\x1b[31m\u202e\xff")
	assert.Equal(t, `Request params [name:x\nlevel=ERROR forged=1\x1b[31m\u202e\xff] is invalid`, e.Message(language.English))
	assert.Equal(t, `octopus.000003: Request params [name:x\nlevel=ERROR forged=1\x1b[31m\u202e\xff] is invalid`, e.Error())
	assert.Equal(t, `请求参数[name:x\nlevel=ERROR forged=1\x1b[31m\u202e\xff]错误`, e.Message(language.Chinese))
	assert.Equal(t, `Request params [a\\b:中文] is invalid`, errcode.InvalidRequestParamWith("a\\b", "中文").Message(language.English))
	rec := httptest.NewRecorder()
	errcode.Write(rec, e)
	assert.Equal(t, `{"error_code":"octopus.000003","error_msg":"Request params [name:x\nlevel=ERROR forged=1\u001b[31m‮\ufffd] is invalid"}`, rec.Body.String(), "the body is JSON, escaped as encoding/json escapes")
}
