package errgrpc

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Domain is the domain of the [errdetails.ErrorInfo] of every status that
// [Status] makes: the reason of an ErrorInfo names a row of the catalog
// only in this domain.
const Domain = "octopus.myhuaweicloud.com"

// Keys of the [errdetails.ErrorInfo] metadata that [Status] sets besides
// the row's placeholder values.
const (
	// MetadataCode is the key of the wire code, such as "octopus.107002",
	// as the error_code of an HTTP body.
	MetadataCode = "errorCode"
	// MetadataRemediation is the key of what the caller should do, in the
	// language of the status's [errdetails.LocalizedMessage].
	MetadataRemediation = "remediation"
)

// maxValueBytes caps a placeholder value in ErrorInfo metadata, which
// travels in the response's trailers. A message cuts values to 128 bytes;
// a value cut after more than 128 bytes gives the same message.
const maxValueBytes = 1 << 10

// Status returns the status a gRPC server sends for err, as [errcode.Write]
// answers an HTTP request with it: for the row [errcode.CodeOf] finds,
//   - the gRPC code of the row's HTTP status (see the package doc);
//   - the row's English message, placeholders filled, as the message;
//   - an [errdetails.ErrorInfo] in [Domain] whose reason is the row's
//     constant name in UPPER_SNAKE_CASE (SCENARIO_NOT_FOUND for
//     ScenarioNotFound) and whose metadata holds the wire code
//     ([MetadataCode]), the remediation ([MetadataRemediation]) and the
//     placeholder values of an [*errcode.Error], by placeholder name;
//   - an [errdetails.LocalizedMessage] in the language negotiated from
//     ctx's incoming metadata: x-language, then accept-language, as
//     [errcode.Negotiate] reads the X-Language and Accept-Language headers;
//   - an [errdetails.RetryInfo] when the row is retryable and relayed with
//     [errcode.Relay] from a dependency's response that asked for a wait
//     (its Retry-After, or its own RetryInfo): the only wait the catalog
//     knows.
//
// Like Write, Status answers any error that is not from the catalog as
// [errcode.InternalServerError], with codes.Internal: a dependency's
// [*errcode.ResponseError] too, such as the errors [UnaryClientInterceptor]
// returns, unless the handler relays it. It never puts the
// text of a cause in the status. Three kinds of foreign error keep their
// meaning: [context.Canceled] and [context.DeadlineExceeded] give
// codes.Canceled and codes.DeadlineExceeded, with the context's own text,
// and an error made with the status package (status.Error) gives its
// status as it is: it is the server's own, as the statuses of its
// dependencies are answered as theirs once the client interceptor has
// turned them into errors. Status returns nil, the OK status, for nil.
func Status(ctx context.Context, err error) *status.Status {
	if err == nil {
		return nil
	}
	c := errcode.CodeOf(err)
	if c == 0 {
		return nil // a nil *errcode.Error
	}
	if c == errcode.InternalServerError && foreign(err) {
		if st := foreignStatus(err); st != nil {
			return st
		}
	}
	var e *errcode.Error
	if !errors.As(err, &e) || e.Code() != c {
		e = nil
	}
	r := &rowInfo[c]
	tag := negotiate(ctx)
	wait := relayedWait(err, c, e)
	if wait == 0 && !hasValues(e, r) {
		// The row's own texts: details marshaled once per row and language.
		return status.FromProto(&spb.Status{Code: int32(r.code), Message: r.message, Details: r.details(c, tag)})
	}
	var info *errdetails.ErrorInfo
	var msg, local string
	if e == nil {
		msg, local = c.Message(english), c.Message(tag)
		info = r.errorInfo(c, c.Remediation(tag))
	} else {
		msg, local = e.Message(english), e.Message(tag)
		info = r.errorInfo(c, e.Remediation(tag))
		for _, name := range r.placeholders {
			if v, ok := e.Value(name); ok {
				info.Metadata[name] = metadataValue(v)
			}
		}
	}
	details := []protoadapt.MessageV1{info, &errdetails.LocalizedMessage{Locale: locale(tag), Message: local}}
	if wait > 0 {
		details = append(details, &errdetails.RetryInfo{RetryDelay: durationpb.New(wait)})
	}
	st, derr := status.New(r.code, msg).WithDetails(details...)
	if derr != nil { // not for these details, which always marshal
		return status.New(r.code, msg)
	}
	return st
}

// hasValues reports whether e gives a value to a placeholder of its row r.
func hasValues(e *errcode.Error, r *rowData) bool {
	if e == nil {
		return false
	}
	for _, name := range r.placeholders {
		if _, ok := e.Value(name); ok {
			return true
		}
	}
	return false
}

// relayedWait returns the wait to send with the row c that err is
// answered with: that of the dependency's response whose row c is, when
// the row is retryable and err relays it (e, the *errcode.Error answered,
// wraps it); else zero.
func relayedWait(err error, c errcode.Code, e *errcode.Error) time.Duration {
	if e == nil || c.RetryKind() == errcode.NotRetryable {
		return 0
	}
	return dependencyWait(e, c)
}

