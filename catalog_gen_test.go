package errcode_test

import (
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

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
