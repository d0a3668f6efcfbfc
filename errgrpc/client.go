package errgrpc

import (
	"context"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// UnaryClientInterceptor returns an interceptor that turns the status a
// call fails with into an error, as [FromStatus] does, so that callers use
// errors.Is(err, errcode.ScenarioNotFound), errors.As into an
// [errcode.Code] and [errcode.Retryable] as with an HTTP client; status.Code
// still gives the gRPC code. A call that ended because its own context was
// done, with no status of the catalog, returns an error that also matches
// the context's error (errors.Is(err, context.DeadlineExceeded)).
func UnaryClientInterceptor() grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return received(ctx, invoker(ctx, method, req, reply, cc, opts...))
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
			return nil, received(ctx, err)
		}
		return &clientStream{ClientStream: s}, nil
	}
}

// A clientStream turns the statuses its stream fails with into errors.
type clientStream struct {
	grpc.ClientStream
}

// RecvMsg receives a message; io.EOF ends the stream.
func (s *clientStream) RecvMsg(m any) error {
	return received(s.Context(), s.ClientStream.RecvMsg(m))
}

// SendMsg sends a message; io.EOF says the stream ended, and RecvMsg
// returns its status.
func (s *clientStream) SendMsg(m any) error {
	return received(s.Context(), s.ClientStream.SendMsg(m))
}

// Header returns the header metadata the server sent.
func (s *clientStream) Header() (metadata.MD, error) {
	md, err := s.ClientStream.Header()
	return md, received(s.Context(), err)
}

// CloseSend closes the sending side of the stream.
func (s *clientStream) CloseSend() error {
	return received(s.Context(), s.ClientStream.CloseSend())
}

// received returns the error a call with the context ctx returned, its
// status turned into an error: io.EOF and errors without a status as they
// are.
func received(ctx context.Context, err error) error {
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
	if ctxErr := ctx.Err(); ctxErr != nil && st.Code() == status.FromContextError(ctxErr).Code() && detailsOf(st).info == nil {
		return &statusError{st: st, err: ctxErr}
	}
	return FromStatus(st)
}
