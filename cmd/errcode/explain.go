package main

import (
	"fmt"
	"io"
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
	if exit, ok = checkCodes(explainCmd, codes, stderr); !ok {
		return exit
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
