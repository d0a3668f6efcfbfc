package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// readResponse returns the response that data holds, in one of three
// forms:
//
//   - a whole response as curl -i prints it, after any interim responses
//     (100 Continue, a proxy's 200 Connection established, redirects
//     followed by curl -L);
//   - a curl -v (or -sv) transcript, its response headers prefixed "< ",
//     its request "> ", curl's notes "* ", the body unprefixed: the last
//     response in it, its Request the request it answers (method, target
//     and headers, no body); when redirects (curl -L) led to that request,
//     its Response links the first of them, as net/http links a
//     redirect's request, for that is the request curl sends again;
//   - else a bare body, with status 0.
//
// It takes time linear in the length of data, however many interim
// responses it holds: it reads each header block once and never copies
// what follows it.
func readResponse(data []byte) (*http.Response, error) {
	var req *http.Request
	if isVerbose(data) {
		var reqHead []byte
		var from redirect
		data, reqHead, from = fromVerbose(data)
		if len(reqHead) > 0 {
			var err error
			if req, err = parseRequest(reqHead); err != nil {
				return nil, err
			}
		}
		if req != nil && len(from.request) > 0 {
			first, err := parseRequest(from.request)
			if err != nil {
				return nil, err
			}
			req.Response = &http.Response{StatusCode: from.status, Request: first}
		}
	}
	off := skipSpace(data, 0)
	if !bytes.HasPrefix(data[off:], []byte("HTTP/")) {
		return &http.Response{Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(data)), Request: req}, nil
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
		resp.Request = req
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
	resp, err := http.ReadResponse(asHTTP11(head), nil)
	if err != nil {
		return nil, fmt.Errorf("not an HTTP response: %v", err)
	}
	return resp, nil
}

// parseRequest parses a request line and headers as parseHead parses a
// response's, "POST /v1/jobs HTTP/2" read as HTTP/1.1's, and returns the
// request without its body.
func parseRequest(head []byte) (*http.Request, error) {
	req, err := http.ReadRequest(asHTTP11(head))
	if err != nil {
		return nil, fmt.Errorf("not an HTTP request: %v", err)
	}
	return req, nil
}

// asHTTP11 returns a reader of head, a status or request line and
// headers, with "HTTP/2" or "HTTP/3" as the first or last word of its
// first line read as "HTTP/1.1", and a blank line at its end if it had
// none.
func asHTTP11(head []byte) *bufio.Reader {
	line, after, _ := bytes.Cut(head, []byte("\n"))
	words := bytes.Split(bytes.TrimRight(line, "\r"), []byte(" "))
	for _, i := range []int{0, len(words) - 1} {
		if w := string(words[i]); w == "HTTP/2" || w == "HTTP/3" {
			words[i] = []byte("HTTP/1.1")
			head = append(append(bytes.Join(words, []byte(" ")), '\n'), after...)
		}
	}
	if !bytes.HasSuffix(head, []byte("\n\n")) && !bytes.HasSuffix(head, []byte("\n\r\n")) {
		head = append(head[:len(head):len(head)], "\r\n\r\n"...)
	}
	return bufio.NewReaderSize(bytes.NewReader(head), len(head))
}

// isVerbose reports whether data is a curl -v transcript: a line of it
// starts with "< HTTP/".
func isVerbose(data []byte) bool {
	return bytes.HasPrefix(data, []byte("< HTTP/")) || bytes.Contains(data, []byte("\n< HTTP/"))
}

// isRequestLine reports whether line is a request line, three words the
// last of which starts with "HTTP/": "POST /v1/jobs HTTP/1.1".
func isRequestLine(line []byte) bool {
	words := bytes.Split(line, []byte(" "))
	return len(words) == 3 && bytes.HasPrefix(words[2], []byte("HTTP/"))
}

// curlNotes are the notes curl -v writes after a body; when the body has
// no final newline and went to a terminal, one is glued to its last line.
var curlNotes = [][]byte{[]byte("* Connection #"), []byte("* Closing connection")}

// A redirect is the first of the redirects that led to a request: the
// head of the request it answered, and its status.
type redirect struct {
	request []byte
	status  int
}

// fromVerbose returns the last response of the curl -v transcript data as
// curl -i prints it: its header lines without their "< " prefix, then the
// lines that follow them unprefixed, which are its body; the head of the
// request it answers, the last one before its status line, its lines
// without their "> " prefix (nil when there is none); and, when that
// request followed redirects (a 301, 302, 303, 307 or 308 answered the
// request before it, and so on back), the first of them. It drops curl's
// notes ("* ", and one glued to the end of the body), its data markers
// ("{ [68 bytes data]") and the lines of its progress meter, which start
// with a carriage return.
func fromVerbose(data []byte) (resp, req []byte, from redirect) {
	var head, body, sending []byte
	var status int     // of the last status line
	var chain redirect // the first redirect of the requests so far
	inHead, inBody, inRequest := false, false, false
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
				head, body, req, from = head[:0], body[:0], sending, chain
				inHead, inBody = true, false
				status = 0
				if words := bytes.Fields(h); len(words) > 1 {
					status, _ = strconv.Atoi(string(words[1]))
				}
			}
			if !inHead {
				continue
			}
			head = append(append(head, h...), '\n')
			if len(bytes.TrimSpace(h)) == 0 {
				inHead, inBody = false, true
			}
		case bytes.HasPrefix(text, []byte("> ")) || string(text) == ">":
			h := bytes.TrimPrefix(bytes.TrimPrefix(text, []byte(">")), []byte(" "))
			if isRequestLine(h) {
				switch {
				case !isRedirect(status) || req == nil:
					chain = redirect{}
				case chain.request == nil:
					chain = redirect{req, status}
				}
				sending, inRequest = nil, true // a new slice: req may hold the last one
			}
			if !inRequest {
				continue
			}
			sending = append(append(sending, h...), '\n')
			if len(bytes.TrimSpace(h)) == 0 {
				inRequest = false
			}
		case bytes.HasPrefix(text, []byte("* ")) ||
			bytes.HasPrefix(text, []byte("{ [")) || bytes.HasPrefix(text, []byte("} [")):
			// A note, a data marker.
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
	return append(head, body...), req, from
}

// isRedirect reports whether status is that of a redirect curl -L follows
// with a new request.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}
