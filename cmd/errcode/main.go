package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// main runs the command with the process's arguments and standard streams
// and exits with its status.
func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK           = 0
	exitUndocumented = 1
	exitUsage        = 2
)

// The commands of errcode, each described by its section of the usage
// text.
var (
	explainCmd = newSubcommand("explain")
	listCmd    = newSubcommand("list")
	decodeCmd  = newSubcommand("decode")
	openapiCmd = newSubcommand("openapi")
)

// subcommands are the commands of errcode, in the order of the usage text.
var subcommands = []subcommand{explainCmd, listCmd, decodeCmd, openapiCmd}

// run runs the command with the command-line arguments args and returns
// its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, shortUsage())
		return exitUsage
	}
	switch args[0] {
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "list":
		return runList(args[1:], stdout, stderr)
	case "decode":
		return runDecode(args[1:], stdin, stdout, stderr)
	case "openapi":
		return runOpenAPI(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "errcode: unknown command %q%s\nRun 'errcode help' for usage.\n", args[0], didYouMean(args[0]))
	return exitUsage
}

// shortUsage returns the usage line of each command and where to find
// more, as a bare errcode prints it.
func shortUsage() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, cmd := range subcommands {
		fmt.Fprintf(&b, "\terrcode %s %s\n", cmd.name, cmd.synopsis)
	}
	b.WriteString("Run 'errcode help' for the whole help, 'errcode COMMAND -h' for one command.\n")
	return b.String()
}

// didYouMean returns "; did you mean NAME?" for the command nearest to
// name, help included, when it is within two edits, ignoring case; else "".
func didYouMean(name string) string {
	var names []string
	for _, cmd := range subcommands {
		names = append(names, cmd.name)
	}
	best, dist := "", 3
	for _, n := range append(names, "help") {
		if d := distance(strings.ToLower(name), n); d < dist {
			best, dist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + "?"
}
