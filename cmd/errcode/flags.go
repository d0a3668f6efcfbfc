package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

// A subcommand describes one command for its flag set and its help, both
// taken from the usage text (see [newSubcommand]).
type subcommand struct {
	name     string // such as "explain"
	synopsis string // the arguments after the name
	summary  string // what the command does, for -h
}

// newSubcommand returns the subcommand name as the usage text describes
// it: its synopsis from the usage line "errcode NAME ...", its summary from
// the section headed with its name in title case.
func newSubcommand(name string) subcommand {
	return subcommand{name: name, synopsis: synopsis(name), summary: section(name)}
}

// newFlagSet returns a flag set for cmd that reports flag errors to stderr
// and leaves the usage text to [parseArgs].
func newFlagSet(cmd subcommand, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("errcode "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses args with fs, flags before, between or after the
// positional arguments, which it returns; after "--" every argument is
// positional. On -h it prints cmd's help to stdout and returns exitOK and
// ok false; on a flag error, a short usage to stderr and exitUsage.
func parseArgs(cmd subcommand, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (pos []string, exit int, ok bool) {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "usage: errcode %s %s\n\n%s\nflags:\n", cmd.name, cmd.synopsis, cmd.summary)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fs.SetOutput(stderr)
			return nil, exitOK, false
		}
		if err != nil {
			return nil, usageError(cmd, stderr), false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, exitOK, true
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), exitOK, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError prints cmd's synopsis to stderr and returns exitUsage.
func usageError(cmd subcommand, stderr io.Writer) int {
	fmt.Fprintf(stderr, "usage: errcode %s %s\nRun 'errcode %s -h' for details.\n", cmd.name, cmd.synopsis, cmd.name)
	return exitUsage
}

// checkCodes reports an empty or blank CODE argument of cmd in codes as a
// usage error on stderr, and then returns exitUsage and false.
func checkCodes(cmd subcommand, codes []string, stderr io.Writer) (exit int, ok bool) {
	for _, c := range codes {
		if strings.TrimSpace(c) == "" {
			fmt.Fprintf(stderr, "errcode %s: empty CODE\n", cmd.name)
			return usageError(cmd, stderr), false
		}
	}
	return exitOK, true
}

// printing is what the flags of a command that prints rows ask for.
type printing struct {
	tags   []language.Tag // the languages to print (-lang)
	asJSON bool           // print JSON (-json)
}

// parsePrinting parses args for cmd, a command that prints rows: its flags
// are -lang, -json and those that more, if not nil, defines. It returns the
// positional arguments as parseArgs does; on a bad -lang, it prints the
// error and returns exitUsage and ok false.
func parsePrinting(cmd subcommand, args []string, stdout, stderr io.Writer, more func(*flag.FlagSet)) (pos []string, p printing, exit int, ok bool) {
	fs := newFlagSet(cmd, stderr)
	lang := fs.String("lang", "", "print only this `language`, en or zh (text output; -json has every language)")
	fs.BoolVar(&p.asJSON, "json", false, "print a JSON array of objects (their keys: see 'errcode -h')")
	if more != nil {
		more(fs)
	}
	if pos, exit, ok = parseArgs(cmd, fs, args, stdout, stderr); !ok {
		return nil, p, exit, false
	}
	var err error
	if p.tags, err = languages(*lang); err != nil {
		fmt.Fprintf(stderr, "errcode: %s\n", escape(err.Error()))
		return nil, p, exitUsage, false
	}
	return pos, p, exitOK, true
}

// languages returns the catalog languages to print for the -lang value s:
// every one when s is empty, else the one whose base language is s's.
func languages(s string) ([]language.Tag, error) {
	all := errcode.Languages()
	if s == "" {
		return all, nil
	}
	if tag, err := language.Parse(strings.ReplaceAll(s, "_", "-")); err == nil {
		base, _ := tag.Base()
		for _, t := range all {
			if b, _ := t.Base(); b == base {
				return []language.Tag{t}, nil
			}
		}
	}
	keys := make([]string, len(all))
	for i, t := range all {
		keys[i] = langKey(t)
	}
	return nil, fmt.Errorf("-lang %s: the catalog has %s", escape(s), strings.Join(keys, ", "))
}

// langKey returns the short name of a catalog language, such as "en", as
// the text output and the JSON keys use it.
func langKey(t language.Tag) string {
	base, _ := t.Base()
	return base.String()
}
