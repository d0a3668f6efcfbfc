package spec

import (
	"regexp"
	"slices"
	"strings"

	"github.com/octopus-go/errcode/internal/table"
)

// checkDuplicates reports a code listed twice with the same meaning: the
// same wire message, trailing punctuation and case aside.
func checkDuplicates(c *Catalog, errs *table.ErrorList) {
	seen := make(map[string]*Row)
	for _, r := range c.Rows() {
		key := r.Code + "\x00" + NormalizeMessage(r.Message[c.Wire])
		if first, dup := seen[key]; dup {
			errs.Addf(r.Pos, "%s is listed again with the same message as at %s", r.Code, first.Pos)
			continue
		}
		seen[key] = r
	}
}

// NormalizeMessage returns msg as messages are compared: without surrounding
// space or trailing full stops, in lower case.
func NormalizeMessage(msg string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(msg), ".。 "))
}

var placeholderRE = regexp.MustCompile(`\{[A-Za-z_][A-Za-z0-9_]*\}`)

// Placeholders returns the sorted, distinct placeholders of s, such as {key}.
func Placeholders(s string) []string {
	p := placeholderRE.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

// checkPlaceholders reports a row whose messages, or whose remediations,
// do not have the same placeholders in every language.
func checkPlaceholders(c *Catalog, errs *table.ErrorList) {
	for _, r := range c.Rows() {
		for _, texts := range []struct {
			what string
			in   []string
		}{{"message", r.Message}, {"remediation", r.Remediation}} {
			want := Placeholders(texts.in[0])
			for li := 1; li < len(texts.in); li++ {
				if got := Placeholders(texts.in[li]); !slices.Equal(got, want) {
					errs.Addf(r.Pos, "%s %s has placeholders %v in %s but %v in %s",
						r.Code, texts.what, want, c.Langs[0], got, c.Langs[li])
				}
			}
		}
	}
}
