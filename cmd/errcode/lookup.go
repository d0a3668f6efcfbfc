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

// resolve returns the rows that arg names, as [rowsOf] reads it. When arg
// names none, it says so on stderr, with the nearest codes, and returns
// nil.
func resolve(arg string, stderr io.Writer) []errcode.Code {
	rows := rowsOf(arg)
	if rows == nil {
		fmt.Fprintf(stderr, "errcode: %s is not documented; nearest: %s\n",
			escape(strings.TrimSpace(arg)), strings.Join(nearest(arg, 3), ", "))
	}
	return rows
}

// rowsOf returns the rows a person means by arg, in catalog order: the one
// row of a constant name in any case (ScenarioNotFound, scenarionotfound),
// or every row of a wire code in any case, with or without its octopus.
// prefix, with APIG. for APIGW. (octopus.107002, OCTOPUS.107002, 107002,
// apig.0308); nil when arg names no row. Spaces around arg are ignored.
func rowsOf(arg string) []errcode.Code {
	arg = strings.TrimSpace(arg)
	code := strings.ToUpper(arg)
	if !strings.Contains(code, ".") {
		code = "OCTOPUS." + code
	}
	if rest, ok := strings.CutPrefix(code, "OCTOPUS."); ok {
		code = "octopus." + rest
	}
	first, found := errcode.Lookup(code)
	var rows []errcode.Code
	for c := range errcode.All() {
		if strings.EqualFold(arg, c.Name()) {
			return []errcode.Code{c}
		}
		if found && c.String() == first.String() {
			rows = append(rows, c)
		}
	}
	return rows
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
