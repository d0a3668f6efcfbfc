package errgrpc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/octopus-go/errcode"
	"google.golang.org/grpc"
)

// An Option configures a server interceptor.
type Option func(*options)

type options struct {
	logger *slog.Logger
}

// WithLogger makes a server interceptor log to l instead of
// [slog.Default].
func WithLogger(l *slog.Logger) Option {
	return func(o *options) { o.logger = l }
}

func newOptions(opts []Option) *options {
	o := &options{}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// log returns the logger to use, looked up at each use so that a later
// slog.SetDefault applies.
func (o *options) log() *slog.Logger {
	if o.logger != nil {
		return o.logger
	}
	return slog.Default()
}

// UnaryServerInterceptor returns an interceptor that answers the error of
// a handler with the status [Status] makes for it, in the language the
// call's metadata asks for. An error answered with a row of HTTP status
// 500 or more (foreign errors included) is logged once, at Error level,
// with the method, the wire code and the whole error; a panic is logged
// with its value and stack and answered as [errcode.InternalServerError],
// its value kept out of the status.
func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	o := newOptions(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if v := recover(); v != nil {
				resp, err = nil, o.panicked(ctx, info.FullMethod, v)
			}
		}()
		resp, err = handler(ctx, req)
		if err != nil {
			return resp, o.answer(ctx, info.FullMethod, err)
		}
		return resp, nil
	}
}

// StreamServerInterceptor returns an interceptor that answers the error
// of a stream's handler, and its panic, as [UnaryServerInterceptor] does.
func StreamServerInterceptor(opts ...Option) grpc.StreamServerInterceptor {
	o := newOptions(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = o.panicked(ss.Context(), info.FullMethod, v)
			}
		}()
		if err := handler(srv, ss); err != nil {
			return o.answer(ss.Context(), info.FullMethod, err)
		}
		return nil
	}
}

// answer logs err if it is answered as a server failure and returns the
// error of its status.
func (o *options) answer(ctx context.Context, method string, err error) error {
	st := Status(ctx, err)
	if c := errcode.CodeOf(err); c.Status() >= 500 && st.Code() == codeFor(c.Status()) {
		o.log().ErrorContext(ctx, "errgrpc: call failed", "method", method,
			"code", c.String(), "grpc_code", st.Code().String(), "error", fmt.Sprintf("%+v", err))
	}
	return st.Err()
}

// panicked logs the panic value v of a handler and returns the error to
// answer with.
func (o *options) panicked(ctx context.Context, method string, v any) error {
	o.log().ErrorContext(ctx, "errgrpc: handler panicked", "method", method,
		"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
	return Status(ctx, errcode.InternalServerError.Wrap(errors.New("panic"))).Err()
}
