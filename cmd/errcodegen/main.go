// Errcodegen generates the catalog of package errcode, catalog_gen.go, from
// the documented error tables in docs/; go generate runs it.
//
// Usage:
//
//	errcodegen [flags] EDITION...
//
// Each EDITION is one page of error tables in one language, named
// <page>.<language>.<ext> (octopus-error-codes.zh-CN.txt). Tables are
// lines of '|'-separated cells under a header and a |---| separator; the
// columns are found by their headers, in Chinese or English. All editions
// of a page must list the same rows in the same order.
//
// The flags are:
//
//	-o FILE       Go file to write (default catalog_gen.go)
//	-ref FILE     also write a Markdown reference of every code
//	-names FILE   name prefixes by service, and names chosen by hand
//	-retry FILE   retry policy of every row
//	-wire LANG    language of the Error Message column (default en)
//
// On any problem errcodegen prints one "file:line: what is wrong" line per
// problem, writes nothing and exits 1.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run runs the generator with the command-line arguments args and returns
// the exit code.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("errcodegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.out, "o", "catalog_gen.go", "Go `file` to write")
	fs.StringVar(&o.ref, "ref", "", "also write a Markdown reference to `file`")
	fs.StringVar(&o.names, "names", "", "`file` of name prefixes and names chosen by hand")
	fs.StringVar(&o.retry, "retry", "", "`file` of every row's retry policy")
	fs.StringVar(&o.wire, "wire", "en", "`language` of the Error Message column")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: errcodegen [flags] EDITION...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	o.editions = fs.Args()
	if err := generate(o); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
