package wire

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValueBytes caps how much of one placeholder value a message repeats: a
// longer value is cut at a character boundary and ends in "…", so that a
// response body cannot reflect a large payload back to its sender.
const MaxValueBytes = 128

// AppendMessage appends text, a message or remediation, for a person to
// read: each placeholder that params gives a value (see [Value]) filled
// with it, cut to MaxValueBytes and made printable as [AppendPrintable]
// makes it, so that a value cannot forge a log line; a placeholder without
// a value stays marked, {name}. A value is not searched for placeholders.
func AppendMessage(dst []byte, text string, params []string) []byte {
	for {
		before, name, after, found := CutPlaceholder(text)
		dst = append(dst, before...)
		if !found {
			return dst
		}
		if v, ok := Value(params, name); ok {
			v, cut := Cut(v, MaxValueBytes)
			dst = AppendPrintable(dst, v)
			if cut {
				dst = append(dst, "…"...)
			}
		} else {
			dst = append(dst, text[len(before):len(text)-len(after)]...)
		}
		text = after
	}
}

// AppendBody appends the JSON error body for a wire code and its message,
// each placeholder filled with its value as AppendMessage cuts it, or,
// without a value, its bare name, so that a client never sees a brace:
//
//	{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
//
// It is escaped as encoding/json escapes it.
func AppendBody(dst []byte, code, msg string, params []string) []byte {
	return AppendTemplate(dst, Template(code, msg), params)
}

// Template returns the JSON error body for a wire code and its message, cut
// at the message's placeholders: escaped JSON text and placeholder names in
// turn, text first and last, such as
//
//	{`{"error_code":"octopus.000003","error_msg":"Request params [`, "key", ":", "value", `] is invalid"}`}
//
// Escaping for JSON never touches a placeholder, and never makes one (an
// escape starts with '\\', which no name holds), so the template has exactly
// the message's placeholders.
func Template(code, msg string) []string {
	body := appendEscaped([]byte(`{"error_code":"`), code)
	body = append(body, `","error_msg":"`...)
	body = append(appendEscaped(body, msg), `"}`...)
	var parts []string
	for text := string(body); ; {
		before, name, after, found := CutPlaceholder(text)
		parts = append(parts, before)
		if !found {
			return parts
		}
		parts = append(parts, name)
		text = after
	}
}

// AppendTemplate appends the body of a template from [Template] with its
// placeholders filled as AppendBody fills them.
func AppendTemplate(dst []byte, template []string, params []string) []byte {
	for i, part := range template {
		v, ok := "", false
		if i%2 == 1 {
			v, ok = Value(params, part)
		}
		if ok {
			v, cut := Cut(v, MaxValueBytes)
			dst = appendEscaped(dst, v)
			if cut {
				dst = append(dst, "…"...)
			}
			continue
		}
		dst = append(dst, part...) // JSON text, or a name, which needs no escaping
	}
	return dst
}

// appendEscaped appends s escaped for the inside of a JSON string by
// encoding/json, which only printable ASCII other than " \ < > & needs not.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf || strings.IndexByte(`"\<>&`, c) >= 0 {
			q, _ := json.Marshal(s) // a string always marshals
			return append(dst, q[1:len(q)-1]...)
		}
	}
	return append(dst, s...)
}

// Cut returns s cut to at most n bytes at a character boundary, and
// whether it was cut.
func Cut(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// AppendPrintable appends s with each character that does not print
// (\n, \r, ESC, a bidirectional control, an invalid byte) escaped as in a
// Go string literal, and a backslash as \\, so that text from outside
// cannot forge a log line or change a terminal.
func AppendPrintable(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\':
			dst = append(dst, `\\`...)
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\x`...)
			dst = append(dst, "0123456789abcdef"[s[i]>>4], "0123456789abcdef"[s[i]&15])
		case strconv.IsPrint(r):
			dst = append(dst, s[i:i+size]...)
		default:
			var buf [16]byte
			q := strconv.AppendQuoteRune(buf[:0], r) // '\n', '\x1b', '\u202e'
			dst = append(dst, q[1:len(q)-1]...)
		}
		i += size
	}
	return dst
}
