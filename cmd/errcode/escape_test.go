package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEscape checks that escape writes every control and format character
// and every byte that is not UTF-8 visibly, and keeps the rest.
func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"Scenario is not exists":            "Scenario is not exists",
		"场景不存在":                             "场景不存在",
		`C:\path "q"`:                       `C:\path "q"`,
		"\x1b]0;owned\a\n\nretryable:  yes": `\x1b]0;owned\x07\n\nretryable:  yes`,
		"a\r\tb\x7f":                        `a\r\tb\x7f`,
		"\u009b2J":                          `\u009b2J`,
		"abc\u202edef\u200b":                `abc\u202edef\u200b`,
		"\xff\xfe ok \uFFFD":                `\xff\xfe ok ` + "\uFFFD",
		"tag\U000E0041":                     `tag\U000e0041`,
	} {
		assert.Equal(t, want, escape(in), "%q", in)
	}
}

// TestEscapeJSON checks that escapeJSON writes as \u escapes the characters
// encoding/json leaves raw, and keeps the indentation.
func TestEscapeJSON(t *testing.T) {
	in := "[\n  {\n    \"m\": \"a\u007fb\u009bc\u202ed\U000E0041 场景\"\n  }\n]\n"
	want := "[\n  {\n    \"m\": \"a\\u007fb\\u009bc\\u202ed\\udb40\\udc41 场景\"\n  }\n]\n"
	got := escapeJSON([]byte(in))
	assert.Equal(t, want, string(got))
	var before, after any
	require.NoError(t, json.Unmarshal([]byte(in), &before))
	require.NoError(t, json.Unmarshal(got, &after))
	assert.Equal(t, before, after)
}

// FuzzEscape checks that escape never returns a character a terminal could
// act on.
func FuzzEscape(f *testing.F) {
	f.Add("\x1b]0;owned\a\n\nretryable:   yes")
	f.Add("场景\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := escape(s)
		assert.True(t, utf8.ValidString(got), "%q", got)
		assert.False(t, strings.ContainsFunc(got, needsEscape), "%q", got)
	})
}
