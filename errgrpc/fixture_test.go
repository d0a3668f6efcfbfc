package errgrpc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
)

// secret is text that must never reach a client.
const secret = "s3cr3t-password"

// Services the test health server fails for, besides the constant name of
// every row, which it answers with that Code.
const (
	svcValues     = "values"     // InvalidRequestParam with placeholder values
	svcWrapped    = "wrapped:"   // prefix of a row name: that row wrapping a secret cause
	svcValue      = "value:"     // prefix of an index of hostileValues: InvalidRequestParam with that value
	svcForeign    = "foreign"    // an error not from the catalog, with a secret
	svcPanic      = "panic"      // a panic with a secret
	svcCanceled   = "canceled"   // a context.Canceled, with a secret around it
	svcDeadline   = "deadline"   // a context.DeadlineExceeded, with a secret around it
	svcStatus     = "status"     // the server's own status.Error
	svcDependency = "dependency" // a dependency's TokenExpired, as the client interceptor returns it
	svcRelay      = "relay"      // a dependency's ServiceBusy-like row, relayed, with a wait
	svcBlock      = "block"      // the context's error, once the call's context is done
	svcThirdParty = "thirdparty" // a third party's status, with an ErrorInfo naming its project
	svcHuge       = "huge"       // a foreign error of 1 MiB, and a panic of 1 MiB after it
)

// valueKey and valueValue are the placeholder values svcValues sends.
const (
	valueKey   = "name"
	valueValue = `x<&>"é`
)

// hostileValues are placeholder values a client may send, which a status
// must carry exactly: not valid UTF-8 (before, across and after the cut
// of 128 bytes that messages make), holding U+FFFD itself, backslashes and
// characters that do not print.
var hostileValues = []string{
	"a\xffb",
	strings.Repeat("\xe9", 200),
	strings.Repeat("a", 127) + "\xe4\xb8" + "b",
	strings.Repeat("\x80", 200),
	"\ufffd and \xff",
	strings.Repeat("é", 70) + "\xff",
	`C:\dir\x41 \xff`,
	"x\nlevel=ERROR \u202e \x1b[31m \U000e0001 \t",
	strings.Repeat("\xff", 1500),
}

// relayedRow is the retryable row svcRelay relays, with relayedWait.
var (
	relayedRow  = retryableRow()
	relayedWait = 7 * time.Second
)

func retryableRow() errcode.Code {
	for c := range errcode.All() {
		if c.RetryKind() == errcode.RetryAnyMethod && c.Status() == 429 {
			return c
		}
	}
	panic("no retryable 429 row")
}

// byName maps every row's constant name to its Code.
var byName = func() map[string]errcode.Code {
	m := make(map[string]errcode.Code)
	for c := range errcode.All() {
		m[c.Name()] = c
	}
	return m
}()

// dependencyError is what the client interceptor returns for a
// dependency's status of row c, with the wait of a Retry-After.
func dependencyError(c errcode.Code, wait time.Duration) error {
	p := errgrpc.Status(context.Background(), c).Proto()
	p.Message += " " + secret
	st := status.FromProto(p)
	if wait > 0 {
		var err error
		st, err = st.WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(wait)})
		if err != nil {
			panic(err)
		}
	}
	return errgrpc.FromStatus(st)
}

