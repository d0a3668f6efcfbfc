package errgrpc

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
)

// FromStatus returns the error a client received as st, as
// [errcode.FromResponse] returns the error of an HTTP response: an error
// whose chain holds a [*errcode.ResponseError] and whose GRPCStatus method
// returns st, so that status.Code and status.FromError still see st. It
// returns nil for a nil or OK status.
//
// For a status that [Status] made (an [errdetails.ErrorInfo] in [Domain]),
// the ResponseError has the row's HTTP status, its wire code, the message
// of the [errdetails.LocalizedMessage] (else the status's), and the wait of
// an [errdetails.RetryInfo], in whole seconds rounded up, as Retry-After
// gives it, so that errors.Is, [errcode.Retryable] and
// [errcode.RetryAfter] answer as for an HTTP response. Any other status
// gives a ResponseError without a row, whose status is the HTTP
// equivalent of the gRPC code (runtime.HTTPStatusFromCode: Unavailable is
// 503, DeadlineExceeded 504) and whose message is the status's.
//
// The request is not known, so that Retryable allows a retry only where
// any request may be retried; the client interceptors know the method
// and tell whether it is idempotent.
//
// Like any ResponseError, the error is a dependency's: a server that
// returns it answers with [errcode.InternalServerError] unless it calls
// [errcode.Relay].
func FromStatus(st *status.Status) error {
	return fromStatus(st, nil)
}

// fromStatus returns FromStatus(st) for a call that req stands for, or
// for an unknown call when req is nil.
func fromStatus(st *status.Status, req *http.Request) error {
	if st.Code() == codes.OK {
		return nil
	}
	httpStatus := runtime.HTTPStatusFromCode(st.Code())
	var body struct {
		Code    string `json:"error_code,omitempty"`
		Message string `json:"error_msg"`
	}
	body.Message = st.Message()
	d := detailsOf(st)
	if d.info != nil {
		body.Code = d.info.GetMetadata()[MetadataCode]
		if c, ok := rowOf(d.info); ok {
			httpStatus, body.Code = c.Status(), c.String()
		}
		if d.local.GetMessage() != "" {
			body.Message = d.local.GetMessage()
		}
	}
	var h http.Header
	if d.retry != nil {
		h = http.Header{"Retry-After": {seconds(d.retry.GetRetryDelay().AsDuration())}}
	}
	var b []byte
	if body.Code != "" || body.Message != "" {
		b, _ = json.Marshal(body) // strings always marshal
	}
	return &statusError{st: st, err: errcode.FromBody(httpStatus, h, b, req)}
}

// seconds returns d in whole seconds, rounded up, for a Retry-After
// header: "0" for a wait of zero or less.
func seconds(d time.Duration) string {
	s := int64(max(d, 0) / time.Second)
	if d%time.Second > 0 {
		s++
	}
	return strconv.FormatInt(s, 10)
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

// UnaryClientInterceptor returns an interceptor that turns the status a
// call fails with into an error, as [FromStatus] does, so that callers use
// errors.Is(err, errcode.ScenarioNotFound) and [errcode.Retryable] as with
// an HTTP client; status.Code still gives the gRPC code.
//
// The call's method is idempotent when its proto declares
// idempotency_level NO_SIDE_EFFECTS or IDEMPOTENT (as found in
// protoregistry.GlobalFiles); Retryable then answers as for an HTTP GET,
// and for any other method as for a POST: a row whose request may have
// been processed (RetryIdempotent) is not retried.
//
// A call that ended because its own context was done, or its deadline
// passed, with no status of the catalog, returns an error that also
// matches the context's error (errors.Is(err, context.DeadlineExceeded)).
func UnaryClientInterceptor() grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return received(ctx, method, invoker(ctx, method, req, reply, cc, opts...))
	}
}

// StreamClientInterceptor returns an interceptor that turns the statuses
// a stream fails with into errors, as [UnaryClientInterceptor] does: when
// the stream is created and from its RecvMsg, SendMsg, Header and
// CloseSend. io.EOF, the end of a stream, stays io.EOF.
func StreamClientInterceptor() grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		s, err := streamer(ctx, desc, cc, method, opts...)
		if err != nil {
			return nil, received(ctx, method, err)
		}
		return &clientStream{ClientStream: s, method: method}, nil
	}
}

// A clientStream turns the statuses its stream fails with into errors.
type clientStream struct {
	grpc.ClientStream
	method string
}

// RecvMsg receives a message; io.EOF ends the stream.
func (s *clientStream) RecvMsg(m any) error {
	return received(s.Context(), s.method, s.ClientStream.RecvMsg(m))
}

// SendMsg sends a message; io.EOF says the stream ended, and RecvMsg
// returns its status.
func (s *clientStream) SendMsg(m any) error {
	return received(s.Context(), s.method, s.ClientStream.SendMsg(m))
}

// Header returns the header metadata the server sent.
func (s *clientStream) Header() (metadata.MD, error) {
	md, err := s.ClientStream.Header()
	return md, received(s.Context(), s.method, err)
}

// CloseSend closes the sending side of the stream.
func (s *clientStream) CloseSend() error {
	return received(s.Context(), s.method, s.ClientStream.CloseSend())
}

// received returns the error a call of method with the context ctx
// returned, its status turned into an error: io.EOF and errors without a
// status as they are.
func received(ctx context.Context, method string, err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	if _, ok := err.(*statusError); ok {
		return err // turned already, by another of these interceptors
	}
	st, ok := statusIn(err)
	if !ok {
		return err // no status, or an OK one: nothing to turn
	}
	if ctxErr := done(ctx); ctxErr != nil && st.Code() == status.FromContextError(ctxErr).Code() && detailsOf(st).info == nil {
		return &statusError{st: st, err: ctxErr}
	}
	return fromStatus(st, request(method))
}

// done returns ctx's error, or context.DeadlineExceeded once its deadline
// has passed: grpc-go ends a call at its deadline, which may come before
// ctx's timer fires.
func done(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// The requests that stand for a call of an idempotent method, and of any
// other, for errcode.FromBody.
var (
	idempotentCall = &http.Request{Method: http.MethodGet}
	otherCall      = &http.Request{Method: http.MethodPost}
)

// request returns the request that stands for a call of method, a full
// method name such as "/grpc.health.v1.Health/Check".
func request(method string) *http.Request {
	name := protoreflect.FullName(strings.ReplaceAll(strings.TrimPrefix(method, "/"), "/", "."))
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(name)
	if err != nil {
		return otherCall
	}
	if m, ok := d.(protoreflect.MethodDescriptor); ok {
		if o, ok := m.Options().(*descriptorpb.MethodOptions); ok {
			switch o.GetIdempotencyLevel() {
			case descriptorpb.MethodOptions_NO_SIDE_EFFECTS, descriptorpb.MethodOptions_IDEMPOTENT:
				return idempotentCall
			}
		}
	}
	return otherCall
}
