package errgrpc

import (
	"context"
	"encoding/json"
	"io"
	"math"
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
// [errcode.FromBody] returns the error of an HTTP response: an error that
// wraps a [*errcode.ResponseError] and whose GRPCStatus method returns st.
// It returns nil for a nil or OK status.
//
// A status that [Status] made gives the row's HTTP status and wire code,
// the message of its LocalizedMessage, and its RetryInfo's wait, rounded
// up to whole seconds, as Retry-After; any other status gives the HTTP
// status of its code (runtime.HTTPStatusFromCode: Unavailable is 503) and
// its message, except that ResourceExhausted gives 503, not 429: grpc-go
// itself fails a call with it when the response is larger than the client
// takes, after the server acted, so it is not the refusal a 429 is. The
// request is not known: [errcode.Retryable] allows a retry only of a row
// that allows one whatever the method. Like any ResponseError, the error
// is a dependency's (see [errcode.Relay]).
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
	if st.Code() == codes.ResourceExhausted {
		httpStatus = http.StatusServiceUnavailable // retried only when idempotent, as a row's 429 is not
	}
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
		wait := max(d.retry.GetRetryDelay().AsDuration(), 0)
		h = http.Header{"Retry-After": {strconv.FormatFloat(math.Ceil(wait.Seconds()), 'f', 0, 64)}}
	}
	var b []byte
	if body.Code != "" || body.Message != "" {
		b, _ = json.Marshal(body) // strings always marshal
	}
	return &statusError{st: st, err: errcode.FromBody(httpStatus, h, b, req)}
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
// call fails with into an error, as [FromStatus] does, for a request known
// by its method: one whose proto declares idempotency_level
// NO_SIDE_EFFECTS or IDEMPOTENT (in protoregistry.GlobalFiles) is treated
// as an HTTP GET, any other as a POST, so that [errcode.Retryable] does
// not retry a call that may have been processed. A call that ended because
// its own context was done, or its deadline passed, without a status of
// the catalog, returns an error that matches the context's error
// (errors.Is(err, context.DeadlineExceeded)).
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
	d, _ := protoregistry.GlobalFiles.FindDescriptorByName(name)
	if m, ok := d.(protoreflect.MethodDescriptor); ok {
		o, _ := m.Options().(*descriptorpb.MethodOptions)
		switch o.GetIdempotencyLevel() {
		case descriptorpb.MethodOptions_NO_SIDE_EFFECTS, descriptorpb.MethodOptions_IDEMPOTENT:
			return idempotentCall
		}
	}
	return otherCall
}
