package errcode_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
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
	assert.Equal(t, "Request params [name:value] is invalid", partial.Message(language.English),
		"a placeholder without a value reads as its bare name; a name without a value is ignored")
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
	assert.Equal(t, errcode.Code(0), e.With("key", "k").Wrap(nil).Code(), "deriving from nil gives no row, not a panic")
}
