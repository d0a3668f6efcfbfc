package errcode

//go:generate go run ./cmd/errcodegen -o catalog_gen.go -ref docs/reference.md -names docs/names.txt -retry docs/retry.txt docs/octopus-error-codes.en-US.txt docs/octopus-error-codes.zh-CN.txt docs/apigw-error-codes.en-US.txt docs/apigw-error-codes.zh-CN.txt

import (
	"strings"

	"github.com/octopus-go/errcode/internal/wire"
)

// The catalog is catalog_gen.go, generated from the tables in docs/: the
// constants, every row, the body Write sends for each row in each language,
// and lookup, the switch from a wire code (or its APIG. alias) to its first
// row. It is static data, built by nothing at init and safe for concurrent
// use. Its texts are rendered by the rules of internal/wire, which the
// generator used for the prebuilt bodies.

// A row is one documented error.
type row struct {
	name         string // the constant's name
	code         string // the wire code
	status       int    // the HTTP status
	retry        RetryKind
	message      [numLanguages]string   // by language, as documented, with its {placeholders}
	remediation  [numLanguages]string   // by language, as documented
	placeholders []string               // names of the placeholders of message and remediation, in order
	templates    [numLanguages][]string // with placeholders, the body by language cut at them: text, name, text, ..., text
	keys         [numLanguages]string   // message in its normal form, to pick a row by the message sent
	next         Code                   // the next row with the same wire code, or 0
}

// appendBody appends the body Write sends for row c in language lang with
// the placeholder values params: the row's prebuilt body, or its template
// filled.
func appendBody(dst []byte, c Code, lang int, params []string) []byte {
	if r := c.row(); len(r.placeholders) > 0 {
		return wire.AppendTemplate(dst, r.templates[lang], params)
	}
	return append(dst, bodies[c][lang]...)
}

// fill returns text, a message or remediation of e's row, with e's
// placeholder values, as wire.AppendMessage renders it.
func (e *Error) fill(text string) string {
	if e == nil || len(e.params) == 0 {
		return text
	}
	var buf [256]byte
	return string(wire.AppendMessage(buf[:0], text, e.params))
}

// param returns the last value params gives for name.
func param(params []string, name string) (string, bool) { return wire.Value(params, name) }

// pick returns the documented row for a wire code as sent, choosing among
// the rows of one code by status, then by message in any language: the
// same in normal form (see wire.Normalize), or the same up to a colon that
// adds detail. It returns zero for an undocumented code.
func pick(code string, status int, msg string) Code {
	first := lookup(code)
	if first == 0 || rows[first].next == 0 {
		return first
	}
	best, sameStatus := first, false
	for c := first; c != 0; c = rows[c].next {
		if rows[c].status != status {
			continue
		}
		if !sameStatus {
			best, sameStatus = c, true
		}
		if messageMatches(&rows[c], msg) {
			return c
		}
	}
	if !sameStatus {
		for c := first; c != 0; c = rows[c].next {
			if messageMatches(&rows[c], msg) {
				return c
			}
		}
	}
	return best
}

// messageMatches reports whether msg is one of r's messages, in normal
// form, or is one followed by a colon and detail.
func messageMatches(r *row, msg string) bool {
	key := wire.Normalize(msg)
	detail, _, hasDetail := strings.Cut(msg, ":")
	if hasDetail {
		detail = wire.Normalize(detail)
	}
	for _, k := range r.keys {
		if key == k || hasDetail && detail == k {
			return true
		}
	}
	return false
}
