package wire

import "unicode/utf8"

// MaxValueBytes caps how much of one placeholder value a message repeats: a
// longer value is cut at a character boundary and ends in "…", so that a
// response body cannot reflect a large payload back to its sender.
const MaxValueBytes = 128

// AppendMessage appends text with each placeholder filled with the value
// params gives its name (see [Value]), cut to MaxValueBytes; a placeholder
// without a value becomes its bare name, so that "[{key}:{value}]" with no
// values reads "[key:value]" and never shows a brace to a client. A value is
// not searched for placeholders. With json, everything appended is escaped
// for the inside of a JSON string as encoding/json escapes it. Invalid UTF-8
// becomes U+FFFD.
func AppendMessage(dst []byte, text string, params []string, json bool) []byte {
	for {
		before, name, after, found := CutPlaceholder(text)
		dst = appendText(dst, before, json)
		if !found {
			return dst
		}
		if v, ok := Value(params, name); ok {
			dst = appendValue(dst, v, json)
		} else {
			dst = appendText(dst, name, json)
		}
		text = after
	}
}

// AppendBody appends the JSON error body for a wire code and its message,
// rendered as AppendMessage renders it:
//
//	{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
func AppendBody(dst []byte, code, msg string, params []string) []byte {
	dst = append(dst, `{"error_code":"`...)
	dst = appendEscaped(dst, code)
	dst = append(dst, `","error_msg":"`...)
	dst = AppendMessage(dst, msg, params, true)
	return append(dst, `"}`...)
}

// appendValue appends a placeholder value, cut to MaxValueBytes.
func appendValue(dst []byte, v string, json bool) []byte {
	cut := len(v) > MaxValueBytes
	if cut {
		n := MaxValueBytes
		for n > 0 && !utf8.RuneStart(v[n]) {
			n--
		}
		v = v[:n]
	}
	dst = appendText(dst, v, json)
	if cut {
		dst = append(dst, "…"...)
	}
	return dst
}

func appendText(dst []byte, s string, json bool) []byte {
	if json {
		return appendEscaped(dst, s)
	}
	return AppendValid(dst, s)
}

// AppendValid appends s with each invalid UTF-8 byte replaced by U+FFFD.
func AppendValid(dst []byte, s string) []byte {
	if utf8.ValidString(s) {
		return append(dst, s...)
	}
	for _, r := range s {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

const hex = "0123456789abcdef"

// appendEscaped appends s escaped for the inside of a JSON string, as
// encoding/json escapes it: quotes, backslashes, control characters, <, >,
// &, U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}
