package errcode

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
)

// Header values Write sets. They are shared, never modified, and cut to
// their length so that an append by a caller copies them.
var (
	contentTypeJSON = []string{"application/json; charset=utf-8"}[:1:1]
	noSniff         = []string{"nosniff"}[:1:1]
)

// Write answers a request with err: the HTTP status of err's row, the
// headers Content-Type: application/json; charset=utf-8 and
// X-Content-Type-Options: nosniff, and the body
//
//	{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
//
// in the language [Localize] negotiated for the request, or the default.
//
// Write answers with the first Code, *Error or *ResponseError with a
// documented code that it finds in err's chain ([errors.Unwrap] and
// errors.Join alike, depth first). Any other error is answered as
// [InternalServerError], status 500. The body holds only the row's code and
// message, with placeholder values cut to 128 bytes; never the text of a
// cause. Write(w, nil), like Write with a nil *Error, writes nothing.
//
// Like [http.Error], Write should be the last thing a handler writes; after
// the header has been written, it can only add its body to the response.
func Write(w http.ResponseWriter, err error) {
	c, e := find(err)
	if c == 0 {
		if err == nil || isNilError(err) {
			return
		}
		c = InternalServerError
	}
	lang, w := languageOf(w)
	h := w.Header()
	delete(h, "Content-Length")
	h["Content-Type"] = contentTypeJSON
	h["X-Content-Type-Options"] = noSniff
	w.WriteHeader(c.Status())
	if e == nil || len(e.params) == 0 {
		io.WriteString(w, bodies[c][lang])
		return
	}
	buf := bufPool.Get().(*[]byte)
	*buf = appendTemplate((*buf)[:0], templates[c][lang], e.params)
	w.Write(*buf)
	if cap(*buf) <= 64<<10 {
		bufPool.Put(buf)
	}
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// find returns the Code of the first Code, *Error or *ResponseError with a
// documented code in err's chain, and the *Error if that is what it was.
func find(err error) (Code, *Error) {
	for err != nil {
		if c := codeOf(err); c.valid() {
			e, _ := err.(*Error)
			return c, e
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, err := range u.Unwrap() {
				if c, e := find(err); c != 0 {
					return c, e
				}
			}
			return 0, nil
		default:
			return 0, nil
		}
	}
	return 0, nil
}

// isNilError reports whether err is a nil *Error, which Write treats as no
// error.
func isNilError(err error) bool {
	e, ok := err.(*Error)
	return ok && e == nil
}

// Localize returns a handler that negotiates the language of each request
// (see [Negotiate]) before calling h, so that [Write] answers in it. The
// ResponseWriter h gets unwraps to the original for
// [http.ResponseController], and flushes when the original can.
func Localize(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&localizedWriter{ResponseWriter: w, lang: negotiate(r.Header)}, r)
	})
}

// A localizedWriter is a ResponseWriter with the language negotiated for
// its request.
type localizedWriter struct {
	http.ResponseWriter
	lang int
}

// Unwrap returns the original ResponseWriter.
func (w *localizedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// WriteString writes s without converting it to a byte slice when the
// original ResponseWriter allows.
func (w *localizedWriter) WriteString(s string) (int, error) {
	return io.WriteString(w.ResponseWriter, s)
}

// Flush flushes the original ResponseWriter if it can be flushed.
func (w *localizedWriter) Flush() { http.NewResponseController(w.ResponseWriter).Flush() }

// languageOf returns the language negotiated for w by Localize, looking
// through wrappers that unwrap, or the default. When w is Localize's own
// wrapper, whose methods only pass calls on, it also returns the original
// to write to; otherwise it returns w.
func languageOf(w http.ResponseWriter) (int, http.ResponseWriter) {
	if lw, ok := w.(*localizedWriter); ok {
		return lw.lang, lw.ResponseWriter
	}
	for u := w; ; {
		switch x := u.(type) {
		case *localizedWriter:
			return x.lang, w
		case interface{ Unwrap() http.ResponseWriter }:
			u = x.Unwrap()
		default:
			return current.Load().def, w
		}
	}
}

// A HandlerFunc is an HTTP handler that returns its error: ServeHTTP
// answers a non-nil error with [Write]. A panic in the handler is logged
// with [slog] and answered as [InternalServerError], its value kept out of
// the body; http.ErrAbortHandler is panicked again, to abort the response as
// net/http does.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP calls f(w, r) and answers its error.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		slog.Error("errcode: handler panicked", "method", r.Method, "path", r.URL.Path,
			"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		Write(w, InternalServerError.Wrap(errors.New("panic")))
	}()
	if err := f(w, r); err != nil {
		Write(w, err)
	}
}
