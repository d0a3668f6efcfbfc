package errcode

import "github.com/octopus-go/errcode/internal/wire"

// Messages and bodies are rendered by the rules of internal/wire, the ones
// the generator used for the prebuilt bodies of catalog_gen.go: a
// placeholder is {name}; with a value, the value (cut to 128 bytes), else
// the bare name.

// appendBody appends the body Write sends for row c in language lang with
// the placeholder values params (name, value pairs): the row's generated
// template filled, or, for a row without placeholders, its body.
func appendBody(dst []byte, c Code, lang int, params []string) []byte {
	switch r := c.row(); {
	case len(r.placeholders) > 0:
		return wire.AppendTemplate(dst, r.templates[lang], params)
	case c.valid():
		return append(dst, bodies[c][lang]...)
	}
	return dst
}

// fill returns text, a message or remediation of r, for a reader rather
// than a body: its placeholders filled from params, or as their bare names
// where params gives no value. It returns text itself when r has no
// placeholders; otherwise it renders into a buffer on the stack, so that
// the string is the one allocation of a message of usual length.
func (r *row) fill(text string, params []string) string {
	if len(r.placeholders) == 0 {
		return text
	}
	var buf [256]byte
	return string(wire.AppendMessage(buf[:0], text, params, false))
}

// param returns the last value params gives for name.
func param(params []string, name string) (string, bool) { return wire.Value(params, name) }

// appendValid appends s with each invalid UTF-8 byte replaced by U+FFFD.
func appendValid(dst []byte, s string) []byte { return wire.AppendValid(dst, s) }
