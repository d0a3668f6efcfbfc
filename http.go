package errcode

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
)

// The header values Write sets. Each response gets its own copies, so that
// a middleware that edits a value in place changes that response alone.
const (
	contentTypeJSON = "application/json; charset=utf-8"
	noSniff         = "nosniff"
	varyLanguage    = "Accept-Language, X-Language"
)

// Write answers a request with err: the HTTP status of err's row, the
// headers Content-Type: application/json; charset=utf-8 and
// X-Content-Type-Options: nosniff, and the body
//
//	{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
//
// in the language of the request when w comes from [Localize] or
// [HandlerFunc], or the default. A body in the request's language comes
// with Vary: Accept-Language, X-Language, added to any Vary already set, so
// that a shared cache keeps the languages apart.
//
// Write answers with the first Code or *Error with a documented code that
// it finds in err's chain ([errors.Unwrap] and errors.Join alike, depth
// first); see [CodeOf]. Any other error is answered as
// [InternalServerError], status 500, and so is a [*ResponseError]: an error
// another service answered is not this service's to repeat (see [Relay]).
// The body holds only the row's code and message, with placeholder values
// cut to 128 bytes; never the text of a cause. Write(w, nil), like Write
// with a nil *Error, writes nothing.
//
// Write has only w to learn the request's language from. It finds it
// through any wrapper another middleware puts around the ResponseWriter
// that Localize or HandlerFunc made, as long as the wrapper has the method
// Unwrap() http.ResponseWriter (the one [http.ResponseController] uses);
// through a wrapper without it, such as [http.TimeoutHandler]'s, it
// answers in the default language. [ServeError] and [HandlerFunc] need
// nothing of wrappers: they have the request.
//
// Like [http.Error], Write should be the last thing a handler writes; after
// the header has been written, it can only add its body to the response.
// Under [HandlerFunc] it adds nothing then: the HandlerFunc aborts the
// response when the handler returns.
func Write(w http.ResponseWriter, err error) {
	for u := w; ; {
		if b := baseOf(u); b != nil {
			b.answer(w, b.language(), err)
			return
		}
		x, ok := u.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			break
		}
		u = x.Unwrap()
	}
	write(w, negotiatorNow().def, false, err)
}

// ServeError answers r with err as [Write] does, in the language of r: the
// one [Localize] negotiated for it, else the one [Negotiate] finds in its
// headers. Unlike Write, it needs nothing of w's wrappers. It only writes;
// [HandlerFunc] also logs.
func ServeError(w http.ResponseWriter, r *http.Request, err error) {
	if b := baseOf(w); b != nil {
		b.answer(w, requestLanguage(r), err)
		return
	}
	write(w, requestLanguage(r), true, err)
}

// requestLanguage returns the index of the language of r: the one
// Localize negotiated, else the one its headers ask for.
func requestLanguage(r *http.Request) int {
	if lang, ok := r.Context().Value(languageKey{}).(int); ok {
		return lang
	}
	return negotiate(r.Header)
}

// answer answers err in the language lang. w is b or a wrapper around it,
// to write through. Under HandlerFunc, an error is not answered once the
// response has started: it is kept for HandlerFunc to log and abort the
// response.
func (b *writer) answer(w http.ResponseWriter, lang int, err error) {
	if b.track && b.started {
		if b.late == nil && CodeOf(err) != 0 {
			b.late = err
		}
		return
	}
	started := b.started
	target := w
	if baseOf(w) == b {
		target = b.rw // b's methods only pass calls on
	}
	c := write(target, lang, true, err)
	if c != 0 && !started {
		b.started, b.status, b.answered = true, c.Status(), c
	}
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

// write answers with err in the language lang, with a Vary header if the
// language is the request's, and returns the Code it answered with.
func write(w http.ResponseWriter, lang int, vary bool, err error) Code {
	c, e := answer(err)
	if c == 0 {
		return 0
	}
	h := w.Header()
	delete(h, "Content-Length")
	// One allocation, of the values this answer sets, gives the response
	// its own values, each cut to its length so that an append copies it.
	var v []string
	if vary {
		v = []string{contentTypeJSON, noSniff, varyLanguage}
		addVary(h, v[2:3:3])
	} else {
		v = []string{contentTypeJSON, noSniff}
	}
	h["Content-Type"], h["X-Content-Type-Options"] = v[0:1:1], v[1:2:2]
	w.WriteHeader(c.Status())
	if e == nil || len(e.params) == 0 {
		io.WriteString(w, bodies[c][lang])
		return c
	}
	buf := bufPool.Get().(*[]byte)
	*buf = appendBody((*buf)[:0], c, lang, e.params)
	w.Write(*buf)
	if cap(*buf) <= 64<<10 {
		bufPool.Put(buf)
	}
	return c
}

// addVary adds Accept-Language and X-Language to h's Vary, as the value
// own (varyLanguage) when Vary names neither, keeping what it names.
func addVary(h http.Header, own []string) {
	old := h["Vary"]
	switch {
	case len(old) == 0:
		h["Vary"] = own
		return
	case len(old) == 1 && old[0] == varyLanguage:
		return
	}
	var accept, xlang bool
	for _, v := range old {
		for v != "" {
			var tok string
			tok, v, _ = strings.Cut(v, ",")
			tok = strings.TrimSpace(tok)
			accept = accept || tok == "*" || strings.EqualFold(tok, "Accept-Language")
			xlang = xlang || tok == "*" || strings.EqualFold(tok, "X-Language")
		}
	}
	switch {
	case accept && xlang:
		return
	case accept:
		own[0] = "X-Language"
	case xlang:
		own[0] = "Accept-Language"
	}
	h["Vary"] = append(old[:len(old):len(old)], own[0])
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
// itself.
//
// Without Relay, an error decoded from another service's response is
// answered as [InternalServerError], for the reason gRPC gives for a status
// received from a dependency: the dependency's answer describes the call
// between this service and it, not the caller's request. A dependency's
// 401 says that this service's credentials failed, and passing it on would
// tell the caller to renew theirs; its 404 may name a resource the caller
// never asked for; its 429 throttles this service, not the caller. Relay is
// for a service that forwards requests on the caller's behalf, such as a
// proxy, where the dependency's answer is the right answer. It returns err
// unchanged when the first error of the package in its chain is not a
// *ResponseError with a documented code.
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
// language is kept in the request's context, where [ServeError] and
// [HandlerFunc] find it, and in the ResponseWriter h gets, where Write
// finds it (through wrappers that unwrap). That ResponseWriter has exactly
// the optional interfaces of the original among http.Flusher,
// http.Hijacker, io.ReaderFrom and io.StringWriter, and unwraps to it for
// [http.ResponseController].
//
// A [HandlerFunc] needs no Localize: it negotiates its request's language
// itself, only when it answers an error.
func Localize(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := negotiate(r.Header)
		r = r.WithContext(context.WithValue(r.Context(), languageKey{}, lang))
		h.ServeHTTP((&writer{rw: w, lang: lang}).wrapped(), r)
	})
}

// languageKey is the request context key under which Localize keeps the
// index of the language it negotiated.
type languageKey struct{}
