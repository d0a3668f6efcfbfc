// Errcode explains the error codes of Octopus, Huawei Cloud's
// autonomous-driving service, and of the API gateway in front of it: what a
// code means, what to do about it, and what an error response says.
//
// Usage:
//
//	errcode explain [-lang en|zh] [-json] CODE...
//	errcode list [-status N] [-grep TEXT] [-lang en|zh] [-json]
//	errcode decode [-lang en|zh] [-json] [FILE]
//
// Explain prints every documented row of each CODE: its wire code, constant
// name, HTTP status, whether a client may retry, and its message and
// remediation in English and in Chinese. A CODE is matched without regard
// to case and with or without the octopus. prefix (107002, octopus.107002);
// APIG. is taken for APIGW. (apig.0308 is APIGW.0308), and a constant name
// (ScenarioNotFound) works too. A code documented on several rows, such as
// octopus.101006 or APIGW.0201, prints every row.
//
// List prints the catalog as a table of code, status, name and message
// (English unless -lang zh). The -status flag keeps the rows with that HTTP
// status; the -grep flag keeps the rows whose code, name, message or
// remediation, in either language, contains TEXT without regard to case.
//
// Decode reads an error response from FILE, or from standard input when
// FILE is absent or "-": either a body such as
// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"} or a
// whole response as curl -i prints it, status line and headers included.
// It decodes it as errcode.FromResponse does and prints the status, the
// code, message and request id as sent, whether to retry, and, for a
// documented code, the row: what it means and what to do. An undocumented
// code is shown as such; a body that is not a JSON error is shown as an
// excerpt. A bare body has no status, shown as unknown.
//
// The flags are:
//
//	-lang en|zh
//		print one language only (text output; -json always has both)
//	-json
//		print a JSON array of objects with the keys code, status, name,
//		retryable, message and remediation, the last two objects keyed by
//		language ({"en": ..., "zh": ...}); decode adds "sent", what the
//		response carried: status (0 when unknown), code, message,
//		request_id, retry_after_seconds and excerpt
//	-status N
//		list: only codes with HTTP status N
//	-grep TEXT
//		list: only codes whose code, name, message or remediation contains TEXT
//
// Flags may come before or after the arguments.
//
// Results go to standard output, errors to standard error. The exit status
// is 0 on success, 1 when a CODE is not documented (the nearest documented
// codes are suggested) or list matches no code, and 2 for a usage error or
// input that cannot be read. The -h flag prints help and exits 0.
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

// usage is the help text of the command.
const usage = `usage:
	errcode explain [-lang en|zh] [-json] CODE...
	errcode list [-status N] [-grep TEXT] [-lang en|zh] [-json]
	errcode decode [-lang en|zh] [-json] [FILE]

explain prints every documented row of each CODE: wire code, constant name,
HTTP status, whether to retry, message and remediation in English and
Chinese. CODE is matched without regard to case, with or without the
octopus. prefix (107002, octopus.107002); APIG. stands for APIGW.; a constant
name (ScenarioNotFound) works too.

list prints the catalog as a table of code, status, name and message.

decode reads an error response body, or a whole response as curl -i prints
it, from FILE or standard input, and explains it.

flags:
	-lang en|zh  print one language only (text output; -json has both)
	-json        print a JSON array of objects with keys code, status, name,
	             retryable, message and remediation ({"en": ..., "zh": ...});
	             decode adds "sent", what the response carried
	-status N    list: only codes with HTTP status N
	-grep TEXT   list: only codes whose code, name, message or remediation
	             contains TEXT, in either language, ignoring case

exit status: 0 success; 1 a CODE is not documented (the nearest documented
codes are suggested) or list matches nothing; 2 usage error or unreadable
input. Run 'errcode COMMAND -h' for one command's flags.
`

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
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "errcode: unknown command %q\nRun 'errcode -h' for usage.\n", args[0])
	return exitUsage
}
