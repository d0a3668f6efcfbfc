package wire

import (
	"strings"
	"unicode"
)

// Normalize returns msg in the form in which messages are compared: without
// surrounding white space or trailing full stops ('.' or '。'), in lower
// case. "Internal server error." and "internal server error" are the same
// message.
func Normalize(msg string) string {
	msg = strings.TrimRightFunc(msg, func(r rune) bool { return r == '.' || r == '。' || unicode.IsSpace(r) })
	return strings.ToLower(strings.TrimSpace(msg))
}
