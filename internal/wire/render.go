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
	if json {
		return render(dst, text, params, escaped)
	}
	return render(dst, text, params, plain)
}

// AppendBody appends the JSON error body for a wire code and its message,
// rendered as AppendMessage renders it:
//
//	{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
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
// placeholders filled as AppendBody fills them: a body at the cost of
// copying the template's text, which it takes as valid, escaped JSON, and
// escaping the values.
func AppendTemplate(dst []byte, template []string, params []string) []byte {
	for i, part := range template {
		if i%2 == 0 {
			dst = append(dst, part...)
		} else if v, ok := Value(params, part); ok {
			dst = appendValue(dst, v, true)
		} else {
			dst = append(dst, part...) // a name needs no escaping
		}
	}
	return dst
}

// A form is what render does with the text around the placeholders and
// with the values.
type form int

const (
	plain   form = iota // text and values made valid UTF-8
	escaped             // text and values escaped for JSON
)

// render appends text with its placeholders filled, in the form f.
func render(dst []byte, text string, params []string, f form) []byte {
	for {
		before, name, after, found := CutPlaceholder(text)
		dst = appendText(dst, before, f)
		if !found {
			return dst
		}
		if v, ok := Value(params, name); ok {
			dst = appendValue(dst, v, f != plain)
		} else {
			dst = appendText(dst, name, f)
		}
		text = after
	}
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
	if json {
		dst = appendEscaped(dst, v)
	} else {
		dst = AppendValid(dst, v)
	}
	if cut {
		dst = append(dst, "…"...)
	}
	return dst
}

func appendText(dst []byte, s string, f form) []byte {
	if f == escaped {
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

// jsonSafe has a bit for each ASCII byte that the inside of a JSON string
// holds as it is, as encoding/json writes it: bytes 0 to 63 in the first
// word, 64 to 127 in the second. Control characters, '"', '\\', '&', '<'
// and '>' are escaped.
var jsonSafe = [2]uint64{
	0xFFFFFFFF_00000000 &^ (1<<'"' | 1<<'&' | 1<<'<' | 1<<'>'),
	0xFFFFFFFF_FFFFFFFF &^ (1 << ('\\' - 64)),
}

// appendEscaped appends s escaped for the inside of a JSON string, as
// encoding/json escapes it: quotes, backslashes, control characters, <, >,
// &, U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c>>6]>>(c&63)&1 != 0 {
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
