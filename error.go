package errcode

import (
	"fmt"
	"io"

	"golang.org/x/text/language"
)

// An Error is a Code with values for its row's placeholders and a cause.
// It is immutable: With and Wrap return a new *Error and leave e unchanged.
// A nil *Error is no error.
type Error struct {
	code   Code
	params []string // name, value pairs, in the order given
	cause  error
}

// With returns a copy of e whose placeholders also take the given values,
// in name, value pairs; a value given again for a name replaces the old one.
// In messages a value is cut to 128 bytes, and a placeholder without a value
// reads as its bare name. The names a row takes are its
// [Code.Placeholders]; a row with placeholders also has a constructor that
// takes exactly them, such as [InvalidRequestParamWith].
//
// A name that is not one of the row's placeholders, or a final name without
// a value, is a mistake: With ignores it and logs it, once per call, as a
// Warn line through slog.Default() that names the row, the names ignored and
// the caller's file and line.
func (e *Error) With(nameValues ...string) *Error {
	n := e.clone()
	pairs := placeholderPairs(n.code, nameValues)
	// A full slice expression makes append copy, never share, e's params.
	n.params = append(n.params[:len(n.params):len(n.params)], pairs...)
	return n
}

// Wrap returns a copy of e with cause as its cause. The cause is for logs
// and for [errors.Unwrap] and [errors.As]; its text never appears in a
// response body.
func (e *Error) Wrap(cause error) *Error {
	n := e.clone()
	n.cause = cause
	return n
}

func (e *Error) clone() *Error {
	if e == nil {
		return &Error{}
	}
	n := *e
	return &n
}

// Code returns e's Code.
func (e *Error) Code() Code {
	if e == nil {
		return 0
	}
	return e.code
}

// Value returns the value e gives the placeholder name, the last one when
// it was given more than once.
func (e *Error) Value(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	return param(e.params, name)
}

// Status returns the HTTP status documented for e's Code.
func (e *Error) Status() int { return e.Code().Status() }

// Message returns e's message in the catalog language closest to tag, with
// its placeholders filled.
func (e *Error) Message(tag language.Tag) string {
	return e.expand(e.Code().row().message[langIndex(tag)])
}

// Remediation returns what the caller should do about e in the catalog
// language closest to tag, with its placeholders filled.
func (e *Error) Remediation(tag language.Tag) string {
	return e.expand(e.Code().row().remediation[langIndex(tag)])
}

func (e *Error) expand(text string) string {
	if e == nil {
		return text
	}
	return e.code.row().fill(text, e.params)
}

// Error returns the wire code, the English message with its placeholders
// filled and, if e has one, the cause's text: a line for developers and
// logs, never for a response body.
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := e.head()
	if e.cause != nil {
		s += ": " + e.cause.Error()
	}
	return s
}

// Format formats e for fmt: %v and %s give [Error.Error], %q quotes it,
// and %+v gives the code and message, then the cause as %+v renders it, so
// that a cause that keeps a stack trace prints it.
func (e *Error) Format(s fmt.State, verb rune) {
	switch {
	case verb == 'v' && s.Flag('+') && e != nil && e.cause != nil:
		io.WriteString(s, e.head())
		fmt.Fprintf(s, ": %+v", e.cause)
	case verb == 'q':
		fmt.Fprintf(s, "%q", e.Error())
	default:
		io.WriteString(s, e.Error())
	}
}

// head returns e's wire code and English message, its placeholders filled.
func (e *Error) head() string {
	return e.code.String() + ": " + e.expand(e.code.row().message[wireLanguage])
}

// Unwrap returns e's cause.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.cause
}

// Is reports whether target is a Code, *Error or *ResponseError with e's
// wire code.
func (e *Error) Is(target error) bool { return sameWire(e.Code(), target) }

// As sets *target to e's Code when target is a *Code, so that errors.As
// finds the exact row of an *Error in a chain.
func (e *Error) As(target any) bool { return setCode(target, e.Code()) }