// failure returns the error the health server fails with for a service
// name, or nil.
func failure(ctx context.Context, service string) error {
	if c, ok := byName[service]; ok {
		return c
	}
	if name, ok := strings.CutPrefix(service, svcWrapped); ok {
		return byName[name].Wrap(errors.New(secret))
	}
	if i, ok := strings.CutPrefix(service, svcValue); ok {
		n, _ := strconv.Atoi(i)
		return errcode.InvalidRequestParam.With("key", "k", "value", hostileValues[n])
	}
	switch service {
	case svcValues:
		return errcode.InvalidRequestParam.With("key", valueKey, "value", valueValue).Wrap(errors.New(secret))
	case svcForeign:
		return fmt.Errorf("pq: password %s rejected", secret)
	case svcPanic:
		panic("boom " + secret)
	case svcCanceled:
		return fmt.Errorf("query %s: %w", secret, context.Canceled)
	case svcDeadline:
		return fmt.Errorf("query %s: %w", secret, context.DeadlineExceeded)
	case svcStatus:
		return status.Error(codes.NotFound, "no such shard")
	case svcDependency:
		return fmt.Errorf("calling iam: %w", dependencyError(errcode.TokenExpired, 0))
	case svcRelay:
		return errcode.Relay(dependencyError(relayedRow, relayedWait))
	case svcHuge:
		return errors.New(strings.Repeat("x", 1<<20))
	case svcHuge + "-panic":
		panic(strings.Repeat("p", 1<<20))
	case svcBlock:
		<-ctx.Done()
		return ctx.Err()
	case svcThirdParty:
		st, err := status.New(codes.PermissionDenied, "project p-"+secret+" denied").WithDetails(
			&errdetails.ErrorInfo{Reason: "PROJECT_DENIED", Domain: "thirdparty.example.com", Metadata: map[string]string{"project": "p-" + secret}})
		if err != nil {
			panic(err)
		}
		return st.Err()
	}
	return nil
}

// healthServer fails Check, and Watch after one message, with the failure
// its service name asks for.
type healthServer struct {
	grpc_health_v1.UnimplementedHealthServer
}

func (healthServer) Check(ctx context.Context, req *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	if err := failure(ctx, req.GetService()); err != nil {
		return nil, err
	}
	return &grpc_health_v1.HealthCheckResponse{Status: grpc_health_v1.HealthCheckResponse_SERVING}, nil
}

func (healthServer) Watch(req *grpc_health_v1.HealthCheckRequest, s grpc.ServerStreamingServer[grpc_health_v1.HealthCheckResponse]) error {
	if err := s.Send(&grpc_health_v1.HealthCheckResponse{Status: grpc_health_v1.HealthCheckResponse_SERVING}); err != nil {
		return err
	}
	return failure(s.Context(), req.GetService())
}

// A testServer is the health server over bufconn, with errgrpc's server
// interceptors logging to log and reporting to observed.
type testServer struct {
	lis *bufconn.Listener
	log *syncBuffer

	mu       sync.Mutex
	observed []observation
	calls    atomic.Int64 // observed under a benchmark
}

// An observation is what Options.Observe received for a call.
type observation struct {
	method string
	code   errcode.Code
	err    string
}

// observations returns what Observe received so far.
func (ts *testServer) observations() []observation {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return slices.Clone(ts.observed)
}

// startServer serves the health server until the test ends.
func startServer(tb testing.TB) *testServer {
	tb.Helper()
	return serve(tb, healthServer{}, true)
}

// serve serves h until the test ends, with errgrpc's server interceptors
// when intercept. Under a benchmark, Observe only counts, as a metric
// would, so that the benchmark measures errgrpc and not a growing list.
func serve(tb testing.TB, h grpc_health_v1.HealthServer, intercept bool) *testServer {
	ts := &testServer{lis: bufconn.Listen(1 << 20), log: &syncBuffer{}}
	o := errgrpc.Options{
		Logger: slog.New(slog.NewTextHandler(ts.log, nil)),
		Observe: func(_ context.Context, method string, c errcode.Code, err error) {
			ts.mu.Lock()
			defer ts.mu.Unlock()
			ts.observed = append(ts.observed, observation{method, c, err.Error()})
		},
	}
	if _, bench := tb.(*testing.B); bench {
		o.Observe = func(context.Context, string, errcode.Code, error) { ts.calls.Add(1) }
	}
	var opts []grpc.ServerOption
	if intercept {
		opts = append(opts,
			grpc.ChainUnaryInterceptor(o.UnaryServerInterceptor()),
			grpc.ChainStreamInterceptor(o.StreamServerInterceptor()))
	}
	s := grpc.NewServer(opts...)
	grpc_health_v1.RegisterHealthServer(s, h)
	go s.Serve(ts.lis)
	tb.Cleanup(s.Stop)
	return ts
}

