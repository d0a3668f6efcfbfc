package errgrpc

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// FromStatus returns the error a client received as st, as
// [errcode.FromResponse] returns the error of an HTTP response: an error
// whose chain holds a [*errcode.ResponseError] and whose GRPCStatus method
// returns st, so that status.Code and status.FromError still see st. It
// returns nil for a nil or OK status.
//
// For a status that [Status] made (an [errdetails.ErrorInfo] in [Domain]),
// the ResponseError has the exact row (errors.As into an [errcode.Code]
// finds it; errors.Is matches its wire code), the row's HTTP status, the
// wire code, the message of the [errdetails.LocalizedMessage] (else the
// status's message) and the wait of an [errdetails.RetryInfo], so that
// [errcode.Retryable] and [errcode.RetryAfter] answer as for an HTTP
// response. Any other status gives a ResponseError without a row, whose
// status is the HTTP equivalent of the gRPC code (runtime.HTTPStatusFromCode:
// Unavailable is 503, DeadlineExceeded 504) and whose message is the
// status's.
//
// Like any ResponseError, the error is a dependency's: a server that
// returns it answers with [errcode.InternalServerError] unless it calls
// [errcode.Relay].
func FromStatus(st *status.Status) error {
	if st.Code() == codes.OK {
		return nil
	}
	re := &errcode.ResponseError{
		StatusCode: runtime.HTTPStatusFromCode(st.Code()),
		Message:    st.Message(),
	}
	d := detailsOf(st)
	if d.info != nil {
		re.WireCode = d.info.GetMetadata()[MetadataCode]
		if c, ok := byReason[d.info.GetReason()]; ok {
			re.Code, re.StatusCode, re.WireCode = c, c.Status(), c.String()
		} else if c, ok := errcode.Lookup(re.WireCode); ok {
			re.Code, re.StatusCode = c, c.Status()
		}
		if d.local != nil && d.local.GetMessage() != "" {
			re.Message = d.local.GetMessage()
		}
	}
	// A ResponseError is made by FromBody, which keeps the wait.
	h := http.Header{}
	if d.retry != nil {
		secs := (max(d.retry.GetRetryDelay().AsDuration(), 0) + time.Second - 1) / time.Second
		h.Set("Retry-After", strconv.FormatInt(int64(secs), 10))
	}
	body, _ := json.Marshal(map[string]string{"error_code": re.WireCode, "error_msg": re.Message})
	made := errcode.FromBody(re.StatusCode, h, body, nil).(*errcode.ResponseError)
	made.Code, made.Excerpt = re.Code, ""
	return &statusError{st: st, err: made}
}

// A statusError is an error a client received: a [*errcode.ResponseError],
// or a context's error for a call that ended because its context did,
// with the status as received.
type statusError struct {
	st  *status.Status
	err error
}

// Error returns the text of the error it wraps.
func (e *statusError) Error() string { return e.err.Error() }

// Unwrap returns the *errcode.ResponseError or the context's error.
func (e *statusError) Unwrap() error { return e.err }

// GRPCStatus returns the status as received, for status.FromError and
// status.Code.
func (e *statusError) GRPCStatus() *status.Status { return e.st }

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
