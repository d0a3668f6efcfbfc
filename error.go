package errcode

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// An Error is a Code with values for its row's placeholders and a cause.
// It is immutable: With and Wrap return a new *Error. A nil *Error is no
// error.
type Error struct {
	code   Code
	params []string // name, value pairs, in the order given
	cause  error
}

// With returns a copy of e whose placeholders also take the given values,
// in name, value pairs; a value given again for a name replaces the old
// one. A name that is not one of the row's [Code.Placeholders], and a last
// name without a value, are ignored.
func (e *Error) With(nameValues ...string) *Error {
	n := e.clone()
	names := n.code.row().placeholders
	for i := 0; i+1 < len(nameValues); i += 2 {
		if slices.Contains(names, nameValues[i]) {
			// A full slice expression makes append copy, never share, e's params.
			n.params = append(n.params[:len(n.params):len(n.params)], nameValues[i], nameValues[i+1])
		}
	}
	return n
}

// Wrap returns a copy of e with cause as its cause, for logs and for
// [errors.Unwrap]; its text never appears in a response body.
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

// Value returns the value e gives the placeholder name.
func (e *Error) Value(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	return param(e.params, name)
}

// Status returns the HTTP status documented for e's Code.
func (e *Error) Status() int { return e.Code().Status() }

// Message returns e's message in the catalog language closest to tag: each
// placeholder with a value filled with it, cut to 128 bytes, its
// characters that do not print escaped as in a Go string literal; one
// without a value marked, {name}.
func (e *Error) Message(tag language.Tag) string {
	return e.fill(e.Code().row().message[langIndex(tag)])
}

// Remediation returns what the caller should do about e in the catalog
// language closest to tag, its placeholders filled as Message fills them.
func (e *Error) Remediation(tag language.Tag) string {
	return e.fill(e.Code().row().remediation[langIndex(tag)])
}

// Error returns the wire code, the English message with its placeholders
// filled and, if e has one, the cause's text, unless that text starts with
// the same code and message: a line for developers and logs, never for a
// response body.
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	head := e.head()
	if e.cause == nil {
		return head
	}
	cause := e.cause.Error()
	if strings.HasPrefix(cause, head) {
		return cause // such as a relayed response's, which says it itself
	}
	return head + ": " + cause
}

// Format formats e for fmt as Error does, except that %+v formats the
// cause with %+v, so that a cause that keeps a stack trace prints it.
func (e *Error) Format(s fmt.State, verb rune) {
	switch {
	case verb == 'v' && s.Flag('+') && e != nil && e.cause != nil:
		if head := e.head(); !strings.HasPrefix(e.cause.Error(), head) {
			io.WriteString(s, head+": ")
		}
		fmt.Fprintf(s, "%+v", e.cause)
	case verb == 'q':
		fmt.Fprintf(s, "%q", e.Error())
	default:
		io.WriteString(s, e.Error())
	}
}

// head returns e's wire code and English message, its placeholders filled.
func (e *Error) head() string {
	return e.code.String() + ": " + e.fill(e.code.row().message[wireLanguage])
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