// dial returns a connection to the server, with errgrpc's client
// interceptors unless raw.
func (ts *testServer) dial(tb testing.TB, raw bool) *grpc.ClientConn {
	tb.Helper()
	opts := []grpc.DialOption{
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return ts.lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	}
	if !raw {
		opts = append(opts,
			grpc.WithChainUnaryInterceptor(errgrpc.UnaryClientInterceptor()),
			grpc.WithChainStreamInterceptor(errgrpc.StreamClientInterceptor()))
	}
	conn, err := grpc.NewClient("passthrough:///bufnet", opts...)
	require.NoError(tb, err)
	tb.Cleanup(func() { conn.Close() })
	return conn
}

// health returns a health client of the server, with errgrpc's client
// interceptors unless raw.
func (ts *testServer) health(tb testing.TB, raw bool) grpc_health_v1.HealthClient {
	return grpc_health_v1.NewHealthClient(ts.dial(tb, raw))
}

// withLanguage returns ctx whose calls send x-language: lang, if any.
func withLanguage(ctx context.Context, lang string) context.Context {
	if lang == "" {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, "x-language", lang)
}

// newGateway returns a grpc-gateway in front of the health client, served
// by an httptest.Server: GET /v1/check/{service} calls Check and
// GET /v1/watch/{service} streams Watch, as generated handlers do, with
// the mux's default header matching.
func newGateway(tb testing.TB, client grpc_health_v1.HealthClient) *httptest.Server {
	tb.Helper()
	mux := runtime.NewServeMux(
		runtime.WithErrorHandler(errgrpc.ErrorHandler),
		runtime.WithStreamErrorHandler(errgrpc.StreamErrorHandler),
		runtime.WithRoutingErrorHandler(errgrpc.RoutingErrorHandler),
		runtime.WithUnescapingMode(runtime.UnescapingModeAllExceptReserved),
	)
	require.NoError(tb, mux.HandlePath("GET", "/v1/check/{service}", func(w http.ResponseWriter, r *http.Request, p map[string]string) {
		_, m := runtime.MarshalerForRequest(mux, r)
		ctx, err := runtime.AnnotateContext(r.Context(), mux, r, "/grpc.health.v1.Health/Check", runtime.WithHTTPPathPattern("/v1/check/{service}"))
		if err != nil {
			runtime.HTTPError(ctx, mux, m, w, r, err)
			return
		}
		var md runtime.ServerMetadata
		resp, err := client.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: p["service"]}, grpc.Header(&md.HeaderMD), grpc.Trailer(&md.TrailerMD))
		ctx = runtime.NewServerMetadataContext(ctx, md)
		if err != nil {
			runtime.HTTPError(ctx, mux, m, w, r, err)
			return
		}
		runtime.ForwardResponseMessage(ctx, mux, m, w, r, resp)
	}))
	require.NoError(tb, mux.HandlePath("GET", "/v1/watch/{service}", func(w http.ResponseWriter, r *http.Request, p map[string]string) {
		_, m := runtime.MarshalerForRequest(mux, r)
		ctx, err := runtime.AnnotateContext(r.Context(), mux, r, "/grpc.health.v1.Health/Watch", runtime.WithHTTPPathPattern("/v1/watch/{service}"))
		if err != nil {
			runtime.HTTPError(ctx, mux, m, w, r, err)
			return
		}
		stream, err := client.Watch(ctx, &grpc_health_v1.HealthCheckRequest{Service: p["service"]})
		if err != nil {
			runtime.HTTPError(ctx, mux, m, w, r, err)
			return
		}
		header, err := stream.Header()
		if err != nil {
			runtime.HTTPError(ctx, mux, m, w, r, err)
			return
		}
		ctx = runtime.NewServerMetadataContext(ctx, runtime.ServerMetadata{HeaderMD: header})
		runtime.ForwardResponseStream(ctx, mux, m, w, r, func() (proto.Message, error) { return stream.Recv() })
	}))
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

// A syncBuffer is a bytes.Buffer safe for concurrent use, for logs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// metadataContext returns a context whose calls send the metadata of the
// key, value pairs kv.
func metadataContext(kv ...string) context.Context {
	return metadata.AppendToOutgoingContext(context.Background(), kv...)
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
