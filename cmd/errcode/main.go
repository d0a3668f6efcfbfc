package main

import (
	"fmt"
	"io"
	"os"
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
		fmt.Fprint(stderr, usage)
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
	fmt.Fprintf(stderr, "errcode: unknown command %q\nRun 'errcode -h' for usage.\n", args[0])
	return exitUsage
}
