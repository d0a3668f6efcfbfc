// Package spec turns the documented error-code tables into a checked
// catalog: it reads each page's editions (one file per language), lines the
// editions up row by row, and adds the constant names and retry policy
// recorded in docs/.
package spec

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/octopus-go/errcode/internal/table"
	"github.com/octopus-go/errcode/internal/wire"
	"golang.org/x/text/language"
)

// A Source is the content of one input file.
type Source struct {
	Name string // path, as printed in errors
	Data []byte
}

// Config says what to read.
type Config struct {
	// Editions are the pages' editions, each named <page>.<language>.<ext>,
	// such as octopus-error-codes.zh-CN.txt. Pages come in the order of their
	// first edition, languages in the order of their first appearance.
	Editions []Source
	// Names, if set, holds the prefix table and the name overrides.
	Names *Source
	// Retry, if set, holds the retry policy of every row.
	Retry *Source
	// Wire is the language the Error Message column is written in
	// (default "en"): that column is the message in that language, and the
	// Description column of each other edition is the message in its own.
	Wire string
}

// A Catalog is every documented row, grouped as the pages group them.
type Catalog struct {
	Langs  []string // BCP 47 tags, in order
	Wire   int      // index in Langs of the wire language
	Groups []Group
}

// A Group is one table of a page.
type Group struct {
	Page  string // page name, such as octopus-error-codes
	Title string // group title, from the first edition that has one
	Rows  []*Row
}

// A Row is one documented error, in every language.
type Row struct {
	Pos          table.Pos // in the page's first edition
	Status       int
	Code         string   // wire code, such as octopus.107002
	Name         string   // Go constant name
	Message      []string // by language; Message[Wire] is the wire message
	Remediation  []string // by language
	Placeholders []string // names of the placeholders of the message, then of the remediation, in order
	Retry        string   // retry kind: "no", "any" or "idempotent"; "" when no policy was given
	RetryReason  string
}

// Constructor returns the name of the function that returns r with its
// placeholders filled, such as InvalidRequestParamWith, or "" when r has
// no placeholders.
func (r *Row) Constructor() string {
	if len(r.Placeholders) == 0 {
		return ""
	}
	return r.Name + "With"
}

// Rows returns every row, in page order.
func (c *Catalog) Rows() []*Row {
	var rows []*Row
	for _, g := range c.Groups {
		rows = append(rows, g.Rows...)
	}
	return rows
}

