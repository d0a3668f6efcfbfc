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

// explainCmd is "errcode explain".
var explainCmd = subcommand{
	name:     "explain",
	synopsis: "[-lang en|zh] [-json] CODE...",
	summary: `Explain prints every documented row of each CODE: wire code, constant name,
HTTP status, whether to retry, message and remediation in English and
Chinese. CODE is matched without regard to case, with or without the
octopus. prefix (107002, octopus.107002); APIG. stands for APIGW.; a constant
name (ScenarioNotFound) works too. It exits 1 if a CODE is not documented.
`,
}

// runExplain runs "errcode explain" with args, the arguments after the
// command name.
func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet(explainCmd, stderr)
	lang := langFlag(fs)
	asJSON := jsonFlag(fs)
	codes, exit, ok := parseArgs(explainCmd, fs, args, stdout, stderr)
	if !ok {
		return exit
	}
	tags, err := languages(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "errcode: %v\n", err)
		return exitUsage
	}
	if len(codes) == 0 {
		fmt.Fprintln(stderr, "errcode explain: no CODE given")
		return usageError(explainCmd, stderr)
	}
	var entries []entry
	printed := false
	for _, arg := range codes {
		rows := resolve(arg)
		if len(rows) == 0 {
			fmt.Fprintf(stderr, "errcode: %s is not documented; nearest: %s\n",
				displayCode(arg), strings.Join(nearest(arg, 3), ", "))
			exit = exitUndocumented
			continue
		}
		for _, c := range rows {
			if *asJSON {
				entries = append(entries, newEntry(c))
				continue
			}
			if printed {
				fmt.Fprintln(stdout)
			}
			writeRow(stdout, c, tags)
			printed = true
		}
	}
	if *asJSON {
		writeJSON(stdout, entries)
	}
	return exit
}

// The catalog, indexed for resolve.
var (
	// byCode maps each wire code, in upper case, to its rows in catalog
	// order.
	byCode = map[string][]errcode.Code{}
	// byName maps each constant name, in upper case, to its row.
	byName = map[string]errcode.Code{}
	// codes are the documented wire codes, each once, in catalog order.
	codes []string
)

// init indexes the catalog for resolve and nearest.
func init() {
	for c := range errcode.All() {
		k := strings.ToUpper(c.String())
		if _, ok := byCode[k]; !ok {
			codes = append(codes, c.String())
		}
		byCode[k] = append(byCode[k], c)
		byName[strings.ToUpper(c.Name())] = c
	}
}

// normalize returns arg as an upper-case wire code: "107002" and
// "octopus.107002" give "OCTOPUS.107002", "apig.0308" gives "APIGW.0308".
func normalize(arg string) string {
	s := strings.ToUpper(strings.TrimSpace(arg))
	if rest, ok := strings.CutPrefix(s, "APIG."); ok {
		return "APIGW." + rest
	}
	if !strings.Contains(s, ".") {
		return "OCTOPUS." + s
	}
	return s
}

// displayCode returns arg as a wire code is written: octopus.107002,
// APIGW.0308. A name-like arg, with letters and no dot, is returned as is.
func displayCode(arg string) string {
	if isNameLike(arg) {
		return arg
	}
	s := normalize(arg)
	if rest, ok := strings.CutPrefix(s, "OCTOPUS."); ok {
		return "octopus." + rest
	}
	return s
}

// isNameLike reports whether arg looks like a constant name rather than a
// code: no dot, and some letter.
func isNameLike(arg string) bool {
	return !strings.Contains(arg, ".") && strings.ContainsFunc(arg, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	})
}

// resolve returns the rows that arg names, as a wire code in any of the
// forms normalize accepts or as a constant name, in catalog order.
func resolve(arg string) []errcode.Code {
	if rows := byCode[normalize(arg)]; len(rows) > 0 {
		return rows
	}
	if c, ok := byName[strings.ToUpper(strings.TrimSpace(arg))]; ok {
		return []errcode.Code{c}
	}
	return nil
}

// nearest returns the n documented codes closest to arg by edit distance,
// ties broken by how far apart their numbers are, then by catalog order;
// for a name-like arg, the n closest constant names.
func nearest(arg string, n int) []string {
	key := normalize(arg)
	candidates := codes
	if isNameLike(arg) {
		key = strings.ToUpper(strings.TrimSpace(arg))
		candidates = nil
		for c := range errcode.All() {
			candidates = append(candidates, c.Name())
		}
	}
	type scored struct {
		s           string
		dist, apart int
	}
	num, _ := number(key)
	all := make([]scored, len(candidates))
	for i, c := range candidates {
		n, _ := number(c)
		all[i] = scored{c, distance(key, strings.ToUpper(c)), max(n-num, num-n)}
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
