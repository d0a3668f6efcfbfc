package errcode

import (
	"unicode/utf16"
	"unicode/utf8"
)

// FromResponse reads the bodies servers send with the small scanner of this
// file rather than with encoding/json, which costs several allocations per
// body. The scanner gives the answer json.Unmarshal into a [wireBody] gives,
// fields and all: keys matched without regard to ASCII case, the last of
// duplicate keys winning, a value of another type than string, or null,
// leaving a field as it was, strings decoded with their escapes and with
// invalid UTF-8 replaced by U+FFFD. For what it does not handle itself, it
// answers scanUnsure and the caller falls back to encoding/json: any body
// that is not valid JSON, a key with an escape or a non-ASCII byte (which
// encoding/json folds by Unicode rules), an object under "error" inside
// "error", and nesting deeper than maxScanDepth. So the scanner is bounded
// in depth, never panics on a body, and need only be right when it accepts.

// maxScanDepth bounds the nesting of arrays and objects the scanner reads.
const maxScanDepth = 64

// What scanBody makes of a body.
const (
	scanUnsure    = iota // decode the body with encoding/json
	scanNotObject        // the body is not a JSON object, whether valid JSON or not
	scanObject           // the body is a valid JSON object, its fields read
)

// A span is the contents of a JSON string of the body, between its quotes.
type span struct {
	start, end int
	escaped    bool // the contents have a backslash escape
	ascii      bool // the contents are ASCII
}

// scanFields are the spans of the fields of a wireBody; a zero span is an
// empty string, as in a zero wireBody.
type scanFields struct {
	errorCode, errorMsg, code, message, requestID span
}

// A scanner reads a body from b[i:].
type scanner struct {
	b []byte
	i int
}

// scanBody reads the fields of a body: top for the object, inner for its
// "error" object, if hasInner. The fields are valid only for scanObject.
func scanBody(b []byte) (top, inner scanFields, hasInner bool, result int) {
	s := scanner{b: b}
	s.ws()
	if s.peek() != '{' {
		return top, inner, false, scanNotObject
	}
	if !s.object(&top, &inner, &hasInner, 1) {
		return top, inner, false, scanUnsure
	}
	s.ws()
	if s.i != len(s.b) {
		return top, inner, false, scanUnsure
	}
	return top, inner, hasInner, scanObject
}

// peek returns the next byte, or 0 at the end of the body: 0 is valid in
// no place peek is asked about.
func (s *scanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// ws skips JSON white space.
func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// object reads the object at s.i, at nesting depth depth, into f. For the
// top-level object, inner and hasInner receive its "error" object; inside
// that, they are nil.
func (s *scanner) object(f, inner *scanFields, hasInner *bool, depth int) bool {
	if depth > maxScanDepth {
		return false
	}
	s.i++ // {
	s.ws()
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		k, ok := s.key()
		if !ok || k.escaped || !k.ascii {
			return false
		}
		var dst *span
		switch key := s.b[k.start:k.end]; {
		case asciiFold(key, "error_code"):
			dst = &f.errorCode
		case asciiFold(key, "error_msg"):
			dst = &f.errorMsg
		case asciiFold(key, "code"):
			dst = &f.code
		case asciiFold(key, "message"):
			dst = &f.message
		case asciiFold(key, "request_id"):
			dst = &f.requestID
		case asciiFold(key, "error"):
			if !s.errorValue(inner, hasInner, depth) {
				return false
			}
		default:
			if !s.skip(depth) {
				return false
			}
		}
		if dst != nil {
			// A value of another type, or null, leaves the field as it was.
			if s.peek() != '"' {
				if !s.skip(depth) {
					return false
				}
			} else if v, ok := s.str(); ok {
				*dst = v
			} else {
				return false
			}
		}
		if done, ok := s.next('}'); done || !ok {
			return ok
		}
	}
}

// key reads an object's key at s.i and the colon after it, leaving s.i at
// the value.
func (s *scanner) key() (span, bool) {
	if s.peek() != '"' {
		return span{}, false
	}
	k, ok := s.str()
	if !ok {
		return span{}, false
	}
	s.ws()
	if s.peek() != ':' {
		return span{}, false
	}
	s.i++
	s.ws()
	return k, true
}

// next reads what follows a member of a container that ends with end: a
// comma (more members follow) or end (done). ok is false for anything else.
func (s *scanner) next(end byte) (done, ok bool) {
	s.ws()
	switch s.peek() {
	case ',':
		s.i++
		s.ws()
		return false, true
	case end:
		s.i++
		return true, true
	}
	return false, false
}

// errorValue reads the value of an "error" key at s.i, in an object at
// nesting depth depth, as encoding/json decodes it into the *wireBody of
// the top-level object: an object into the existing one, if any; null sets
// the pointer to nil; another type leaves it as it was. Inside "error"
// (inner is nil), an object is left to encoding/json.
func (s *scanner) errorValue(inner *scanFields, hasInner *bool, depth int) bool {
	switch c := s.peek(); {
	case c == '{' && inner == nil:
		return false
	case c == '{':
		if !*hasInner {
			*inner, *hasInner = scanFields{}, true
		}
		return s.object(inner, nil, nil, depth+1)
	case c == 'n' && inner != nil:
		if !s.skip(depth) {
			return false
		}
		*inner, *hasInner = scanFields{}, false
		return true
	}
	return s.skip(depth)
}

