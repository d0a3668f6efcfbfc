package errcode

import (
	"fmt"
	"log/slog"
)

// Every error of the package logs in one shape, a group with these
// attributes, so that a log index sees one type per field:
//
//	code    the wire code ("octopus.107002"); absent for an error of no row
//	status  the HTTP status of the row, or of the response received
//	params  the placeholder values of an *Error, whole, when it has some
//	text    the error as fmt's %+v renders it: its whole chain, with the
//	        stack trace of a cause that formats one
//
// A Code, an *Error and a *ResponseError give it as their LogValue; LogAttr
// gives it for any error, wrapped or not.

// LogAttr returns err as the log attribute "error", in the shape of the
// package's errors: the code, status and placeholder values of the first
// Code, *Error or *ResponseError in err's chain (as [errors.Is] finds them,
// so a dependency's error keeps its own code here; [CodeOf] says what
// [Write] answers), and the whole error's text as %+v renders it.
//
//	logger.Error("import failed", errcode.LogAttr(err))
func LogAttr(err error) slog.Attr { return slog.Attr{Key: "error", Value: logValue(err)} }

// logValue returns the shape above for err.
func logValue(err error) slog.Value {
	attrs := make([]slog.Attr, 0, 4)
	switch e := find(err).(type) {
	case Code:
		attrs = append(attrs, slog.String("code", e.String()), slog.Int("status", e.Status()))
	case *Error:
		attrs = append(attrs, slog.String("code", e.code.String()), slog.Int("status", e.code.Status()))
		if len(e.params) > 0 {
			params := make([]slog.Attr, 0, len(e.params)/2)
			for i := 0; i+1 < len(e.params); i += 2 {
				params = append(params, slog.String(e.params[i], e.params[i+1]))
			}
			attrs = append(attrs, slog.Attr{Key: "params", Value: slog.GroupValue(params...)})
		}
	case *ResponseError:
		code := e.WireCode
		if e.Code.valid() {
			code = e.Code.String()
		}
		if code != "" {
			attrs = append(attrs, slog.String("code", code))
		}
		attrs = append(attrs, slog.Int("status", e.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("text", fmt.Sprintf("%+v", err)))
	}
	return slog.GroupValue(attrs...)
}

// LogValue returns c for log/slog in the shape of every error of the
// package: its code, status and text.
func (c Code) LogValue() slog.Value { return logValue(c) }

// LogValue returns e for log/slog in the shape of every error of the
// package: its code, status, placeholder values (whole, where a message
// cuts them to 128 bytes) and text with its cause as %+v renders it.
func (e *Error) LogValue() slog.Value { return logValue(e) }

// LogValue returns e for log/slog in the shape of every error of the
// package: the code and status received and its text.
func (e *ResponseError) LogValue() slog.Value { return logValue(e) }
