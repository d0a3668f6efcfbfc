package errcode

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/octopus-go/errcode/internal/wire"
)

// A HandlerFunc is an HTTP handler that returns its error. ServeHTTP
// answers it as [ServeError] does (without the headers of the content the
// handler did not send, see [Write]), logs it and reports it, once per
// failed request; a panic is answered as [InternalServerError], its value
// kept out of the body (http.ErrAbortHandler is panicked again, unlogged).
//
// Once the response has started (a status, a body byte or a flush went
// out), an error is not answered: the response is aborted, by panicking
// with http.ErrAbortHandler, so that the client's read fails instead of
// taking an error body for the end of the content. After a hijack, the
// error is only logged: the connection is the handler's.
//
// The ResponseWriter the handler gets can Flush and Hijack when the one
// ServeHTTP got can, and unwraps to it for [http.ResponseController].
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP calls f(w, r) and answers its error.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b := newWriter(w, r, true)
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err := InternalServerError.Wrap(&panicError{value: v, stack: debug.Stack()})
			optionsOf(r).fail(b, r, "errcode: handler panicked", err, true)
		}
	}()
	err := f(b.wrapped(), r)
	if CodeOf(err) == 0 { // nil: a Write after the start may still have failed it
		err = b.late
	}
	if err != nil {
		optionsOf(r).fail(b, r, "errcode: request failed", err, false)
	}
}

// Options say how the [HandlerFunc]s under [Options.Handler] log and
// report the errors they answer. The zero value, which a HandlerFunc
// outside Options.Handler uses, logs each 5xx answer and each aborted
// response to [slog.Default] at level Error, and no 4xx answer.
//
// A record has the message "errcode: request failed" (or "errcode: handler
// panicked") and the attributes method, path, request_id (the request's
// X-Request-Id, else the response's),
// code and status as sent, and error, the error as fmt's %+v formats it;
// texts are cut to bound the record. An aborted response has no code, the
// status already sent, and aborted=true.
type Options struct {
	// Logger receives the records; nil means slog.Default().
	Logger *slog.Logger
	// ClientErrorLevel is the level of the record of a 4xx answer; nil
	// logs none.
	ClientErrorLevel slog.Leveler
	// Observe, when not nil, is called once for each failed request, after
	// the answer, with the Code sent (CodeOf(err)), or zero when the
	// response was aborted.
	Observe func(r *http.Request, c Code, err error)
}

// Handler returns a handler that serves h with o in each request's
// context, so that every HandlerFunc that h runs logs and reports as o
// says. The Options nearest to a HandlerFunc win.
func (o Options) Handler(h http.Handler) http.Handler {
	p := &o
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), optionsKey{}, p)))
	})
}

// optionsKey is the request context key of the Options of Options.Handler.
type optionsKey struct{}

func optionsOf(r *http.Request) *Options {
	if o, ok := r.Context().Value(optionsKey{}).(*Options); ok {
		return o
	}
	return &Options{}
}

// fail answers err for a HandlerFunc whose writer is b, logs it and
// reports it. It aborts a response that started before the answer, or,
// for a panic, at all.
func (o *Options) fail(b *writer, r *http.Request, msg string, err error, panicked bool) {
	if b.hijacked || b.started && (panicked || b.answered == 0) {
		o.log(r, b, msg, slog.LevelError, err, 0)
		if o.Observe != nil {
			o.Observe(r, 0, err)
		}
		if !b.hijacked { // a hijacked connection is the handler's to close
			panic(http.ErrAbortHandler)
		}
		return
	}
	c := b.answered // the handler answered with Write, then returned
	if c == 0 {
		b.answer(b, b.language(), err)
		c = b.answered
	}
	switch {
	case c.Status() >= 500:
		o.log(r, b, msg, slog.LevelError, err, c)
	case o.ClientErrorLevel != nil:
		o.log(r, b, msg, o.ClientErrorLevel.Level(), err, c)
	}
	if o.Observe != nil {
		o.Observe(r, c, err)
	}
}

// Bounds on the texts of a record, so that a request cannot make it large.
const (
	maxLogIDBytes    = 128
	maxLogPathBytes  = 1 << 10
	maxLogErrorBytes = 8 << 10
)

// log writes the record of a failed request; c is zero when the response
// was aborted.
func (o *Options) log(r *http.Request, b *writer, msg string, level slog.Level, err error, c Code) {
	logger := o.Logger
	if logger == nil {
		logger = slog.Default()
	}
	ctx := r.Context()
	if !logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs, slog.String("method", cut(r.Method, maxLogIDBytes)), slog.String("path", cut(r.URL.Path, maxLogPathBytes)))
	if id := cmp.Or(r.Header.Get("X-Request-Id"), b.rw.Header().Get("X-Request-Id")); id != "" {
		attrs = append(attrs, slog.String("request_id", cut(id, maxLogIDBytes)))
	}
	switch {
	case c != 0:
		attrs = append(attrs, slog.String("code", c.String()), slog.Int("status", c.Status()))
	case b.status != 0:
		attrs = append(attrs, slog.Int("status", b.status), slog.Bool("aborted", true))
	default:
		attrs = append(attrs, slog.Bool("aborted", true))
	}
	attrs = append(attrs, slog.String("error", cut(fmt.Sprintf("%+v", err), maxLogErrorBytes)))
	logger.LogAttrs(ctx, level, msg, attrs...)
}

// cut returns s cut to at most n bytes at a character boundary, ending in
// "…" when cut.
func cut(s string, n int) string {
	if c, ok := wire.Cut(s, n); ok {
		return c + "…"
	}
	return s
}

// A panicError is a panic's value and the stack where it was recovered.
// %+v prints the stack.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprint("panic: ", p.value) }

// Unwrap returns the panic's value when it is an error.
func (p *panicError) Unwrap() error {
	err, _ := p.value.(error)
	return err
}

// Format writes Error, and with %+v the stack after it.
func (p *panicError) Format(s fmt.State, verb rune) {
	io.WriteString(s, p.Error())
	if verb == 'v' && s.Flag('+') {
		io.WriteString(s, "\n")
		s.Write(p.stack)
	}
}
