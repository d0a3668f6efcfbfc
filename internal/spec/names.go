package spec

import (
	"go/token"
	"strings"
	"unicode"

	"github.com/octopus-go/errcode/internal/table"
	"github.com/octopus-go/errcode/internal/wire"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// initialisms are words written in capitals in a derived name, as Go
// writes them.
var initialisms = map[string]bool{
	"API": true, "CCE": true, "HTTP": true, "HTTPS": true,
	"IAM": true, "ID": true, "IP": true, "JSON": true, "OBS": true,
	"URI": true, "URL": true, "VPC": true, "YAML": true,
}

// dropped are words left out of a derived name.
var dropped = map[string]bool{"a": true, "an": true, "the": true}

// DeriveName returns the constant name derived from a row's wire message:
// prefix, then the message's words in title case, without articles and
// placeholders. "Scenario is not exists" gives "ScenarioIsNotExists".
func DeriveName(prefix, message string) string {
	var text strings.Builder
	for {
		before, _, after, found := wire.CutPlaceholder(message)
		text.WriteString(before)
		if !found {
			break
		}
		text.WriteString(" ")
		message = after
	}
	words := strings.FieldsFunc(text.String(), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	title := cases.Title(language.English)
	var b strings.Builder
	b.WriteString(prefix)
	for _, w := range words {
		switch up := strings.ToUpper(w); {
		case dropped[strings.ToLower(w)]:
		case initialisms[up]:
			b.WriteString(up)
		default:
			b.WriteString(title.String(w))
		}
	}
	return b.String()
}

// nameRows names every row: the name recorded in the names file for its
// code and message if there is one, else the derived name. It reports
// invalid and colliding names, a name that is also the name of a row's
// constructor (see [Row.Constructor]), and recorded names no row uses.
//
// A name that the runtime package declares itself is not checked here: the
// generated file then does not compile, and the compiler names both
// declarations.
func nameRows(c *Catalog, cfg Config, errs *table.ErrorList) {
	prefixes, overrides := readNames(cfg.Names, errs)
	used := make(map[string]*Row)
	where := make(map[*Row]string)
	for _, r := range c.Rows() {
		key := r.Code + "\x00" + r.Message[c.Wire]
		o, recorded := overrides[key]
		if recorded {
			r.Name = o.name
			o.used = true
			where[r] = "name recorded at " + o.pos.String()
		} else {
			service, _, _ := strings.Cut(r.Code, ".")
			r.Name = DeriveName(prefixes[service], r.Message[c.Wire])
			where[r] = "derived name"
		}
		switch other, taken := used[r.Name]; {
		case !token.IsIdentifier(r.Name) || !token.IsExported(r.Name):
			errs.Addf(r.Pos, "%s: %s %q is not an exported Go identifier; record a name in the names file", r.Code, where[r], r.Name)
		case taken:
			errs.Addf(r.Pos, "%s: %s %q is already the name of %s at %s; record another in the names file", r.Code, where[r], r.Name, other.Code, other.Pos)
		default:
			used[r.Name] = r
		}
	}
	for _, r := range c.Rows() {
		if other, taken := used[r.Constructor()]; taken {
			errs.Addf(other.Pos, "%s: %s %q is the name of the constructor of %s at %s; record another in the names file",
				other.Code, where[other], other.Name, r.Code, r.Pos)
		}
	}
	for _, o := range overrides {
		if !o.used {
			errs.Addf(o.pos, "no documented row has this code and message")
		}
	}
}

type override struct {
	pos  table.Pos
	name string
	used bool
}

// readNames reads the names file: a table of name prefixes by service, and
// a table of names by code and wire message.
func readNames(src *Source, errs *table.ErrorList) (prefixes map[string]string, overrides map[string]*override) {
	prefixes = make(map[string]string)
	overrides = make(map[string]*override)
	if src == nil {
		return
	}
	columnsOf := func(t *table.Table) []column {
		if matches(t, prefixColumns) {
			return prefixColumns
		}
		return nameColumns
	}
	for _, r := range readRecords(src, columnsOf, errs) {
		if _, ok := r.cells["prefix"]; ok {
			prefixes[r.cells["service"]] = r.cells["prefix"]
			continue
		}
		key := r.cells["code"] + "\x00" + r.cells["message"]
		if first, dup := overrides[key]; dup {
			errs.Addf(r.pos, "%s already has a name at %s", r.cells["code"], first.pos)
			continue
		}
		overrides[key] = &override{pos: r.pos, name: r.cells["name"]}
	}
	return prefixes, overrides
}
