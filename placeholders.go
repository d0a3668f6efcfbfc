package errcode

import (
	"log/slog"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// placeholderPairs returns the name, value pairs of nameValues that fill
// one of c's placeholders. The rest, a name that is not one of them or a
// final name without a value, is a mistake of the caller's: it is logged
// once, at Warn level through slog.Default(), with the row, the names
// ignored and the caller's file and line, and left out, so that it never
// reaches a client. Without a mistake it returns nameValues and allocates
// nothing.
func placeholderPairs(c Code, nameValues []string) []string {
	names := c.row().placeholders
	ok := len(nameValues)%2 == 0
	for i := 0; ok && i < len(nameValues); i += 2 {
		ok = slices.Contains(names, nameValues[i])
	}
	if ok {
		return nameValues
	}
	var keep []string
	var ignored []string
	for i := 0; i < len(nameValues); i += 2 {
		switch name := nameValues[i]; {
		case i+1 == len(nameValues):
			ignored = append(ignored, name+" (no value)")
		case !slices.Contains(names, name):
			ignored = append(ignored, name)
		default:
			keep = append(keep, name, nameValues[i+1])
		}
	}
	slog.Warn("errcode: With ignored names that are not placeholders of the row",
		"row", c.Name(), "code", c.String(), "ignored", ignored, "placeholders", names,
		"caller", callerOutside())
	return keep
}

// callerOutside returns the file:line of the first caller outside this
// package, such as the handler that called With.
func callerOutside() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "github.com/octopus-go/errcode.") {
			return f.File + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return "unknown"
		}
	}
}
