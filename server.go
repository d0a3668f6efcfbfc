package errcode

import (
	"io"
	"net/http"
	"strings"

	"github.com/octopus-go/errcode/internal/wire"
)

// The header values an answer sets. Each response gets its own copies, so
// that a middleware that edits a value in place changes that response alone.
const (
	contentTypeJSON = "application/json; charset=utf-8"
	noSniff         = "nosniff"
	varyLanguage    = "Accept-Language, X-Language"
)

// Write answers a request with err, as [http.Error] answers with a text:
// the HTTP status of err's row, the headers Content-Type:
// application/json; charset=utf-8 and X-Content-Type-Options: nosniff,
// and the body
//
//	{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
//
// It answers with the first Code or *Error in err's chain, and any other
// error, a [*ResponseError] included, as [InternalServerError] (see
// [CodeOf] and [Relay]). The body never holds a cause's text. Inside
// [Localize] or a [HandlerFunc], found through ResponseWriter wrappers that
// have Unwrap() http.ResponseWriter, the body is in the request's language,
// with Vary: Accept-Language, X-Language; elsewhere, in English. Written to
// the ResponseWriter that Localize or HandlerFunc gave the handler, the
// answer drops the headers that describe content (Cache-Control,
// Content-Disposition, Content-Encoding, Content-Language, Content-Range,
// ETag, Expires, Last-Modified) that the handler set, and keeps the values
// a middleware outside had set; elsewhere, it keeps them all, as
// http.Error does. Write(w, nil) writes nothing. The caller should write
// nothing more to w.
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
	serve(w, 0, false, err)
}

// ServeError answers r with err as [Write] does, in the language of r (see
// [Negotiate]), whatever wraps w. It only writes; a [HandlerFunc] also
// logs.
func ServeError(w http.ResponseWriter, r *http.Request, err error) {
	if b := baseOf(w); b != nil {
		b.answer(w, negotiate(r.Header), err)
		return
	}
	serve(w, negotiate(r.Header), true, err)
}

// Localize returns a handler that calls h with a ResponseWriter through
// which [Write] answers in the request's language, negotiated only when
// Write answers. That ResponseWriter can Flush and Hijack when the one it
// wraps can, as [http.ResponseController] finds them, and unwraps to it.
func Localize(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(newWriter(w, r, false).wrapped(), r)
	})
}

// CodeOf returns the Code that [Write] answers err with: the row of the
// first Code or *Error in err's chain; [InternalServerError] for any other
// error, a [*ResponseError] from a dependency included; zero for nil.
func CodeOf(err error) Code {
	c, _ := resolve(err)
	return c
}

// resolve returns the Code and, if it is one, the *Error that Write
// answers err with.
func resolve(err error) (Code, *Error) {
	switch e := find(err).(type) {
	case Code:
		return e, nil
	case *Error:
		return e.code, e
	}
	if e, ok := err.(*Error); err == nil || ok && e == nil {
		return 0, nil
	}
	return InternalServerError, nil
}

// Relay returns err so that [Write] answers it with the documented row of
// the [*ResponseError] in its chain, as if the service had failed with it.
// It keeps err's chain. Without Relay, a dependency's error is answered as
// InternalServerError: its 401 says that this service's credentials
// failed, not the caller's. Relay is for a service that forwards requests
// on its caller's behalf, such as a proxy. It returns err unchanged when
// the first error of the package in its chain is not a *ResponseError
// with a documented code.
func Relay(err error) error {
	re, ok := find(err).(*ResponseError)
	if !ok || !re.Code.valid() {
		return err
	}
	return re.Code.Wrap(err)
}

// serve answers with err in the language of index lang, with a Vary header
// if the language is the request's, and returns the Code it answered with.
func serve(w http.ResponseWriter, lang int, vary bool, err error) Code {
	c, e := resolve(err)
	if c == 0 {
		return 0
	}
	h := w.Header()
	delete(h, "Content-Length")
	// One slice holds this answer's values, each cut to its length so that
	// an append to one copies it rather than overwrite the next.
	v := []string{contentTypeJSON, noSniff, varyLanguage}
	h["Content-Type"], h["X-Content-Type-Options"] = v[0:1:1], v[1:2:2]
	if vary {
		addVary(h, v[2:3:3])
	}
	w.WriteHeader(c.Status())
	if e == nil || len(e.params) == 0 {
		io.WriteString(w, bodies[c][lang])
	} else {
		n := len(bodies[c][lang]) // the body with bare names, then room for the values
		for i := 1; i < len(e.params); i += 2 {
			n += min(len(e.params[i]), wire.MaxValueBytes+len("…"))
		}
		w.Write(appendBody(make([]byte, 0, n), c, lang, e.params))
	}
	return c
}

// addVary adds Accept-Language and X-Language to h's Vary, as the value
// own (varyLanguage) when Vary names neither, keeping what it names.
func addVary(h http.Header, own []string) {
	old := h["Vary"]
	if len(old) == 0 {
		h["Vary"] = own
		return
	}
	var accept, xlang bool
	for _, v := range old {
		for tok := range strings.SplitSeq(v, ",") {
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
