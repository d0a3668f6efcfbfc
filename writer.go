package errcode

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// A writer is the ResponseWriter that [Localize] and [HandlerFunc] give a
// handler. It knows its request's language and records whether the
// response has started, so that an error is never appended to a response
// already under way.
//
// A handler gets it through wrapped, which exposes exactly the optional
// interfaces of the ResponseWriter it wraps among http.Flusher,
// http.Hijacker, io.ReaderFrom and io.StringWriter, and Unwrap for
// http.ResponseController, so that a type assertion on it tells the truth.
type writer struct {
	rw  http.ResponseWriter
	req *http.Request // whose language lang is, negotiated on first use
	// lang is the index of the request's language, or noLanguage until
	// it is needed.
	lang int
	// track is set by HandlerFunc, which aborts a started response rather
	// than let Write add an error to it.
	track bool

	started  bool  // a status of 200 or more, a body byte or a flush went out
	hijacked bool  // the handler took the connection
	status   int   // the status sent when started
	answered Code  // the Code Write answered with, when it started the response
	late     error // an error Write was asked to answer after the start
}

// libraryWriter is what every ResponseWriter of the package has: the
// methods of writer that are always exposed, and base to find the writer.
type libraryWriter interface {
	http.ResponseWriter
	Unwrap() http.ResponseWriter
	base() *writer
}

func (w *writer) base() *writer { return w }

// Unwrap returns the ResponseWriter w wraps, for http.ResponseController.
func (w *writer) Unwrap() http.ResponseWriter { return w.rw }

// Header returns the header of the ResponseWriter w wraps.
func (w *writer) Header() http.Header { return w.rw.Header() }

// WriteHeader sends the status code; informational codes other than 101
// do not start the response, as in net/http.
func (w *writer) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		w.start(code)
	}
	w.rw.WriteHeader(code)
}

// Write records that the response started and writes p.
func (w *writer) Write(p []byte) (int, error) {
	w.start(http.StatusOK)
	return w.rw.Write(p)
}

// start records that the response started with status, if it had not.
func (w *writer) start(status int) {
	if !w.started {
		w.started, w.status = true, status
	}
}

// language returns the index of the language of w's request: the one
// Localize negotiated, else the one its headers ask for.
func (w *writer) language() int {
	if w.lang == noLanguage {
		w.lang = requestLanguage(w.req)
	}
	return w.lang
}

// The optional methods, each on a type of its own so that wrapped can
// offer exactly those the wrapped ResponseWriter has.
type (
	flushWriter    writer
	hijackWriter   writer
	readFromWriter writer
	stringWriter   writer
)

// Flush records that the response started and flushes it.
func (w *flushWriter) Flush() {
	(*writer)(w).start(http.StatusOK)
	w.rw.(http.Flusher).Flush()
}

// Hijack hands the connection to the handler, which then owns it.
func (w *hijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := w.rw.(http.Hijacker).Hijack()
	if err == nil {
		w.hijacked = true
	}
	return c, rw, err
}

// ReadFrom records that the response started and copies r to it.
func (w *readFromWriter) ReadFrom(r io.Reader) (int64, error) {
	(*writer)(w).start(http.StatusOK)
	return w.rw.(io.ReaderFrom).ReadFrom(r)
}

// WriteString records that the response started and writes s.
func (w *stringWriter) WriteString(s string) (int, error) {
	(*writer)(w).start(http.StatusOK)
	return w.rw.(io.StringWriter).WriteString(s)
}

// wrapped returns w as a ResponseWriter with exactly the optional
// interfaces of the one it wraps.
func (w *writer) wrapped() http.ResponseWriter {
	const (
		f = 1 << iota
		h
		r
		s
	)
	var has int
	if _, ok := w.rw.(http.Flusher); ok {
		has |= f
	}
	if _, ok := w.rw.(http.Hijacker); ok {
		has |= h
	}
	if _, ok := w.rw.(io.ReaderFrom); ok {
		has |= r
	}
	if _, ok := w.rw.(io.StringWriter); ok {
		has |= s
	}
	type (
		F = http.Flusher
		H = http.Hijacker
		R = io.ReaderFrom
		S = io.StringWriter
		W = libraryWriter
	)
	fw, hw, rw, sw := (*flushWriter)(w), (*hijackWriter)(w), (*readFromWriter)(w), (*stringWriter)(w)
	switch has {
	case f:
		return struct {
			W
			F
		}{w, fw}
	case h:
		return struct {
			W
			H
		}{w, hw}
	case f | h:
		return struct {
			W
			F
			H
		}{w, fw, hw}
	case r:
		return struct {
			W
			R
		}{w, rw}
	case f | r:
		return struct {
			W
			F
			R
		}{w, fw, rw}
	case h | r:
		return struct {
			W
			H
			R
		}{w, hw, rw}
	case f | h | r:
		return struct {
			W
			F
			H
			R
		}{w, fw, hw, rw}
	case s:
		return struct {
			W
			S
		}{w, sw}
	case f | s:
		return struct {
			W
			F
			S
		}{w, fw, sw}
	case h | s:
		return struct {
			W
			H
			S
		}{w, hw, sw}
	case f | h | s:
		return struct {
			W
			F
			H
			S
		}{w, fw, hw, sw}
	case r | s:
		return struct {
			W
			R
			S
		}{w, rw, sw}
	case f | r | s:
		return struct {
			W
			F
			R
			S
		}{w, fw, rw, sw}
	case h | r | s:
		return struct {
			W
			H
			R
			S
		}{w, hw, rw, sw}
	case f | h | r | s:
		return struct {
			W
			F
			H
			R
			S
		}{w, fw, hw, rw, sw}
	}
	return w
}

// baseOf returns the writer of w when w is one of the package's own
// ResponseWriters, or nil.
func baseOf(w http.ResponseWriter) *writer {
	if lw, ok := w.(libraryWriter); ok {
		return lw.base()
	}
	return nil
}
