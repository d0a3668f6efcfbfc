// Package errcode speaks the error codes of Octopus, Huawei Cloud's
// autonomous-driving service, and of the API gateway in front of it.
//
// Every documented error is a constant of type [Code]: [ScenarioNotFound]
// is octopus.107002, HTTP 404, "Scenario is not exists". A Code is an
// error. A service returns it, fills a row's placeholders with its
// generated constructor, or keeps a cause for its logs with Wrap:
//
//	return errcode.ScenarioNotFound.Wrap(err)
//	return errcode.InvalidRequestParamWith("name", v)
//
// # Services
//
// Three functions answer a request with an error: the row's HTTP status
// and the body {"error_code":"octopus.107002","error_msg":"Scenario is not
// exists"}, in the request's language. Choose by what the code has:
//
//   - a handler that returns its error: [HandlerFunc], which also aborts a
//     response already started and logs each failure once ([Options]);
//   - the ResponseWriter and the request: [ServeError];
//   - only the ResponseWriter, inside [Localize]: [Write].
//
// An error that is not from the catalog is answered as
// [InternalServerError], without its text; so is a [*ResponseError]
// decoded from a dependency, unless the handler passes it on with [Relay].
// [CodeOf] says which Code an error is answered with, for metrics.
//
// # Clients
//
// [FromResponse] turns an error response into a [*ResponseError];
// [errors.Is] matches it, like any error of the package, by wire code:
// errors.Is(err, errcode.ScenarioNotFound). [Retryable] and [RetryAfter]
// say whether and when to send the request again.
//
// # Languages
//
// Each row has its message and remediation in English, the documented wire
// text, and Chinese ([Languages]). A request asks for one with Huawei
// Cloud's X-Language header (zh-cn, en-us) or with Accept-Language, as
// [Negotiate] reads them; English is the default.
package errcode

import (
	"errors"
	"iter"
	"slices"
	"strconv"

	"golang.org/x/text/language"
)

// A Code is one documented error row. Its constants are generated from the
// documented tables; the zero Code is no row. A Code is an error whose
// text is its wire code and English message.
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

// Message returns c's message, as documented, in the catalog language
// closest to tag, its placeholders marked: "Request params [{key}:{value}]
// is invalid".
func (c Code) Message(tag language.Tag) string { return c.row().message[langIndex(tag)] }

// Remediation returns what the caller should do about c, as documented, in
// the catalog language closest to tag.
func (c Code) Remediation(tag language.Tag) string { return c.row().remediation[langIndex(tag)] }

// Placeholders returns the names of the placeholders of c's message and
// remediation, in order: ["key", "value"] for InvalidRequestParam, none for
// most rows. A row with placeholders has a generated constructor that
// fills them, such as [InvalidRequestParamWith].
func (c Code) Placeholders() []string { return slices.Clone(c.row().placeholders) }

// RetryKind returns the documented retry policy of c (docs/retry.txt).
func (c Code) RetryKind() RetryKind { return c.row().retry }

// Error returns the wire code and the English message, such as
// "octopus.107002: Scenario is not exists".
func (c Code) Error() string {
	if !c.valid() {
		return c.String() + ": undocumented code"
	}
	return c.row().code + ": " + c.row().message[wireLanguage]
}

// Is reports whether target is a Code, *Error or *ResponseError with c's
// wire code.
func (c Code) Is(target error) bool { return sameWire(c, target) }

// With returns an *Error for c whose placeholders take the given values,
// in name, value pairs: With("key", "name", "value", "x") fills {key} with
// "name" and {value} with "x". A name that is not one of c's
// [Code.Placeholders], and a last name without a value, are ignored. The
// generated constructors, such as [InvalidRequestParamWith], take exactly
// the row's placeholders.
func (c Code) With(nameValues ...string) *Error { return (&Error{code: c}).With(nameValues...) }

// Wrap returns an *Error for c that keeps cause for logs and for
// [errors.Unwrap]. The cause's text never appears in a response body.
func (c Code) Wrap(cause error) *Error { return &Error{code: c, cause: cause} }

// MarshalText returns the name of c's constant, such as ScenarioNotFound:
// unlike the wire code, it names one row (octopus.101006 has three). It
// fails for an undocumented Code.
func (c Code) MarshalText() ([]byte, error) {
	if !c.valid() {
		return nil, errors.New("errcode: cannot marshal undocumented " + c.String())
	}
	return []byte(c.Name()), nil
}

// UnmarshalText sets *c to the Code that text names: a constant's name,
// such as ScenarioNotFound, or a wire code as [Lookup] takes it.
func (c *Code) UnmarshalText(text []byte) error {
	s := string(text)
	if code, ok := Lookup(s); ok {
		*c = code
		return nil
	}
	for code := range All() {
		if code.Name() == s {
			*c = code
			return nil
		}
	}
	return errors.New("errcode: unknown code " + strconv.Quote(s))
}

// Lookup returns the Code documented for a wire code as sent, such as
// "octopus.107002", or its APIG. alias for an APIGW. code; for a code
// documented on several rows, the first.
func Lookup(code string) (Code, bool) {
	c := lookup(code)
	return c, c != 0
}

// All returns every documented Code, in the documented order.
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for c := Code(1); c.valid(); c++ {
			if !yield(c) {
				return
			}
		}
	}
}
