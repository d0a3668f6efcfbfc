package errcode_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

// TestBodiesMatchEncodingJSON checks that Write's bodies, generated and
// rendered with values, are the bodies encoding/json writes, for every row
// and language.
func TestBodiesMatchEncodingJSON(t *testing.T) {
	long := strings.Repeat("é", 100) + "<&>\"\u2028\x00\xff"
	paramSets := [][]string{
		nil,
		{"key", "name", "value", "x"},
		{"key", "a\"b<c>&\\\n", "value", long},
		{"key", "1", "key", "2", "", "empty name"},
		{"value", strings.Repeat("v", 200), "name", "\xe4\xb8", "id", "\u2029"},
	}
	for c := range errcode.All() {
		// Every placeholder of the row, with a value.
		var all []string
		for _, name := range c.Placeholders() {
			all = append(all, name, "<"+name+">")
		}
		for l := range errcode.Languages() {
			text := errcode.MessageTemplate(c, l)
			assert.Equal(t, jsonBody(t, c.String(), fill(text, nil)), errcode.GeneratedBody(c, l), "generated body of %s in language %d", c.Name(), l)
			for _, params := range append(paramSets, all) {
				got := errcode.AppendBody(nil, c, l, params)
				assert.Equal(t, jsonBody(t, c.String(), fill(text, params)), string(got), "%s in language %d, params %q", c.Name(), l, params)
			}
		}
	}
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
