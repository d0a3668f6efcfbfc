package errcode

// Write renders a body from a template of the row's body, made once at
// init: the JSON body cut at the message's placeholders, its literal parts
// already escaped, so that filling it copies the parts and escapes only the
// values. Placeholders are found as appendExpanded finds them: from a '{'
// to the first '}' after it (cutPlaceholder).

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
		before, name, after, found := cutPlaceholder(text)
		if !found {
			break
		}
		lit = appendEscaped(lit, before)
		parts = append(parts,
			part{text: string(lit)},
			part{text: string(appendEscaped(nil, "{"+name+"}")), name: name, hole: true})
		lit = nil
		text = after
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
