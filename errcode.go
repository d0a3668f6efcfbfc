// Package errcode speaks the error codes of Octopus, Huawei Cloud's
// autonomous-driving service, and of the API gateway in front of it.
//
// Every documented error is a constant of type [Code], generated from the
// documented error tables: [ScenarioNotFound] is octopus.107002, HTTP 404,
// "Scenario is not exists". A Code is an error, so a service returns it as
// it is:
//
//	if s == nil {
//		return errcode.ScenarioNotFound
//	}
//
// and derives an [*Error] from it to fill the row's placeholders or to keep
// the cause for its logs:
//
//	return errcode.InvalidRequestParamWith("name", v).Wrap(err)
//
// # Services
//
// A [HandlerFunc] returns its error; it answers it with [ServeError], logs it
// once with its whole cause chain, and reports the code sent to an
// [Options.Observe] hook. [Write] and ServeError answer a request with an
// error: the row's HTTP status and the body
// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"}. An
// error that is not from the catalog is answered as [InternalServerError],
// and so is a [*ResponseError] decoded from a dependency's answer, unless
// the handler passes it on deliberately with [Relay]. The text of a cause
// never reaches a body. [CodeOf] says which Code an error is answered
// with, so that metrics agree with the wire.
//
// # Languages
//
// Each row has its message and remediation in every language of the catalog
// (see [Languages]): English, the documented wire text, and Chinese. An
// error is answered in the language its request asks for: the X-Language
// header (Huawei Cloud's, such as zh-cn or en_US) when it names a catalog
// language, else Accept-Language. [HandlerFunc] and [ServeError] negotiate
// it from the request, only when they answer an error; [Localize]
// negotiates it once per request for handlers that call [Write], which
// finds it through ResponseWriter wrappers that unwrap. Negotiation is that
// of golang.org/x/text/language: a request for zh, zh-CN or zh-Hans gets
// Chinese; a request for a language the catalog does not have gets the
// default, English unless [SetDefaultLanguage] says otherwise.
//
// # Matching
//
// [errors.Is] matches by wire code, at any depth of a chain:
// errors.Is(err, errcode.ScenarioNotFound) holds for any error whose chain
// has a Code, an *Error or a [*ResponseError] with the code octopus.107002.
// A code documented on several rows (octopus.101006, APIGW.0201) matches all
// of them; the exact row is the Code itself, which [errors.As] finds.
// [Lookup] takes a wire code as sent, [ParseCode] what a person types, and
// [Rows] lists every row of a wire code.
//
// # Clients
//
// [FromResponse] turns an error response back into a [*ResponseError] that
// keeps the status, the code and message as sent and the request id, and
// that errors.Is the documented Code; [FromBody] does the same for a body
// already read. [Retryable] and [RetryAfter] tell a client whether, and
// when, to send the request again, by each row's [RetryKind]: a request
// that may have been processed is sent again only when it is idempotent.
// The module github.com/octopus-go/errcode/errretry gives the same advice
// to go-retryablehttp clients.
package errcode

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/octopus-go/errcode/internal/wire"
	"golang.org/x/text/language"
)

// A Code is one documented error row. Its constants are generated from the
// documented tables; the zero Code is no row. A Code is an error whose
// message is its wire code and English message.
type Code uint16

// valid reports whether c is a documented row.
func (c Code) valid() bool { return c > 0 && int(c) < len(rows) }

// row returns c's row, or the empty row 0 when c is not documented.
func (c Code) row() *row {
	if !c.valid() {
		return &rows[0]
	}
	return &rows[c]
}

// String returns the wire code, such as "octopus.107002", or, for an
// undocumented Code, "errcode.Code(N)".
func (c Code) String() string {
	if !c.valid() {
		return "errcode.Code(" + strconv.Itoa(int(c)) + ")"
	}
	return c.row().code
}

// Name returns the name of c's constant, such as "ScenarioNotFound".
func (c Code) Name() string { return c.row().name }

// Status returns the HTTP status documented for c.
func (c Code) Status() int { return c.row().status }

// Message returns c's message in the catalog language closest to tag, as
// [Write] sends it for c: a placeholder, having no value, reads as its bare
// name ("Request params [key:value] is invalid"); see [Code.With].
func (c Code) Message(tag language.Tag) string {
	r := c.row()
	return r.fill(r.message[langIndex(tag)], nil)
}

// Remediation returns what the caller should do about c, in the catalog
// language closest to tag, a placeholder as its bare name.
func (c Code) Remediation(tag language.Tag) string {
	r := c.row()
	return r.fill(r.remediation[langIndex(tag)], nil)
}

// Retryable reports whether the documented policy for c allows a retry of
// some request: its [RetryKind] is not NotRetryable.
func (c Code) Retryable() bool { return c.row().retry != NotRetryable }

// RetryKind returns the documented retry policy of c (docs/retry.txt).
func (c Code) RetryKind() RetryKind { return c.row().retry }

// Error returns the wire code and the English message, such as
// "octopus.107002: Scenario is not exists".
func (c Code) Error() string {
	if !c.valid() {
		return "errcode: undocumented code"
	}
	r := c.row()
	return r.code + ": " + r.fill(r.message[wireLanguage], nil)
}