// Load reads and checks the sources. On any problem it returns a
// table.ErrorList with one entry per problem, and no catalog.
func Load(cfg Config) (*Catalog, error) {
	var errs table.ErrorList
	pages, langs := readPages(cfg.Editions, &errs)
	wl := wireIndex(cfg, langs, &errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	c := &Catalog{Langs: langs, Wire: wl}
	for _, p := range pages {
		c.Groups = append(c.Groups, p.merge(langs, wl, &errs)...)
	}
	if len(errs) == 0 {
		checkDuplicates(c, &errs)
		checkPlaceholders(c, &errs)
	}
	if len(errs) == 0 {
		nameRows(c, cfg, &errs)
		applyRetry(c, cfg.Retry, &errs)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return c, nil
}

// A page is one error-code page in each of its languages.
type page struct {
	name     string
	editions []*edition
}

// readPages reads the editions and groups them by page.
func readPages(srcs []Source, errs *table.ErrorList) ([]*page, []string) {
	var (
		pages []*page
		langs []string
	)
	for _, src := range srcs {
		name, lang, ok := splitName(src.Name)
		if !ok {
			errs.Addf(table.Pos{File: src.Name}, "file name must be <page>.<language>.<ext>, such as octopus-error-codes.en-US.txt")
			continue
		}
		e := readEdition(src, lang, errs)
		if !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
		i := slices.IndexFunc(pages, func(p *page) bool { return p.name == name })
		if i < 0 {
			pages = append(pages, &page{name: name})
			i = len(pages) - 1
		}
		if pages[i].edition(lang) != nil {
			errs.Addf(table.Pos{File: src.Name}, "second %s edition of page %s", lang, name)
			continue
		}
		pages[i].editions = append(pages[i].editions, e)
	}
	for _, p := range pages {
		for _, l := range langs {
			if p.edition(l) == nil {
				errs.Addf(table.Pos{File: p.editions[0].file}, "page %s has no %s edition", p.name, l)
			}
		}
	}
	return pages, langs
}

func (p *page) edition(lang string) *edition {
	for _, e := range p.editions {
		if e.lang == lang {
			return e
		}
	}
	return nil
}

// splitName splits "dir/octopus-error-codes.zh-CN.txt" into its page name and
// canonical language tag.
func splitName(path string) (page, lang string, ok bool) {
	parts := strings.Split(filepath.Base(path), ".")
	if len(parts) < 3 {
		return "", "", false
	}
	tag, err := language.Parse(parts[len(parts)-2])
	if err != nil {
		return "", "", false
	}
	return strings.Join(parts[:len(parts)-2], "."), tag.String(), true
}

func wireIndex(cfg Config, langs []string, errs *table.ErrorList) int {
	tag := cfg.Wire
	if tag == "" {
		tag = "en"
	}
	want, err := language.Parse(tag)
	if err != nil {
		errs.Addf(table.Pos{File: "-wire"}, "%q is not a language tag", tag)
		return 0
	}
	wb, _ := want.Base()
	for i, l := range langs {
		if b, _ := language.Make(l).Base(); b == wb {
			return i
		}
	}
	if len(langs) > 0 {
		errs.Addf(table.Pos{File: "-wire"}, "no edition is in the wire language %s", tag)
	}
	return 0
}

// merge lines the page's editions up against the first and returns its
// groups. Editions must agree on tables, rows, statuses, codes and wire
// messages.
func (p *page) merge(langs []string, wl int, errs *table.ErrorList) []Group {
	ref := p.editions[0]
	ok := true
	for _, e := range p.editions[1:] {
		ok = ref.agrees(e, errs) && ok
	}
	if !ok {
		return nil
	}
	groups := make([]Group, len(ref.tables))
	for ti := range ref.tables {
		g := &groups[ti]
		g.Page = p.name
		for _, l := range langs {
			if t := p.edition(l).tables[ti]; g.Title == "" {
				g.Title = t.title
			}
		}
		for ri, first := range ref.tables[ti].entries {
			r := &Row{Pos: first.pos, Status: first.status, Code: first.code}
			for li, l := range langs {
				e := p.edition(l).tables[ti].entries[ri]
				msg := e.description
				if li == wl {
					msg = e.message
				}
				r.Message = append(r.Message, msg)
				r.Remediation = append(r.Remediation, e.remediation)
			}
			r.Placeholders = wire.Placeholders(r.Message[wl], r.Remediation[wl])
			g.Rows = append(g.Rows, r)
		}
	}
	return groups
}

// agrees reports whether e has the same tables and rows as ref, reporting
// each difference.
func (ref *edition) agrees(e *edition, errs *table.ErrorList) bool {
	before := len(*errs)
	if len(ref.tables) != len(e.tables) {
		errs.Addf(table.Pos{File: e.file}, "%d tables, %s has %d", len(e.tables), ref.file, len(ref.tables))
		return false
	}
	for ti := range ref.tables {
		rt, et := ref.tables[ti], e.tables[ti]
		for ri := range max(len(rt.entries), len(et.entries)) {
			switch {
			case ri >= len(et.entries):
				errs.Addf(rt.entries[ri].pos, "%s has no row for %s in its table at line %d", e.file, rt.entries[ri].code, et.pos.Line)
			case ri >= len(rt.entries):
				errs.Addf(et.entries[ri].pos, "%s has no row for %s in its table at line %d", ref.file, et.entries[ri].code, rt.pos.Line)
			default:
				a, b := rt.entries[ri], et.entries[ri]
				if a.code != b.code {
					errs.Addf(b.pos, "code %s here, %s at %s", b.code, a.code, a.pos)
				} else if a.status != b.status {
					errs.Addf(b.pos, "%s has status %d here, %d at %s", b.code, b.status, a.status, a.pos)
				} else if a.message != b.message {
					errs.Addf(b.pos, "%s has message %q here, %q at %s", b.code, b.message, a.message, a.pos)
				}
			}
		}
	}
	return len(*errs) == before
}