// dependencyWait returns the wait of the *errcode.ResponseError with the
// row c in e's chain, or zero.
func dependencyWait(e *errcode.Error, c errcode.Code) time.Duration {
	var re *errcode.ResponseError
	if !errors.As(e, &re) || re.Code != c {
		return 0
	}
	wait, _ := errcode.RetryAfter(re)
	return wait
}

// english is the catalog's English, exactly, so that messages need no
// matching.
var english = errcode.Languages()[0]

// foreign reports whether err, which [errcode.CodeOf] answers as
// InternalServerError, holds no error of the catalog: neither that row
// nor a dependency's [*errcode.ResponseError].
func foreign(err error) bool {
	var re *errcode.ResponseError
	return !errors.Is(err, errcode.InternalServerError) && !errors.As(err, &re)
}

// foreignStatus returns the status for a foreign error that keeps its
// meaning, or nil for one answered as InternalServerError.
func foreignStatus(err error) *status.Status {
	switch {
	case errors.Is(err, context.Canceled):
		return status.New(codes.Canceled, context.Canceled.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.New(codes.DeadlineExceeded, context.DeadlineExceeded.Error())
	}
	if st, ok := statusIn(err); ok {
		return st
	}
	return nil
}

// metadataValue returns the placeholder value v as ErrorInfo metadata
// holds it: cut to maxValueBytes at a character boundary, each invalid
// UTF-8 byte made U+FFFD, as messages show it.
func metadataValue(v string) string {
	if len(v) > maxValueBytes {
		n := maxValueBytes
		for n > 0 && !utf8.RuneStart(v[n]) {
			n--
		}
		v = v[:n]
	}
	if utf8.ValidString(v) {
		return v
	}
	var b strings.Builder
	for _, r := range v {
		b.WriteRune(r)
	}
	return b.String()
}

// rowData is what Status sends for one row, computed once.
type rowData struct {
	code         codes.Code
	reason       string
	message      string // in English, as documented
	placeholders []string
	// cached holds, per catalog language, the row's ErrorInfo and
	// LocalizedMessage without placeholder values, marshaled on first use.
	cached []atomic.Pointer[[]*anypb.Any]
}

// errorInfo returns the ErrorInfo of row c, with remediation and without
// placeholder values.
func (r *rowData) errorInfo(c errcode.Code, remediation string) *errdetails.ErrorInfo {
	m := make(map[string]string, 2+len(r.placeholders))
	m[MetadataCode] = c.String()
	m[MetadataRemediation] = remediation
	return &errdetails.ErrorInfo{Reason: r.reason, Domain: Domain, Metadata: m}
}

// details returns the details of row c without placeholder values, in
// the language tag, marshaled. They are shared: status.FromProto copies
// them.
func (r *rowData) details(c errcode.Code, tag language.Tag) []*anypb.Any {
	p := &r.cached[max(langIndex(tag), 0)]
	if d := p.Load(); d != nil {
		return *d
	}
	info, err1 := anypb.New(r.errorInfo(c, c.Remediation(tag)))
	local, err2 := anypb.New(&errdetails.LocalizedMessage{Locale: locale(tag), Message: c.Message(tag)})
	if err1 != nil || err2 != nil {
		return nil // not for the catalog's texts, which are valid UTF-8
	}
	d := []*anypb.Any{info, local}
	p.Store(&d)
	return d
}

// rowInfo holds each row's rowData, indexed by its Code; byReason maps
// each reason back to its row.
var rowInfo, byReason = buildRows()

func buildRows() ([]rowData, map[string]errcode.Code) {
	var info []rowData
	byReason := make(map[string]errcode.Code)
	for c := range errcode.All() {
		for len(info) <= int(c) {
			info = append(info, rowData{})
		}
		info[c] = rowData{
			code:         codeFor(c.Status()),
			reason:       reason(c.Name()),
			message:      c.Message(english),
			placeholders: c.Placeholders(),
			cached:       make([]atomic.Pointer[[]*anypb.Any], len(catalogTags)),
		}
		byReason[info[c].reason] = c
	}
	return info, byReason
}

// codeFor returns the gRPC code for an HTTP status, by the mapping of
// google.rpc.Code, and for the statuses it does not name as the package
// doc says.
func codeFor(httpStatus int) codes.Code {
	switch httpStatus {
	case 400, 413, 414, 431, 494:
		return codes.InvalidArgument
	case 401:
		return codes.Unauthenticated
	case 403:
		return codes.PermissionDenied
	case 404:
		return codes.NotFound
	case 405, 412, 428:
		return codes.FailedPrecondition
	case 409:
		return codes.Aborted
	case 429:
		return codes.ResourceExhausted
	case 499:
		return codes.Canceled
	case 501:
		return codes.Unimplemented
	case 502, 503:
		return codes.Unavailable
	case 504:
		return codes.DeadlineExceeded
	}
	if httpStatus >= 400 && httpStatus < 500 {
		return codes.FailedPrecondition
	}
	return codes.Internal
}

// reason returns a constant's name in UPPER_SNAKE_CASE, as AIP-193 wants
// a reason: a word starts at an upper-case letter after a lower-case
// letter or digit, and at the last upper-case letter of an acronym
// followed by a lower-case one (HTTPBadRequest: HTTP_BAD_REQUEST).
func reason(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || unicode.IsUpper(prev) && nextLower {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
