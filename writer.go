package errcode

import (
	"bufio"
	"net"
	"net/http"
)

// A writer is the ResponseWriter that Localize and HandlerFunc give a
// handler. It knows its request, whose language it negotiates when an
// error is answered, and records whether the response has started, so that
// an error is never appended to a response under way.
type writer struct {
	rw   http.ResponseWriter
	req  *http.Request
	lang int // the index of the request's language, or noLanguage until needed
	// track is set by HandlerFunc, which aborts a started response rather
	// than let Write add an error to it.
	track bool

	started  bool  // a status of 200 or more, a body byte or a flush went out
	hijacked bool  // the handler took the connection
	status   int   // the status sent when started
	answered Code  // the Code an answer started the response with
	late     error // an error Write was asked to answer after the start

	// outside holds the contentHeaders that a middleware outside had set
	// when the writer was made, nil when none.
	outside http.Header
}

const noLanguage = -1

// newWriter returns the writer of a handler that writes to w for r.
func newWriter(w http.ResponseWriter, r *http.Request, track bool) *writer {
	b := &writer{rw: w, req: r, lang: noLanguage, track: track}
	h := w.Header()
	for _, name := range contentHeaders {
		if v, ok := h[name]; ok {
			if b.outside == nil {
				b.outside = make(http.Header, 1)
			}
			b.outside[name] = v
		}
	}
	return b
}

// contentHeaders describe a response's content. A handler that fails
// before it sends its content may have set them; its error's answer drops
// them, as http.ServeContent drops some for its errors.
var contentHeaders = [...]string{"Cache-Control", "Content-Disposition", "Content-Encoding",
	"Content-Language", "Content-Range", "Etag", "Expires", "Last-Modified"}

// dropContentHeaders sets the contentHeaders of h back to what a middleware
// outside had set when w was made: it removes those the handler set for
// content it did not send.
func (w *writer) dropContentHeaders(h http.Header) {
	for _, name := range contentHeaders {
		if v, ok := w.outside[name]; ok {
			h[name] = v
		} else {
			delete(h, name)
		}
	}
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

// Write starts the response, if it had not started, and writes p.
func (w *writer) Write(p []byte) (int, error) {
	w.start(http.StatusOK)
	return w.rw.Write(p)
}

func (w *writer) start(status int) {
	if !w.started {
		w.started, w.status = true, status
	}
}

// language returns the index of the language of w's request.
func (w *writer) language() int {
	if w.lang == noLanguage {
		w.lang = negotiate(w.req.Header)
	}
	return w.lang
}

// answer answers err in the language lang, writing through w, which is b
// or a wrapper around it. Under HandlerFunc, an error is not answered once
// the response has started: it is kept for HandlerFunc to abort the
// response.
//
// Written through b itself, the answer drops the contentHeaders that the
// handler set (see dropContentHeaders). Written through a wrapper of the
// handler's, it keeps them, as http.Error does: the wrapper may, for one,
// compress what it is given.
func (b *writer) answer(w http.ResponseWriter, lang int, err error) {
	if b.track && b.started {
		if b.late == nil && CodeOf(err) != 0 {
			b.late = err
		}
		return
	}
	if baseOf(w) == b {
		w = b.rw // b's own methods would only pass the calls on
		if !b.started && CodeOf(err) != 0 {
			b.dropContentHeaders(w.Header())
		}
	}
	if c := serve(w, lang, true, err); c != 0 {
		b.started, b.status, b.answered = true, c.Status(), c
	}
}

// flusher and hijacker give a writer the methods of http.Flusher and
// http.Hijacker, through http.ResponseController, so that a flush or a
// hijack by any route is seen.
type (
	flusher  struct{ w *writer }
	hijacker struct{ w *writer }
)

// Flush starts the response and flushes it.
func (f flusher) Flush() { f.FlushError() }

// FlushError starts the response and flushes it, as http.ResponseController
// does.
func (f flusher) FlushError() error {
	err := http.NewResponseController(f.w.rw).Flush()
	if err == nil {
		f.w.start(http.StatusOK)
	}
	return err
}

// Hijack hands the connection to the handler, which then owns it.
func (h hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(h.w.rw).Hijack()
	if err == nil {
		h.w.hijacked = true
	}
	return c, rw, err
}

// wrapped returns w as a ResponseWriter that can Flush and Hijack when
// http.ResponseController can do so through the one w wraps.
func (w *writer) wrapped() http.ResponseWriter {
	var flush, hijack bool
	for u := w.rw; u != nil; {
		switch u.(type) {
		case http.Flusher, interface{ FlushError() error }:
			flush = true
		}
		if _, ok := u.(http.Hijacker); ok {
			hijack = true
		}
		x, ok := u.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			break
		}
		u = x.Unwrap()
	}
	switch {
	case flush && hijack:
		return struct {
			*writer
			flusher
			hijacker
		}{w, flusher{w}, hijacker{w}}
	case flush:
		return struct {
			*writer
			flusher
		}{w, flusher{w}}
	case hijack:
		return struct {
			*writer
			hijacker
		}{w, hijacker{w}}
	}
	return w
}

// baseOf returns the writer of w when w is one of the package's own
// ResponseWriters, or nil.
func baseOf(w http.ResponseWriter) *writer {
	if b, ok := w.(interface{ base() *writer }); ok {
		return b.base()
	}
	return nil
}
