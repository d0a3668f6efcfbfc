package errgrpc

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
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
// travels in the response's trailers. A message cuts values to 128 bytes:
// a value cut after more than 128 bytes gives the same message.
const maxValueBytes = 1 << 10

// Status returns the status a gRPC server sends for err, as [errcode.Write]
// answers an HTTP request with it: for the row [errcode.CodeOf] finds, the
// code, message and details the package doc lists, the LocalizedMessage in
// the language of ctx's incoming metadata. It returns nil for nil.
//
// Like Write, it answers an error that is not of the catalog as
// [errcode.InternalServerError] (codes.Internal), a dependency's included
// (see the package doc), and never puts a cause's text in the status; but
// context.Canceled and context.DeadlineExceeded give codes.Canceled and
// codes.DeadlineExceeded, and a status without an ErrorInfo, the
// handler's own (status.Error), passes as it is.
func Status(ctx context.Context, err error) *status.Status {
	st, _ := answer(incoming(ctx), err)
	return st
}

// answer returns the status for err, in the language negotiated from the
// metadata values md returns, and the row it carries, zero for none.
func answer(md func(key string) []string, err error) (*status.Status, errcode.Code) {
	c := errcode.CodeOf(err)
	if c == 0 {
		return nil, 0 // nil, or a nil *errcode.Error
	}
	if c == errcode.InternalServerError {
		if st := kept(err); st != nil {
			return st, 0
		}
	}
	// t gives the texts: the *errcode.Error answered, with its values, or
	// the row.
	var t interface {
		Message(language.Tag) string
		Remediation(language.Tag) string
	} = c
	var e *errcode.Error
	if errors.As(err, &e) && e.Code() == c {
		t = e
	} else {
		e = nil
	}
	tag := negotiate(md)
	info := &errdetails.ErrorInfo{Reason: reason(c.Name()), Domain: Domain, Metadata: map[string]string{
		MetadataCode:        c.String(),
		MetadataRemediation: t.Remediation(tag),
	}}
	if e != nil {
		for _, name := range c.Placeholders() {
			if v, ok := e.Value(name); ok {
				info.Metadata[name] = metadataValue(v)
			}
		}
	}
	details := []protoadapt.MessageV1{info, &errdetails.LocalizedMessage{Locale: tag.String(), Message: t.Message(tag)}}
	if wait, ok := relayedWait(e, c); ok {
		details = append(details, &errdetails.RetryInfo{RetryDelay: durationpb.New(wait)})
	}
	code, msg := codeFor(c.Status()), t.Message(english())
	st, derr := status.New(code, msg).WithDetails(details...)
	if derr != nil { // not for these details, which are valid UTF-8
		return status.New(code, msg), c
	}
	return st, c
}

// relayedWait returns the wait to send with the row c that err is
// answered with: that of the dependency's response whose row c is, when
// the row is retryable and err relays it (e, the *errcode.Error answered,
// wraps it).
func relayedWait(e *errcode.Error, c errcode.Code) (time.Duration, bool) {
	var re *errcode.ResponseError
	if e == nil || c.RetryKind() == errcode.NotRetryable || !errors.As(e, &re) || re.Code != c {
		return 0, false
	}
	return errcode.RetryAfter(re)
}

// kept returns the status of an error that CodeOf answers as
// InternalServerError and that keeps its meaning: a context's error, or a
// status without an ErrorInfo; nil for any other.
func kept(err error) *status.Status {
	var re *errcode.ResponseError
	switch {
	case errors.Is(err, errcode.InternalServerError), errors.As(err, &re):
		return nil // the row itself, or a dependency's error
	case errors.Is(err, context.Canceled):
		return status.New(codes.Canceled, context.Canceled.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.New(codes.DeadlineExceeded, context.DeadlineExceeded.Error())
	}
	st, ok := statusIn(err)
	if !ok || slices.ContainsFunc(st.Details(), func(d any) bool { _, ok := d.(*errdetails.ErrorInfo); return ok }) {
		return nil // none, or some API's server made it and sent it
	}
	return st
}

// metadataValue returns the placeholder value v as ErrorInfo metadata
// holds it, as messages show it: cut to maxValueBytes (before a character
// cut short, when valid) and quoted as strconv.Quote quotes it, less the
// quotes and with '"' as it is, so that [valueOf] gives back its bytes.
func metadataValue(v string) string {
	if len(v) > maxValueBytes {
		n := maxValueBytes
		for i := 1; i < utf8.UTFMax && !utf8.RuneStart(v[n]); i++ {
			n--
		}
		v = v[:n]
	}
	q := strconv.Quote(v)
	return strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
}

// valueOf returns the placeholder value that m, a value of ErrorInfo
// metadata, holds: unquoted, or m itself when metadataValue did not make
// it.
func valueOf(m string) string {
	if v, err := strconv.Unquote(`"` + strings.ReplaceAll(m, `"`, `\"`) + `"`); err == nil {
		return v
	}
	return m
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
// a reason.
func reason(name string) string {
	var buf [64]byte
	return string(appendReason(buf[:0], name))
}

// appendReason appends the reason of the constant name to dst: a word
// starts at an upper-case letter after a lower-case letter or digit, and
// at the last upper-case letter of an acronym followed by a lower-case one
// (HTTPBadRequest: HTTP_BAD_REQUEST).
func appendReason(dst []byte, name string) []byte {
	var prev rune
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) {
			next, _ := utf8.DecodeRuneInString(name[i+utf8.RuneLen(r):])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || unicode.IsUpper(prev) && unicode.IsLower(next) {
				dst = append(dst, '_')
			}
		}
		dst = utf8.AppendRune(dst, unicode.ToUpper(r))
		prev = r
	}
	return dst
}

// rowOf returns the row that info, an ErrorInfo in Domain, names: the row
// of its reason among those of its wire code (among all rows when it has
// none), else the row of its wire code.
func rowOf(info *errdetails.ErrorInfo) (errcode.Code, bool) {
	wire := info.GetMetadata()[MetadataCode]
	var buf [64]byte
	for c := range errcode.All() {
		if (wire == "" || c.String() == wire) && string(appendReason(buf[:0], c.Name())) == info.GetReason() {
			return c, true
		}
	}
	return errcode.Lookup(wire)
}

// statusIn returns the status of the first error in err's chain that has
// one (a GRPCStatus method, as status.FromError looks for), when it is not
// OK. Unlike status.FromError, it keeps the status's own message.
func statusIn(err error) (*status.Status, bool) {
	var gs interface{ GRPCStatus() *status.Status }
	if !errors.As(err, &gs) {
		return nil, false
	}
	st := gs.GRPCStatus()
	return st, st.Code() != codes.OK
}

// details are the details of a status that this package reads.
type details struct {
	info  *errdetails.ErrorInfo // only in Domain
	local *errdetails.LocalizedMessage
	retry *errdetails.RetryInfo
}

// detailsOf returns the first details of each kind in st.
func detailsOf(st *status.Status) details {
	var d details
	for _, x := range st.Details() {
		switch x := x.(type) {
		case *errdetails.ErrorInfo:
			if d.info == nil && x.GetDomain() == Domain {
				d.info = x
			}
		case *errdetails.LocalizedMessage:
			if d.local == nil {
				d.local = x
			}
		case *errdetails.RetryInfo:
			if d.retry == nil {
				d.retry = x
			}
		}
	}
	return d
}
