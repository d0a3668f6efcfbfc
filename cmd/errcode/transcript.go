package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// readResponse returns the response that data holds, in one of three
// forms:
//
//   - a whole response as curl -i prints it, after any interim responses
//     (100 Continue, a proxy's 200 Connection established, redirects
//     followed by curl -L);
//   - a curl -v (or -sv) transcript, its response headers prefixed "< ",
//     its request "> ", curl's notes "* ", the body unprefixed: the last
//     response in it;
//   - else a bare body, with status 0.
//
// It takes time linear in the length of data, however many interim
// responses it holds: it reads each header block once and never copies
// what follows it.
func readResponse(data []byte) (*http.Response, error) {
	if isVerbose(data) {
		data = fromVerbose(data)
	}
	off := skipSpace(data, 0)
	if !bytes.HasPrefix(data[off:], []byte("HTTP/")) {
		return &http.Response{Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(data))}, nil
	}
	for {
		end := headerEnd(data, off)
		resp, err := parseHead(data[off:end])
		if err != nil {
			return nil, err
		}
		next := skipSpace(data, end)
		if resp.StatusCode < 400 && bytes.HasPrefix(data[next:], []byte("HTTP/")) {
			off = next
			continue
		}
		resp.Body = io.NopCloser(bytes.NewReader(data[end:]))
		return resp, nil
	}
}

// skipSpace returns the offset of the first byte of data at or after off
// that is not a space, tab, CR or LF.
func skipSpace(data []byte, off int) int {
	for off < len(data) && (data[off] == ' ' || data[off] == '\t' || data[off] == '\r' || data[off] == '\n') {
		off++
	}
	return off
}

// headerEnd returns the offset just after the blank line that ends the
// header block starting at off, or len(data) when there is none.
func headerEnd(data []byte, off int) int {
	for off < len(data) {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		line := data[off : off+i]
		off += i + 1
		if len(line) == 0 || len(line) == 1 && line[0] == '\r' {
			return off
		}
	}
	return off
}

// parseHead parses a status line and headers, bare LF line endings and
// all, with http.ReadResponse, and returns the response without its body.
// A header block that does not end in a blank line is read as if it did.
// The status line of HTTP/2 and HTTP/3, which curl prints as
// "HTTP/2 502", is read as HTTP/1.1's.
func parseHead(head []byte) (*http.Response, error) {
	line, after, _ := bytes.Cut(head, []byte("\n"))
	if proto, status, _ := bytes.Cut(line, []byte(" ")); string(proto) == "HTTP/2" || string(proto) == "HTTP/3" {
		head = append([]byte("HTTP/1.1 "+string(status)+"\n"), after...)
	}
	if !bytes.HasSuffix(head, []byte("\n\n")) && !bytes.HasSuffix(head, []byte("\n\r\n")) {
		head = append(head[:len(head):len(head)], "\r\n\r\n"...)
	}
	resp, err := http.ReadResponse(bufio.NewReaderSize(bytes.NewReader(head), len(head)), nil)
	if err != nil {
		return nil, fmt.Errorf("not an HTTP response: %v", err)
	}
	return resp, nil
}

// isVerbose reports whether data is a curl -v transcript: a line of it
// starts with "< HTTP/".
func isVerbose(data []byte) bool {
	return bytes.HasPrefix(data, []byte("< HTTP/")) || bytes.Contains(data, []byte("\n< HTTP/"))
}

// curlNotes are the notes curl -v writes after a body; when the body has
// no final newline and went to a terminal, one is glued to its last line.
var curlNotes = [][]byte{[]byte("* Connection #"), []byte("* Closing connection")}

// fromVerbose returns the last response of the curl -v transcript data as
// curl -i prints it: its header lines without their "< " prefix, then the
// lines that follow them unprefixed, which are its body. It drops the
// request ("> "), curl's notes ("* ", and one glued to the end of the
// body), its data markers ("{ [68 bytes data]") and the lines of its
// progress meter, which start with a carriage return.
func fromVerbose(data []byte) []byte {
	var head, body []byte
	inHead, inBody := false, false
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line = data[:i+1]
		}
		data = data[len(line):]
		text := bytes.TrimRight(line, "\r\n")
		switch {
		case bytes.HasPrefix(text, []byte("< ")) || string(text) == "<":
			h := bytes.TrimPrefix(bytes.TrimPrefix(text, []byte("<")), []byte(" "))
			if bytes.HasPrefix(h, []byte("HTTP/")) {
				head, body = head[:0], body[:0]
				inHead, inBody = true, false
			}
			if !inHead {
				continue
			}
			head = append(append(head, h...), '\n')
			if len(bytes.TrimSpace(h)) == 0 {
				inHead, inBody = false, true
			}
		case bytes.HasPrefix(text, []byte("> ")) || string(text) == ">" ||
			bytes.HasPrefix(text, []byte("* ")) ||
			bytes.HasPrefix(text, []byte("{ [")) || bytes.HasPrefix(text, []byte("} [")):
			// The request, a note, a data marker.
		case inBody && len(line) > 0 && line[0] != '\r':
			body = append(body, line...)
		}
	}
	last := bytes.TrimRight(body, "\r\n")
	i := bytes.LastIndexByte(last, '\n') + 1
	for _, note := range curlNotes {
		if j := bytes.Index(last[i:], note); j > 0 {
			body = body[:i+j]
			break
		}
	}
	return append(head, body...)
}
