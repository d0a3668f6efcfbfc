package errcode

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// A HandlerFunc is an HTTP handler that returns its error. ServeHTTP
// answers the error, logs it and reports it, once per failed request:
//
//   - An error is answered as [ServeError] answers it, in the request's
//     language (the one [Localize] negotiated, else the one the request's
//     headers ask for, negotiated only then), whatever wrappers other
//     middleware put between Localize and the HandlerFunc.
//   - A panic is answered as [InternalServerError], its value kept out of
//     the body. http.ErrAbortHandler is panicked again, unlogged, as
//     net/http expects.
//   - Once the response has started (a status, a body byte or a flush
//     went out), neither can be answered: the response is aborted as
//     net/http aborts one, by panicking with http.ErrAbortHandler, so that
//     the client's read fails instead of taking an error body for the end
//     of the content. A [Write] to the handler's ResponseWriter after the
//     start is kept and treated the same way when the handler returns.
//   - Each failed request is logged once, with the error's whole chain as
//     %+v renders it (a cause with a stack trace keeps it), the code and
//     status sent, the method, the path and the X-Request-Id, as [Options]
//     say; Options.Observe learns the code sent.
//
// The ResponseWriter the handler gets has exactly the optional interfaces
// of the one the HandlerFunc got among http.Flusher, http.Hijacker,
// io.ReaderFrom and io.StringWriter, and unwraps to it for
// [http.ResponseController].
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP calls f(w, r) and answers its error.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b := &writer{rw: w, req: r, lang: noLanguage, track: true}
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
	if CodeOf(err) == 0 { // nil: a late Write may still have failed it
		err = b.late
	}
	if err != nil {
		optionsOf(r).fail(b, r, "errcode: request failed", err, false)
	}
}

// Options say how every [HandlerFunc] under [Options.Handler] logs and
// reports the errors it answers. The zero value, which a HandlerFunc
// outside Options.Handler uses, logs each 5xx answer and each aborted
// response to [slog.Default] at level Error and no 4xx answer.
//
// A record has the message "errcode: request failed" (or "errcode: handler
// panicked") and the attributes method, path, request_id (the request's
// X-Request-Id, else the response's, when either is set), code and status
// as sent (see [CodeOf]), and error as [LogAttr] gives it. For an aborted
// response, code is absent, status is the one already sent and aborted is
// true.
type Options struct {
	// Logger receives the records; nil means slog.Default().
	Logger *slog.Logger
	// ClientErrorLevel is the level of the record of a 4xx answer; nil
	// logs none. A 4xx is the client's doing: at most an operator wants it
	// at a low level (slog.LevelInfo or slog.LevelDebug), and logging every
	// 401 of a storm costs the service more than the 401s.
	ClientErrorLevel slog.Leveler
	// Observe, when not nil, is called once for each failed request, after
	// the answer, with the Code sent, for metrics or tracing: the value of
	// CodeOf(err), or zero when the response had started and was aborted.
	// For a panic, err is an InternalServerError wrapping the panic.
	Observe func(r *http.Request, c Code, err error)
}

// Handler returns a handler that serves h with o in each request's
// context, so that every [HandlerFunc] that h runs, directly or through a
// mux and other middleware, logs and reports as o says. The Options
// nearest to a HandlerFunc win.
func (o Options) Handler(h http.Handler) http.Handler {
	p := &o
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), optionsKey{}, p)))
	})
}

// optionsKey is the request context key of the Options of Options.Handler.
type optionsKey struct{}

var defaultOptions Options

func optionsOf(r *http.Request) *Options {
	if o, ok := r.Context().Value(optionsKey{}).(*Options); ok {
		return o
	}
	return &defaultOptions
}

// fail answers err for a HandlerFunc whose writer is b, logs it and
// reports it. For a panic, it also aborts a response already answered.
func (o *Options) fail(b *writer, r *http.Request, msg string, err error, panicked bool) {
	if b.hijacked {
		// The connection is the handler's: nothing can be answered.
		o.log(r, b, msg, slog.LevelError, err, 0, true)
		o.observe(r, 0, err)
		return
	}
	if b.started && (panicked || b.answered == 0) {
		o.log(r, b, msg, slog.LevelError, err, 0, true)
		o.observe(r, 0, err)
		panic(http.ErrAbortHandler)
	}
	c := b.answered // the handler answered with Write, then returned
	if c == 0 {
		b.answer(b, b.language(), err)
		c = b.answered
	}
	level := slog.LevelError
	if c.Status() < 500 {
		if o.ClientErrorLevel == nil {
			o.observe(r, c, err)
			return
		}
		level = o.ClientErrorLevel.Level()
	}
	o.log(r, b, msg, level, err, c, false)
	o.observe(r, c, err)
}

func (o *Options) observe(r *http.Request, c Code, err error) {
	if o.Observe != nil {
		o.Observe(r, c, err)
	}
}

// log writes the record of a failed request; c is zero when the response
// was aborted.
func (o *Options) log(r *http.Request, b *writer, msg string, level slog.Level, err error, c Code, aborted bool) {
	logger := o.Logger
	if logger == nil {
		logger = slog.Default()
	}
	ctx := r.Context()
	if !logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs, slog.String("method", r.Method), slog.String("path", r.URL.Path))
	if id := headerValue(r.Header, "X-Request-Id"); id != "" {
		attrs = append(attrs, slog.String("request_id", id))
	} else if id := headerValue(b.rw.Header(), "X-Request-Id"); id != "" {
		attrs = append(attrs, slog.String("request_id", id))
	}
	if aborted {
		if b.status != 0 {
			attrs = append(attrs, slog.Int("status", b.status))
		}
		attrs = append(attrs, slog.Bool("aborted", true))
	} else {
		attrs = append(attrs, slog.String("code", c.String()), slog.Int("status", c.Status()))
	}
	attrs = append(attrs, LogAttr(err))
	logger.LogAttrs(ctx, level, msg, attrs...)
}

// A panicError is a panic's value and the stack where it was recovered.
// %+v prints the stack.
type panicError struct {
	value any
	stack []byte
}

// Error returns "panic: " and the panic's value.
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
