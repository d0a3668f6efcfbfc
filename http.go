package errcode

import (
	"context"
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
	lang, w := languageOf(w)
	write(w, lang, err)
}

// ServeError answers r with err as [Write] does, in the language of r: the
// one [Localize] negotiated for it, else the one [Negotiate] finds in its
// headers. Unlike Write, it needs nothing of w's wrappers.
func ServeError(w http.ResponseWriter, r *http.Request, err error) {
	lang, ok := r.Context().Value(languageKey{}).(int)
	if !ok {
		lang = negotiate(r.Header)
	}
	if lw, ok := w.(*localizedWriter); ok {
		w = lw.ResponseWriter
	}
	write(w, lang, err)
}

// CodeOf returns the Code that [Write] answers err with: the row of the
// first Code or *Error in err's chain; [InternalServerError] for any other
// error, a [*ResponseError] from a dependency included (see [Relay]); zero
// for nil. Metrics and logs that use it agree with the wire.
func CodeOf(err error) Code {
	c, _ := answer(err)
	return c
}

// answer returns the Code and, if it is one, the *Error that Write answers
// err with.
func answer(err error) (Code, *Error) {
	found := find(err)
	switch e := found.(type) {
	case Code:
		return e, nil
	case *Error:
		return e.code, e
	}
	if err == nil || isNilError(err) {
		return 0, nil
	}
	return InternalServerError, nil
}

// write answers with err in the language lang.
func write(w http.ResponseWriter, lang int, err error) {
	c, e := answer(err)
	if c == 0 {
		return
	}
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

// find returns the first error of the package in err's chain
// ([errors.Unwrap] and errors.Join alike, depth first): a documented Code, a
// non-nil *Error with a documented Code, or a non-nil *ResponseError. It
// returns nil when there is none. Write, Retryable and RetryAfter all
// answer from the error it finds.
func find(err error) error {
	for err != nil {
		switch e := err.(type) {
		case Code:
			if e.valid() {
				return e
			}
		case *Error:
			if e != nil && e.code.valid() {
				return e
			}
		case *ResponseError:
			if e != nil {
				return e
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, err := range u.Unwrap() {
				if f := find(err); f != nil {
					return f
				}
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// Relay returns err so that [Write] answers it with the documented row of
// the [*ResponseError] in its chain, as if the service had failed with it
// itself. Without Relay, an error decoded from another service's response
// is answered as [InternalServerError]: a dependency's 401 says that the
// service's own credentials failed, not the caller's, and passing it on
// would blame the caller. Relay is for a service that forwards requests on
// the caller's behalf, such as a proxy, where the dependency's answer is
// the right answer. It returns err unchanged when the first error of the
// package in its chain is not a *ResponseError with a documented code.
func Relay(err error) error {
	re, ok := find(err).(*ResponseError)
	if !ok || !re.Code.valid() {
		return err
	}
	return re.Code.Wrap(err)
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
		lang := negotiate(r.Header)
		r = r.WithContext(context.WithValue(r.Context(), languageKey{}, lang))
		h.ServeHTTP(&localizedWriter{ResponseWriter: w, lang: lang}, r)
	})
}

// languageKey is the request context key under which Localize keeps the
// index of the language it negotiated.
type languageKey struct{}

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
			return negotiatorNow().def, w
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
		ServeError(w, r, InternalServerError.Wrap(errors.New("panic")))
	}()
	if err := f(w, r); err != nil {
		ServeError(w, r, err)
	}
}
