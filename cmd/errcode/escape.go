package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// escape returns s with every character a terminal could act on written
// visibly, as Go writes it in a quoted string: a control character
// (newline, carriage return, tab, ESC, DEL, the C1 controls) or an
// invisible format character (bidirectional overrides, zero-width
// characters) as \n, \r, \t, \x1b or \u202e, and a byte that is not UTF-8
// as \xff. Other characters, Chinese included, are kept as they are.
// The command passes every text it did not write itself through escape:
// what a response sent, and the arguments it echoes.
func escape(s string) string {
	i := strings.IndexFunc(s, needsEscape)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && needsEscape(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xFFFF && needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsEscape reports whether r is a character escape must write visibly:
// anything but a graphic character or a space.
func needsEscape(r rune) bool {
	return r != ' ' && !unicode.IsGraphic(r)
}

// escapeJSON returns the JSON text data, as encoding/json writes it, with
// every character needsEscape reports, which encoding/json leaves raw
// inside strings (DEL, the C1 controls, format characters), written as a
// \u escape instead: the same JSON value, nothing a terminal could act on.
// The newlines and spaces of the indentation, outside strings, are kept.
func escapeJSON(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for _, r := range string(data) {
		if r == '\n' || !needsEscape(r) {
			out = utf8.AppendRune(out, r)
			continue
		}
		if r > 0xFFFF {
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
			continue
		}
		out = fmt.Appendf(out, `\u%04x`, r)
	}
	return out
}
