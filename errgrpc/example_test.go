package errgrpc_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
)

// A server's handler returns catalog errors as it would to errcode.Write;
// the status carries the row.
func ExampleStatus() {
	ctx := metadata.NewIncomingContext(context.Background(), metadata.Pairs("x-language", "zh-cn"))
	st := errgrpc.Status(ctx, errcode.ScenarioNotFound.Wrap(errors.New("sql: no rows")))

	fmt.Println(st.Code(), st.Message())
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			fmt.Println(d.GetReason(), d.GetDomain(), d.GetMetadata()["errorCode"])
		case *errdetails.LocalizedMessage:
			fmt.Println(d.GetLocale(), d.GetMessage())
		}
	}
	// Output:
	// NotFound Scenario is not exists
	// SCENARIO_NOT_FOUND octopus.myhuaweicloud.com octopus.107002
	// zh-CN 场景不存在
}

// scenarios is a health service that reports a catalog error, standing in
// for any service of a real server.
type scenarios struct {
	grpc_health_v1.UnimplementedHealthServer
}

func (scenarios) Check(ctx context.Context, req *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	return nil, errcode.ScenarioNotFound // or any error: foreign ones become octopus.000002
}

// A server with the server interceptors, and a client with the client
// interceptors: the client matches the row with errors.Is and errors.As.
func ExampleUnaryServerInterceptor() {
	lis := bufconn.Listen(1 << 20)
	s := grpc.NewServer(
		grpc.ChainUnaryInterceptor(errgrpc.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(errgrpc.StreamServerInterceptor()),
	)
	grpc_health_v1.RegisterHealthServer(s, scenarios{})
	go s.Serve(lis)
	defer s.Stop()

	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithChainUnaryInterceptor(errgrpc.UnaryClientInterceptor()),
		grpc.WithChainStreamInterceptor(errgrpc.StreamClientInterceptor()),
	)
	if err != nil {
		panic(err)
	}
	defer conn.Close()

	ctx := metadata.AppendToOutgoingContext(context.Background(), "x-language", "zh-cn")
	_, err = grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{})

	var re *errcode.ResponseError
	errors.As(err, &re)
	row := re.Code
	fmt.Println(errors.Is(err, errcode.ScenarioNotFound), row.Name(), errcode.Retryable(err))
	fmt.Println(status.Code(err))
	fmt.Println(err)
	// Output:
	// true ScenarioNotFound false
	// NotFound
	// octopus.107002: 场景不存在 (HTTP 404)
}

// A client turns a received status back into an error of the row; a
// server that returns it answers with octopus.000002, as for any
// dependency's error, unless it relays it.
func ExampleFromStatus() {
	received := errgrpc.Status(context.Background(), errcode.TokenExpired)
	err := errgrpc.FromStatus(received)

	fmt.Println(errors.Is(err, errcode.TokenExpired))
	fmt.Println(errgrpc.Status(context.Background(), err).Code())
	fmt.Println(errgrpc.Status(context.Background(), errcode.Relay(err)).Code())
	// Output:
	// true
	// Internal
	// Unauthenticated
}

// A grpc-gateway in front of the service answers as errcode.Write does,
// in the HTTP request's language.
func ExampleErrorHandler() {
	mux := runtime.NewServeMux(
		runtime.WithErrorHandler(errgrpc.ErrorHandler),
		runtime.WithStreamErrorHandler(errgrpc.StreamErrorHandler),
		runtime.WithRoutingErrorHandler(errgrpc.RoutingErrorHandler),
	)
	err := mux.HandlePath("GET", "/v1/scenarios/{id}", func(w http.ResponseWriter, r *http.Request, _ map[string]string) {
		// What a gateway's call to the backend returns for ScenarioNotFound.
		err := errgrpc.Status(r.Context(), errcode.ScenarioNotFound).Err()
		runtime.HTTPError(r.Context(), mux, &runtime.JSONPb{}, w, r, err)
	})
	if err != nil {
		panic(err)
	}

	r := httptest.NewRequest("GET", "/v1/scenarios/s1", nil)
	r.Header.Set("X-Language", "zh-cn")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(w.Body.String())

	w = httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/v1/nothing", nil))
	fmt.Println(w.Code, w.Body.String())
	// Output:
	// 404 application/json; charset=utf-8
	// {"error_code":"octopus.107002","error_msg":"场景不存在"}
	// 404 {"error_code":"octopus.400004","error_msg":"The resource does not exist."}
}
