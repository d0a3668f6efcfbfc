package spec

import (
	"slices"

	"github.com/octopus-go/errcode/internal/table"
	"github.com/octopus-go/errcode/internal/wire"
)

// checkDuplicates reports a code listed twice with the same meaning: the
// same wire message, trailing punctuation and case aside.
func checkDuplicates(c *Catalog, errs *table.ErrorList) {
	seen := make(map[string]*Row)
	for _, r := range c.Rows() {
		key := r.Code + "\x00" + wire.Normalize(r.Message[c.Wire])
		if first, dup := seen[key]; dup {
			errs.Addf(r.Pos, "%s is listed again with the same message as at %s", r.Code, first.Pos)
			continue
		}
		seen[key] = r
	}
}

// placeholderSet returns the placeholders of s as a sorted set, each
// written with its braces ({key}) for error messages.
func placeholderSet(s string) []string {
	names := wire.Placeholders(s)
	for i, n := range names {
		names[i] = "{" + n + "}"
	}
	slices.Sort(names)
	return names
}

// checkPlaceholders reports a row whose messages, or whose remediations,
// do not have the same placeholders in every language.
func checkPlaceholders(c *Catalog, errs *table.ErrorList) {
	for _, r := range c.Rows() {
		for _, texts := range []struct {
			what string
			in   []string
		}{{"message", r.Message}, {"remediation", r.Remediation}} {
			want := placeholderSet(texts.in[0])
			for li := 1; li < len(texts.in); li++ {
				if got := placeholderSet(texts.in[li]); !slices.Equal(got, want) {
					errs.Addf(r.Pos, "%s %s has placeholders %v in %s but %v in %s",
						r.Code, texts.what, want, c.Langs[0], got, c.Langs[li])
				}
			}
		}
	}
}
