package spec

import (
	"go/token"
	"strings"
	"unicode"

	"github.com/octopus-go/errcode/internal/table"
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
	message = placeholderRE.ReplaceAllString(message, " ")
	words := strings.FieldsFunc(message, func(r rune) bool {
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
// invalid, reserved and colliding names, and recorded names no row uses.
func nameRows(c *Catalog, cfg Config, errs *table.ErrorList) {
	prefixes, overrides := readNames(cfg.Names, errs)
	used := make(map[string]*Row)
	for _, r := range cfg.Reserved {
		used[r] = nil
	}
	for _, r := range c.Rows() {
		key := r.Code + "\x00" + r.Message[c.Wire]
		o, recorded := overrides[key]
		if recorded {
			r.Name = o.name
			o.used = true
		} else {
			service, _, _ := cut(r.Code, '.')
			r.Name = DeriveName(prefixes[service], r.Message[c.Wire])
		}
		where := "derived name"
		if recorded {
			where = "name recorded at " + o.pos.String()
		}
		switch other, taken := used[r.Name]; {
		case !token.IsIdentifier(r.Name) || !token.IsExported(r.Name):
			errs.Addf(r.Pos, "%s: %s %q is not an exported Go identifier; record a name in the names file", r.Code, where, r.Name)
		case taken && other == nil:
			errs.Addf(r.Pos, "%s: %s %q is reserved by the package; record another in the names file", r.Code, where, r.Name)
		case taken:
			errs.Addf(r.Pos, "%s: %s %q is already the name of %s at %s; record another in the names file", r.Code, where, r.Name, other.Code, other.Pos)
		default:
			used[r.Name] = r
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
