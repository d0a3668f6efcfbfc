package main

import (
	_ "embed"
	"strings"
)

// docSource is the source of doc.go, whose doc comment is the usage text:
// one text for go doc and for -h.
//
//go:embed doc.go
var docSource string

// usage is the help text of the command: the doc comment of doc.go without
// its comment markers, as -h prints it.
var usage = docText(docSource)

// docText returns the first comment of the Go source src, its lines
// without their "//" and the one space after it.
func docText(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		text, ok := strings.CutPrefix(line, "//")
		if !ok {
			if b.Len() > 0 {
				break
			}
			continue
		}
		b.WriteString(strings.TrimPrefix(text, " "))
	}
	return b.String()
}

// synopsis returns the arguments of the command name on its usage line,
// "errcode NAME ARGS", or "" when usage has none.
func synopsis(name string) string {
	for line := range strings.Lines(usage) {
		if args, ok := strings.CutPrefix(strings.TrimSpace(line), "errcode "+name+" "); ok {
			return args
		}
	}
	return ""
}

// section returns the paragraphs of usage under the heading "# Name", the
// command name in title case, up to the next heading; "" when there is
// none.
func section(name string) string {
	heading := "\n# " + strings.ToUpper(name[:1]) + name[1:] + "\n"
	_, text, ok := strings.Cut(usage, heading)
	if !ok {
		return ""
	}
	if i := strings.Index(text, "\n# "); i >= 0 {
		text = text[:i]
	}
	return strings.Trim(text, "\n") + "\n"
}
