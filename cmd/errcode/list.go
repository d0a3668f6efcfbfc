package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

// runList runs "errcode list" with args, the arguments after the command
// name.
func runList(args []string, stdout, stderr io.Writer) int {
	var status int
	var grep string
	pos, out, exit, ok := parsePrinting(listCmd, args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&status, "status", 0, "only codes with this HTTP `status`")
		fs.StringVar(&grep, "grep", "", "only codes whose code, name, message or remediation contains `text`, in either language, ignoring case")
	})
	if !ok {
		return exit
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "errcode list: unexpected argument %q\n", pos[0])
		return usageError(listCmd, stderr)
	}
	var rows []errcode.Code
	for c := range errcode.All() {
		if (status == 0 || c.Status() == status) && matches(c, grep) {
			rows = append(rows, c)
		}
	}
	if out.asJSON {
		entries := make([]entry, len(rows))
		for i, c := range rows {
			entries[i] = newEntry(c)
		}
		writeJSON(stdout, entries)
	} else if len(rows) > 0 {
		writeTable(stdout, rows, out.tags[0])
	}
	if len(rows) == 0 {
		fmt.Fprintln(stderr, "errcode: no documented code matches")
		return exitUndocumented
	}
	return exitOK
}

// matches reports whether text is empty or, ignoring case, in c's code,
// name, or message or remediation in any catalog language.
func matches(c errcode.Code, text string) bool {
	if text == "" {
		return true
	}
	text = strings.ToLower(text)
	fields := []string{c.String(), c.Name()}
	for _, t := range errcode.Languages() {
		fields = append(fields, c.Message(t), c.Remediation(t))
	}
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), text) {
			return true
		}
	}
	return false
}

// writeTable writes rows to w as a table aligned by text/tabwriter, with
// the messages in the language tag.
func writeTable(w io.Writer, rows []errcode.Code, tag language.Tag) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tSTATUS\tNAME\tMESSAGE")
	for _, c := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.String(), strconv.Itoa(c.Status()), c.Name(), c.Message(tag))
	}
	tw.Flush()
}
