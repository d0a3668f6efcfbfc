package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

// An entry is the JSON form of one documented row, or of a decoded
// response.
type entry struct {
	Code         string            `json:"code"`
	Status       int               `json:"status"`
	Name         string            `json:"name"`
	Retryable    bool              `json:"retryable"`
	Retry        string            `json:"retry,omitempty"`
	Message      map[string]string `json:"message"`
	Remediation  map[string]string `json:"remediation"`
	Placeholders []string          `json:"placeholders,omitempty"`
	Constructor  string            `json:"constructor,omitempty"`
	Sent         *sent             `json:"sent,omitempty"`
}

// sent is the JSON form of what a decoded response carried.
type sent struct {
	Status            int    `json:"status"` // 0 when unknown
	Code              string `json:"code,omitempty"`
	Message           string `json:"message,omitempty"`
	RequestID         string `json:"request_id,omitempty"`
	RetryAfterSeconds int64  `json:"retry_after_seconds,omitempty"`
	Excerpt           string `json:"excerpt,omitempty"`
}

// newEntry returns the JSON form of c, with its texts in every catalog
// language.
func newEntry(c errcode.Code) entry {
	e := entry{
		Code:         c.String(),
		Status:       c.Status(),
		Name:         c.Name(),
		Retryable:    errcode.Retryable(c),
		Retry:        c.RetryKind().String(),
		Message:      map[string]string{},
		Remediation:  map[string]string{},
		Placeholders: c.Placeholders(),
		Constructor:  constructor(c),
	}
	for _, t := range errcode.Languages() {
		e.Message[langKey(t)] = c.Message(t)
		e.Remediation[langKey(t)] = c.Remediation(t)
	}
	return e
}

// writeJSON writes entries to w as an indented JSON array, [] when empty,
// with no character a terminal could act on (see [escapeJSON]).
func writeJSON(w io.Writer, entries []entry) {
	if entries == nil {
		entries = []entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(entries)              // entries always encode
	w.Write(escapeJSON(buf.Bytes())) // a write error has nowhere to go
}

// writeRow writes the explanation of c to w: its code and name, then
// status, retry kind, message and remediation in the languages tags.
func writeRow(w io.Writer, c errcode.Code, tags []language.Tag) {
	fmt.Fprintf(w, "%s  %s\n", c.String(), c.Name())
	field(w, "status", statusText(c.Status()))
	field(w, "retry", retryText(c.RetryKind()))
	for _, t := range tags {
		field(w, "message "+langKey(t), c.Message(t))
	}
	for _, t := range tags {
		field(w, "remediation "+langKey(t), c.Remediation(t))
	}
	if names := c.Placeholders(); len(names) > 0 {
		field(w, "placeholders", strings.Join(names, ", "))
		field(w, "constructor", constructor(c))
	}
}

// constructor returns the call of the generated function that returns c
// with its placeholders filled, the constant's name and With, its
// parameters named as the placeholders: "errcode.InvalidRequestParamWith(key,
// value)". It returns "" for a row without placeholders.
func constructor(c errcode.Code) string {
	names := c.Placeholders()
	if len(names) == 0 {
		return ""
	}
	return "errcode." + c.Name() + "With(" + strings.Join(names, ", ") + ")"
}

// field writes one indented "label: value" line of a row to w, the values
// aligned.
func field(w io.Writer, label, value string) {
	fmt.Fprintf(w, "  %-16s %s\n", label+":", value)
}

// statusText returns an HTTP status with its text, such as "404 Not
// Found"; "unknown" for 0.
func statusText(status int) string {
	if status == 0 {
		return "unknown"
	}
	if t := http.StatusText(status); t != "" {
		return strconv.Itoa(status) + " " + t
	}
	return strconv.Itoa(status)
}

// retryText returns the retry kind k as docs/retry.txt writes it, with
// what it means for a client, such as "no (retrying cannot help)".
func retryText(k errcode.RetryKind) string {
	switch k {
	case errcode.RetryAnyMethod:
		return k.String() + " (not processed: any request may be sent again)"
	case errcode.RetryIdempotent:
		return k.String() + " (may have been processed: only GET, HEAD, OPTIONS, TRACE, PUT, DELETE or a request with an Idempotency-Key may be sent again)"
	}
	return k.String() + " (retrying cannot help)"
}

// yesNo returns "yes" for true and "no" for false.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
