package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/octopus-go/errcode"
)

// runExplain runs "errcode explain" with args, the arguments after the
// command name.
func runExplain(args []string, stdout, stderr io.Writer) int {
	codes, out, exit, ok := parsePrinting(explainCmd, args, stdout, stderr, nil)
	if !ok {
		return exit
	}
	if len(codes) == 0 {
		fmt.Fprintln(stderr, "errcode explain: no CODE given")
		return usageError(explainCmd, stderr)
	}
	var entries []entry
	printed := false
	for _, arg := range codes {
		rows := resolve(arg, stderr)
		if len(rows) == 0 {
			exit = exitUndocumented
			continue
		}
		for _, c := range rows {
			if out.asJSON {
				entries = append(entries, newEntry(c))
				continue
			}
			if printed {
				fmt.Fprintln(stdout)
			}
			writeRow(stdout, c, out.tags)
			printed = true
		}
	}
	if out.asJSON {
		writeJSON(stdout, entries)
	}
	return exit
}

// resolve returns the rows that arg names, in catalog order: the one row
// of a constant name, or every row of a wire code in any form that
// parseCode accepts. When arg names none, it says so on stderr, with the
// nearest codes, and returns nil.
func resolve(arg string, stderr io.Writer) []errcode.Code {
	c, ok := parseCode(arg)
	if !ok {
		fmt.Fprintf(stderr, "errcode: %s is not documented; nearest: %s\n",
			escape(strings.TrimSpace(arg)), strings.Join(nearest(arg, 3), ", "))
		return nil
	}
	if strings.EqualFold(strings.TrimSpace(arg), c.Name()) {
		return []errcode.Code{c}
	}
	var rows []errcode.Code
	for r := range errcode.All() {
		if r.String() == c.String() {
			rows = append(rows, r)
		}
	}
	return rows
}

// parseCode returns the Code a person means by s, leniently: a constant's
// name in any case (ScenarioNotFound, scenarionotfound), or a wire code in
// any case, with or without its "octopus." prefix, with APIG. for APIGW.
// (octopus.107002, 107002, APIG.0308); for a code of several rows, the
// first.
func parseCode(s string) (errcode.Code, bool) {
	s = strings.TrimSpace(s)
	code := strings.ToUpper(s)
	if rest, ok := strings.CutPrefix(code, "APIG."); ok {
		code = "APIGW." + rest
	}
	for c := range errcode.All() {
		w := c.String()
		if strings.EqualFold(s, c.Name()) || strings.EqualFold(code, w) ||
			strings.EqualFold(code, strings.TrimPrefix(w, "octopus.")) {
			return c, true
		}
	}
	return 0, false
}

// nearest returns the n documented codes closest to arg by edit distance,
// ignoring case, to the whole code or to its part after the dot (so 1070022
// is close to octopus.107002); ties are broken by how far apart their
// numbers are, then by catalog order. For an arg with letters and no dot,
// the n closest constant names.
func nearest(arg string, n int) []string {
	key := strings.ToUpper(strings.TrimSpace(arg))
	var candidates []string
	seen := map[string]bool{}
	for c := range errcode.All() {
		s := c.String()
		if isNameLike(key) {
			s = c.Name()
		}
		if !seen[s] {
			seen[s] = true
			candidates = append(candidates, s)
		}
	}
	type scored struct {
		s           string
		dist, apart int
	}
	num, _ := number(key)
	all := make([]scored, len(candidates))
	for i, c := range candidates {
		u := strings.ToUpper(c)
		n, _ := number(u)
		d := distance(key, u)
		if !strings.Contains(key, ".") {
			d = min(d, distance(key, u[strings.LastIndex(u, ".")+1:]))
		}
		all[i] = scored{c, d, max(n-num, num-n)}
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.apart, b.apart))
	})
	var out []string
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.s)
	}
	return out
}

// isNameLike reports whether arg looks like a constant name rather than a
// code: no dot, and some letter.
func isNameLike(arg string) bool {
	return !strings.Contains(arg, ".") && strings.ContainsFunc(arg, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	})
}

// number returns the number after the last dot of a code, such as 107002
// for octopus.107002.
func number(code string) (int, bool) {
	n, err := strconv.Atoi(code[strings.LastIndex(code, ".")+1:])
	return n, err == nil
}

// distance returns the Levenshtein edit distance between a and b, in
// runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
