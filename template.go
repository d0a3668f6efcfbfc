package errcode

import "strings"

// Write renders a body from a template of the row's body, made once at
// init: the JSON body cut at the message's placeholders, its literal parts
// already escaped, so that filling it copies the parts and escapes only the
// values. Placeholders are found as appendExpanded finds them: from a '{'
// to the first '}' after it.

// A part is a piece of a body template: literal text, or a placeholder.
type part struct {
	text string // the escaped text; for a placeholder, its escaped {name}
	name string // the placeholder's name
	hole bool   // it is a placeholder
}

// templates holds each row's body template in each language.
var templates = buildTemplates()

func buildTemplates() [][numLanguages][]part {
	t := make([][numLanguages][]part, len(rows))
	for c := range rows[1:] {
		for l := range numLanguages {
			t[c+1][l] = template(&rows[c+1], l)
		}
	}
	return t
}

// template returns the body template of row r in language lang.
func template(r *row, lang int) []part {
	var parts []part
	lit := append(appendEscaped([]byte(`{"error_code":"`), r.code), `","error_msg":"`...)
	text := r.message[lang]
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		end += open
		lit = appendEscaped(lit, text[:open])
		parts = append(parts,
			part{text: string(lit)},
			part{text: string(appendEscaped(nil, text[open:end+1])), name: text[open+1 : end], hole: true})
		lit = nil
		text = text[end+1:]
	}
	lit = append(appendEscaped(lit, text), `"}`...)
	return append(parts, part{text: string(lit)})
}

// appendTemplate appends the body of template parts, its placeholders
// filled from params as appendParam writes them; a placeholder without a
// value stays as documented.
func appendTemplate(dst []byte, parts []part, params []string) []byte {
	for i := range parts {
		p := &parts[i]
		if p.hole {
			if v, ok := param(params, p.name); ok {
				dst = appendParam(dst, v, true)
				continue
			}
		}
		dst = append(dst, p.text...)
	}
	return dst
}