// skip checks and skips the value at s.i, inside a container at nesting
// depth depth.
func (s *scanner) skip(depth int) bool {
	switch c := s.peek(); {
	case c == '{' || c == '[':
		if depth+1 > maxScanDepth {
			return false
		}
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		s.i++
		s.ws()
		if s.peek() == end {
			s.i++
			return true
		}
		for {
			if c == '{' {
				if _, ok := s.key(); !ok {
					return false
				}
			}
			if !s.skip(depth + 1) {
				return false
			}
			if done, ok := s.next(end); done || !ok {
				return ok
			}
		}
	case c == '"':
		_, ok := s.str()
		return ok
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

// literal skips lit at s.i.
func (s *scanner) literal(lit string) bool {
	if len(s.b)-s.i < len(lit) || string(s.b[s.i:s.i+len(lit)]) != lit {
		return false
	}
	s.i += len(lit)
	return true
}

// number checks and skips the number at s.i.
func (s *scanner) number() bool {
	if s.peek() == '-' {
		s.i++
	}
	switch c := s.peek(); {
	case c == '0':
		s.i++
	case '1' <= c && c <= '9':
		s.digits()
	default:
		return false
	}
	if s.peek() == '.' {
		s.i++
		if !s.digits() {
			return false
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits skips digits and reports whether there was one.
func (s *scanner) digits() bool {
	start := s.i
	for c := s.peek(); '0' <= c && c <= '9'; c = s.peek() {
		s.i++
	}
	return s.i > start
}

// str checks and skips the string whose opening quote is at s.i, and
// returns the span of its contents.
func (s *scanner) str() (span, bool) {
	s.i++ // "
	sp := span{start: s.i, ascii: true}
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			sp.end = s.i
			s.i++
			return sp, true
		case c == '\\':
			sp.escaped = true
			if s.i+1 >= len(s.b) {
				return sp, false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if len(s.b)-s.i < 6 || hex4(s.b[s.i+2:s.i+6]) < 0 {
					return sp, false
				}
				s.i += 6
			default:
				return sp, false
			}
		case c < 0x20:
			return sp, false
		default:
			if c >= utf8.RuneSelf {
				sp.ascii = false
			}
			s.i++
		}
	}
	return sp, false
}

// hex4 returns the value of 4 hex digits, or -1 if h is not 4 hex digits.
func hex4(h []byte) rune {
	if len(h) < 4 {
		return -1
	}
	var r rune
	for _, c := range h[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// asciiFold reports whether the ASCII key equals name, a lower-case ASCII
// name, but for case.
func asciiFold(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := range len(key) {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// text returns the decoded contents of the string sp, as encoding/json
// decodes them.
func (s *scanner) text(sp span) string {
	raw := s.b[sp.start:sp.end]
	if sp.ascii && !sp.escaped {
		return string(raw)
	}
	if !sp.escaped && utf8.Valid(raw) {
		return string(raw)
	}
	var tmp [256]byte
	return string(appendUnquoted(tmp[:0], raw))
}

// appendUnquoted appends the contents of a JSON string that str accepted,
// decoded as encoding/json decodes them: escapes replaced, surrogate pairs
// joined, a lone surrogate and each byte of invalid UTF-8 replaced by
// U+FFFD.
func appendUnquoted(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			switch raw[i+1] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r := hex4(raw[i+2:])
				if r < 0 {
					return append(dst, "\uFFFD"...) // not from str
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
						r2 = hex4(raw[i+2:])
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						i += 6
						dst = utf8.AppendRune(dst, d)
						continue
					}
					r = utf8.RuneError
				}
				dst = utf8.AppendRune(dst, r)
				continue
			default: // " \ /
				dst = append(dst, raw[i+1])
			}
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, "\uFFFD"...)
			} else {
				dst = append(dst, raw[i:i+size]...)
			}
			i += size
		}
	}
	return dst
}

// or returns sp if it is not empty, else alt. A span is empty when its
// decoded text is: an escape or an invalid byte decodes to something.
func (sp span) or(alt span) span {
	if sp.end > sp.start {
		return sp
	}
	return alt
}

// scanned returns the code, message and request id of a body that
// scanBody read, as wireBody.fields does; the request id only if wantID.
// A documented code, and a message of its rows, come from the catalog,
// without allocating.
func scanned(body []byte, top, inner scanFields, hasInner, wantID bool) (code, msg, id string) {
	s := scanner{b: body}
	c, m, i := top.errorCode.or(top.code), top.errorMsg.or(top.message), top.requestID
	if hasInner && c.end == c.start && m.end == m.start {
		c, m = inner.errorCode.or(inner.code), inner.errorMsg.or(inner.message)
		if i.end == i.start {
			i = inner.requestID
		}
	}
	if wantID {
		id = s.text(i)
	}
	var first Code
	if raw := body[c.start:c.end]; !c.escaped {
		if first = lookup(string(raw)); first != 0 && rows[first].code == string(raw) {
			code = rows[first].code
		}
	}
	if code == "" {
		code = s.text(c)
	}
	if raw := body[m.start:m.end]; !m.escaped && len(raw) > 0 {
		for rc := first; rc != 0; rc = rows[rc].next {
			for _, text := range rows[rc].message {
				if text == string(raw) {
					msg = text
				}
			}
		}
	}
	if msg == "" {
		msg = s.text(m)
	}
	return code, msg, id
}
