package errgrpc

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/internal/wire"
	"google.golang.org/grpc"
)

// Options say how the server interceptors log and report the errors they
// answer, as [errcode.Options] do for HTTP. The zero value logs each
// answer with a row of HTTP status 500 or more, and each panic, to
// [slog.Default] at level Error.
//
// A record has the message "errgrpc: call failed" and the attributes
// method (the call's full method), code and grpc_code as sent, and error
// (the whole chain, as %+v renders it); or the message "errgrpc: handler
// panicked" and the attributes method, panic and stack. Each text is cut
// to 8 KiB.
type Options struct {
	// Logger receives the records; nil means slog.Default().
	Logger *slog.Logger
	// Observe, when not nil, is called once for each failed call, with
	// its full method, the row the status carries (zero for a status that
	// carries none: a context's error, or a status the handler made) and
	// the handler's error. For a panic, err is an InternalServerError
	// wrapping the panic.
	Observe func(ctx context.Context, method string, c errcode.Code, err error)
}

// UnaryServerInterceptor returns an interceptor that answers a handler's
// error with the status [Status] makes for it, in the language the call's
// metadata asks for, and a panic as [errcode.InternalServerError], its
// value kept out of the status; it logs and reports them as o says.
func (o Options) UnaryServerInterceptor() grpc.UnaryServerInterceptor {
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
// of a stream's handler, and its panic, as [Options.UnaryServerInterceptor]
// does.
func (o Options) StreamServerInterceptor() grpc.StreamServerInterceptor {
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

// answer returns the error of the status for err, which it logs when its
// row is a server failure, and reports.
func (o Options) answer(ctx context.Context, method string, err error) error {
	st, c := answer(incoming(ctx), err)
	if c != 0 && c.Status() >= 500 {
		o.logger().ErrorContext(ctx, "errgrpc: call failed", "method", method,
			"code", c.String(), "grpc_code", st.Code().String(), "error", bounded(fmt.Sprintf("%+v", err)))
	}
	if o.Observe != nil {
		o.Observe(ctx, method, c, err)
	}
	return st.Err()
}

// panicked logs the panic value v of a handler, reports it and returns
// the error to answer with.
func (o Options) panicked(ctx context.Context, method string, v any) error {
	o.logger().ErrorContext(ctx, "errgrpc: handler panicked", "method", method,
		"panic", bounded(fmt.Sprint(v)), "stack", bounded(string(debug.Stack())))
	err := errcode.InternalServerError.Wrap(fmt.Errorf("panic: %v", v))
	if o.Observe != nil {
		o.Observe(ctx, method, errcode.InternalServerError, err)
	}
	st, _ := answer(incoming(ctx), err)
	return st.Err()
}

// maxLogBytes bounds each text of a record, as errcode's HandlerFunc
// bounds its own, so that a call cannot make a record large.
const maxLogBytes = 8 << 10

// bounded returns s cut to maxLogBytes at a character boundary, ending in
// "…" when cut.
func bounded(s string) string {
	if c, cut := wire.Cut(s, maxLogBytes); cut {
		return c + "…"
	}
	return s
}

// logger returns the logger to use, looked up at each use so that a later
// slog.SetDefault applies.
func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}
