package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCutPlaceholder(t *testing.T) {
	tests := []struct {
		text, before, name, after string
		found                     bool
	}{
		{"Request params [{key}:{value}] is invalid", "Request params [", "key", ":{value}] is invalid", true},
		{"{xxx}", "", "xxx", "", true},
		{"no placeholder", "no placeholder", "", "", false},
		{"", "", "", "", false},
		{"{", "{", "", "", false},
		{"{}", "{}", "", "", false},
		{"{not a name} {_ok1}", "{not a name} ", "_ok1", "", true},
		{"{1st} {a1}", "{1st} ", "a1", "", true},
		{"a{b{c}d}", "a{b", "c", "d}", true},
		{"{é}", "{é}", "", "", false},
		{"{key", "{key", "", "", false},
	}
	for _, tt := range tests {
		before, name, after, found := CutPlaceholder(tt.text)
		assert.Equal(t, []any{tt.before, tt.name, tt.after, tt.found}, []any{before, name, after, found}, "%q", tt.text)
	}
}

func TestPlaceholders(t *testing.T) {
	assert.Equal(t, []string{"value", "key"}, Placeholders("[{value}:{key}] {key} {not a placeholder}"))
	assert.Equal(t, []string{"key", "value", "id"}, Placeholders("[{key}:{value}]", "{value} {id}"))
	assert.Empty(t, Placeholders("none", ""))
}

func TestValue(t *testing.T) {
	params := []string{"key", "1", "value", "2", "key", "3"}
	v, ok := Value(params, "key")
	assert.True(t, ok)
	assert.Equal(t, "3", v, "the last value wins")
	_, ok = Value(params, "id")
	assert.False(t, ok)
	_, ok = Value([]string{"key", "1", "id"}, "id")
	assert.False(t, ok, "a trailing name has no value")
	v, _ = Value([]string{"key", "1", "id"}, "key")
	assert.Equal(t, "1", v)
	_, ok = Value(nil, "key")
	assert.False(t, ok)
}
