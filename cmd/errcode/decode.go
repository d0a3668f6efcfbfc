package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

// maxInput is how much of its input decode reads; errcode.FromResponse
// itself reads at most 1 MiB of a body.
const maxInput = 4 << 20

// runDecode runs "errcode decode" with args, the arguments after the
// command name, reading standard input from stdin.
func runDecode(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	pos, out, exit, ok := parsePrinting(decodeCmd, args, stdout, stderr, nil)
	if !ok {
		return exit
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "errcode decode: more than one FILE\n")
		return usageError(decodeCmd, stderr)
	}
	in, name := stdin, "standard input"
	if len(pos) == 1 && pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			fmt.Fprintf(stderr, "errcode: %s\n", escape(err.Error()))
			return exitUsage
		}
		defer f.Close()
		in, name = f, pos[0]
	}
	data, err := io.ReadAll(io.LimitReader(in, maxInput))
	if err != nil {
		fmt.Fprintf(stderr, "errcode: reading %s: %s\n", escape(name), escape(err.Error()))
		return exitUsage
	}
	resp, err := readResponse(data)
	if err != nil {
		fmt.Fprintf(stderr, "errcode: %s: %s\n", escape(name), escape(err.Error()))
		return exitUsage
	}
	rerr := errcode.FromResponse(resp)
	var re *errcode.ResponseError
	if !errors.As(rerr, &re) {
		if out.asJSON {
			writeJSON(stdout, nil)
		} else {
			fmt.Fprintf(stdout, "status:      %s\nnot an error response\n", statusText(resp.StatusCode))
		}
		return exitOK
	}
	if out.asJSON {
		writeJSON(stdout, []entry{decodedEntry(re)})
	} else {
		writeDecoded(stdout, re, resp.Request, out.tags)
	}
	if re.Code == 0 {
		pointToExplain(stderr, re)
		return exitUndocumented
	}
	return exitOK
}

// decodedEntry returns the JSON form of a decoded response: the row of a
// documented code, else what was sent, and in both cases what was sent
// under "sent".
func decodedEntry(re *errcode.ResponseError) entry {
	var e entry
	if re.Code != 0 {
		e = newEntry(re.Code)
	} else {
		e = entry{
			Code:        re.WireCode,
			Status:      re.StatusCode,
			Message:     map[string]string{},
			Remediation: map[string]string{},
		}
	}
	e.Retryable = errcode.Retryable(re)
	e.Sent = &sent{
		Status:    re.StatusCode,
		Code:      re.WireCode,
		Message:   re.Message,
		RequestID: re.RequestID,
		Excerpt:   re.Excerpt,
	}
	if wait, ok := errcode.RetryAfter(re); ok {
		e.Sent.RetryAfterSeconds = int64(wait.Seconds())
	}
	return e
}

// writeDecoded writes what re says to w: what the response sent, the
// request it answers (req, unknown when nil) and the first of the
// redirects that led to it, then the documented row of its code, in the
// languages tags.
func writeDecoded(w io.Writer, re *errcode.ResponseError, req *http.Request, tags []language.Tag) {
	fmt.Fprintf(w, "status:      %s\n", statusText(re.StatusCode))
	if req == nil {
		fmt.Fprintln(w, "request:     unknown")
	} else {
		// A retry sends the first request of a redirect chain again.
		first := req
		if req.Response != nil && req.Response.Request != nil {
			first = req.Response.Request
		}
		fmt.Fprintf(w, "request:     %s %s", escape(req.Method), escape(req.RequestURI))
		if first != req {
			fmt.Fprintf(w, ", redirected from %s %s", escape(first.Method), escape(first.RequestURI))
		}
		if first.Header.Get("Idempotency-Key") != "" {
			fmt.Fprint(w, ", with an Idempotency-Key")
		}
		fmt.Fprintln(w)
	}
	switch {
	case re.WireCode == "" && re.Message == "":
		fmt.Fprintln(w, "code:        none, the body is not a JSON error")
		body := escape(strings.Join(strings.Fields(re.Excerpt), " "))
		if body == "" {
			body = "(empty)"
		}
		fmt.Fprintf(w, "body:        %s\n", body)
	case re.Code == 0:
		code := re.WireCode
		if code == "" {
			code = "none"
		}
		fmt.Fprintf(w, "code:        %s (undocumented)\n", escape(code))
	default:
		fmt.Fprintf(w, "code:        %s\n", escape(re.WireCode))
	}
	if re.Message != "" {
		fmt.Fprintf(w, "message:     %s\n", escape(re.Message))
	}
	if re.RequestID != "" {
		fmt.Fprintf(w, "request id:  %s\n", escape(re.RequestID))
	}
	fmt.Fprintf(w, "retryable:   %s\n", yesNo(errcode.Retryable(re)))
	if wait, ok := errcode.RetryAfter(re); ok {
		fmt.Fprintf(w, "retry after: %s\n", wait)
	}
	if re.Code != 0 {
		fmt.Fprintln(w)
		writeRow(w, re.Code, tags)
	}
}

// pointToExplain tells stderr what to explain for re, a response without
// a documented code. A code sent in a form the catalog does not document
// (OCTOPUS.107002, 107002 as a number, an undocumented code) gets the
// nearest documented code. A bare body of one word of letters, digits and
// dots is taken for a code a person typed: explain for it when explain
// reads it (107002, ScenarioNotFound), else for the nearest.
func pointToExplain(stderr io.Writer, re *errcode.ResponseError) {
	code := re.WireCode
	typed := code == "" && re.StatusCode == 0 && isWord(re.Excerpt)
	if typed {
		code = re.Excerpt
	}
	if code == "" {
		return
	}
	rows := rowsOf(code)
	if typed && rows != nil {
		fmt.Fprintf(stderr, "errcode: %s is a code, not an error response; run 'errcode explain %s'\n", code, code)
		return
	}
	near := nearest(code, 1)[0]
	if rows != nil {
		near = rows[0].String()
	}
	fmt.Fprintf(stderr, "errcode: %s is not documented; nearest: %s; run 'errcode explain %s'\n", escape(code), near, near)
}

// isWord reports whether s is a word of ASCII letters, digits and dots.
func isWord(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	})
}