// Format formats c for package fmt as the error it is: every verb formats
// [Code.Error], as it would for any error, except %d. A Code's number is
// the position of its row in the generated tables, not a wire number, and
// it changes when rows are added; so that it cannot be taken for a code
// such as 107002, %d gives "errcode.Code(N)". To keep or send a Code, use
// its wire code ([Code.String]) or its text ([Code.MarshalText]).
func (c Code) Format(s fmt.State, verb rune) {
	if verb == 'd' {
		fmt.Fprintf(s, "errcode.Code(%d)", uint16(c))
		return
	}
	fmt.Fprintf(s, fmt.FormatString(s, verb), c.Error())
}

// Is reports whether target is a Code or an *Error with c's wire code.
func (c Code) Is(target error) bool { return sameWire(c, target) }

// With returns an *Error for c whose placeholders take the given values,
// in name, value pairs: With("key", "name", "value", "x") fills {key} with
// "name" and {value} with "x". A name that is not one of c's
// [Code.Placeholders] is ignored and logged; see [Error.With]. The generated
// constructors, such as [InvalidRequestParamWith], take exactly the row's
// placeholders.
func (c Code) With(nameValues ...string) *Error { return (&Error{code: c}).With(nameValues...) }

// Placeholders returns the names of the placeholders of c's message and
// remediation, in the order they first appear: ["key", "value"] for
// InvalidRequestParam, none for most rows. These are the names [Code.With]
// takes; a row with placeholders also has a constructor that takes their
// values, such as [InvalidRequestParamWith].
func (c Code) Placeholders() []string { return slices.Clone(c.row().placeholders) }

// Wrap returns an *Error for c that keeps cause for logs and for
// [errors.Unwrap]. The cause's text never appears in a response body.
func (c Code) Wrap(cause error) *Error { return &Error{code: c, cause: cause} }

// Lookup returns the Code documented for a wire code, such as
// "octopus.107002"; for a code documented on several rows, the first.
// It accepts the APIG. alias of an APIGW. code.
func Lookup(code string) (Code, bool) {
	c := lookup(code)
	return c, c != 0
}

// ParseCode returns the Code a person means by s, leniently: a constant's
// name in any case (ScenarioNotFound, scenarionotfound), or a wire code in any case, with or without its
// "octopus." prefix, with APIG. for APIGW. (octopus.107002, 107002,
// APIG.0308). For a code documented on several rows, it returns the first;
// see [Rows]. Use [Lookup] for a wire code as sent.
func ParseCode(s string) (Code, bool) {
	s = strings.TrimSpace(s)
	code := wire.Unalias(strings.ToUpper(s))
	for c := range All() {
		// A name has no dot and does not start with a digit, so it never
		// reads as another row's wire code: one pass finds either.
		w := c.String()
		if strings.EqualFold(s, c.Name()) || strings.EqualFold(code, w) ||
			strings.EqualFold(code, strings.TrimPrefix(w, "octopus.")) {
			return c, true
		}
	}
	return 0, false
}

// Rows returns every row documented for the wire code code, in page order:
// three for octopus.101006, one for most codes, none for an undocumented
// code. It accepts the APIG. alias of an APIGW. code.
func Rows(code string) []Code {
	var cs []Code
	for c := lookup(code); c != 0; c = rows[c].next {
		cs = append(cs, c)
	}
	return cs
}

// MarshalText returns the name of c's constant, such as ScenarioNotFound.
// The name, not the wire code, is c's text because it names one row: the
// three rows of octopus.101006 share their wire code but not their names,
// and a name stays the same when rows are added to the tables. It fails
// for an undocumented Code.
func (c Code) MarshalText() ([]byte, error) {
	if !c.valid() {
		return nil, errors.New("errcode: cannot marshal undocumented code " + strconv.Itoa(int(c)))
	}
	return []byte(c.Name()), nil
}

// UnmarshalText sets *c to the Code that text names, as [ParseCode] reads
// it: a constant's name, or a wire code (the first of its rows).
func (c *Code) UnmarshalText(text []byte) error {
	parsed, ok := ParseCode(string(text))
	if !ok {
		return errors.New("errcode: unknown code " + strconv.Quote(string(text)))
	}
	*c = parsed
	return nil
}

// All returns every documented Code, in the documented order.
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for c := 1; c < len(rows); c++ {
			if !yield(Code(c)) {
				return
			}
		}
	}
}

// sameWire reports whether target is a Code, *Error or *ResponseError whose
// wire code is c's.
func sameWire(c Code, target error) bool {
	t := codeOf(target)
	return c.valid() && t.valid() && rows[c].code == rows[t].code
}

// codeOf returns the Code of a Code, *Error or *ResponseError, and zero
// for any other error. It does not look into wrapped errors.
func codeOf(err error) Code {
	switch e := err.(type) {
	case Code:
		return e
	case *Error:
		if e != nil {
			return e.code
		}
	case *ResponseError:
		if e != nil {
			return e.Code
		}
	}
	return 0
}

// setCode sets *target to c when target is a *Code and c is documented.
func setCode(target any, c Code) bool {
	p, ok := target.(*Code)
	if ok && c.valid() {
		*p = c
	}
	return ok && c.valid()
}
