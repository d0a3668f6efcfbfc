package errcode

import (
	"strings"
	"unicode/utf8"
)

// appendExpanded appends text with each {name} placeholder replaced by the
// last value params gives for name (see appendParam); a placeholder without
// a value stays as it is. Invalid UTF-8 becomes U+FFFD.
func appendExpanded(dst []byte, text string, params []string) []byte {
	for {
		before, name, after, found := cutPlaceholder(text)
		if !found {
			return appendValid(dst, text)
		}
		if v, ok := param(params, name); ok {
			dst = appendParam(appendValid(dst, before), v, false)
		} else {
			dst = appendValid(dst, text[:len(text)-len(after)])
		}
		text = after
	}
}

// cutPlaceholder cuts text around its first placeholder: from a '{' to the
// first '}' after it.
func cutPlaceholder(text string) (before, name, after string, found bool) {
	before, rest, found := strings.Cut(text, "{")
	if found {
		name, after, found = strings.Cut(rest, "}")
	}
	return before, name, after, found
}

// appendParam appends the placeholder value v, cut to maxParamBytes at a
// character boundary and then ended by "…", valid UTF-8 and, with escape,
// escaped for a JSON string.
func appendParam(dst []byte, v string, escape bool) []byte {
	cut := len(v) > maxParamBytes
	if cut {
		n := maxParamBytes
		for n > 0 && !utf8.RuneStart(v[n]) {
			n--
		}
		v = v[:n]
	}
	if escape {
		dst = appendEscaped(dst, v)
	} else {
		dst = appendValid(dst, v)
	}
	if cut {
		dst = append(dst, "…"...)
	}
	return dst
}

// param returns the last value params gives for name.
func param(params []string, name string) (string, bool) {
	for i := len(params) - 2; i >= 0; i -= 2 {
		if params[i] == name {
			return params[i+1], true
		}
	}
	return "", false
}

// appendValid appends s with each invalid UTF-8 byte replaced by U+FFFD.
func appendValid(dst []byte, s string) []byte {
	if utf8.ValidString(s) {
		return append(dst, s...)
	}
	for _, r := range s {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

const hex = "0123456789abcdef"

// jsonSafe tells the ASCII bytes that appendEscaped copies as they are.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return safe
}()

// appendEscaped appends s escaped for the inside of a JSON string, as
// encoding/json escapes it: quotes, backslashes, control characters, <, >,
// &, U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
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
