package errgrpc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/emptypb"
)

func TestFromStatusNil(t *testing.T) {
	assert.NoError(t, errgrpc.FromStatus(nil))
	assert.NoError(t, errgrpc.FromStatus(status.New(codes.OK, "")))
}

// Every row comes back as itself, in either language, with the row's
// status and the localized message, even among the rows of one wire code.
func TestFromStatusExactRow(t *testing.T) {
	for _, l := range languages {
		ctx := metadata.NewIncomingContext(context.Background(), metadata.Pairs("x-language", l.header))
		for c := range errcode.All() {
			err := errgrpc.FromStatus(errgrpc.Status(ctx, c))
			var re *errcode.ResponseError
			require.True(t, errors.As(err, &re))
			assert.Equal(t, errcode.ResponseError{StatusCode: c.Status(), Code: c, WireCode: c.String(), Message: c.Message(l.tag)}, *re, c.Name())
			assert.Equal(t, errgrpc.Status(ctx, c).Code(), status.Code(err))
		}
	}
}

// A status without a method is the answer to an unknown request: a row
// that allows a retry of an idempotent request only does not allow one.
func TestFromStatusRetry(t *testing.T) {
	for c := range errcode.All() {
		assert.Equal(t, c.RetryKind() == errcode.RetryAnyMethod, errcode.Retryable(errgrpc.FromStatus(errgrpc.Status(context.Background(), c))), c.Name())
	}
}

// A status without the package's ErrorInfo gives an error of the HTTP
// status of its code, which Retryable judges by that status.
func TestFromStatusForeign(t *testing.T) {
	for _, tc := range []struct {
		code       codes.Code
		httpStatus int
		retryable  bool
	}{
		{codes.Unavailable, 503, false}, // may come after the server acted; the method is not known
		{codes.DeadlineExceeded, 504, false},
		{codes.ResourceExhausted, 503, false}, // grpc-go's own for a response too large, after the server acted
		{codes.NotFound, 404, false},
		{codes.Internal, 500, false},
		{codes.Unknown, 500, false},
	} {
		st := status.New(tc.code, "backend says no")
		err := errgrpc.FromStatus(st)
		var re *errcode.ResponseError
		require.True(t, errors.As(err, &re))
		assert.Equal(t, tc.httpStatus, re.StatusCode)
		assert.Equal(t, errcode.Code(0), re.Code)
		assert.Empty(t, re.WireCode)
		assert.Equal(t, "backend says no", re.Message)
		assert.Equal(t, tc.retryable, errcode.Retryable(err), tc.code)
		assert.Same(t, st, status.Convert(err), "status.FromError gives the status as received")
		assert.Equal(t, errcode.InternalServerError, errcode.CodeOf(err))
	}
}

// A RetryInfo's wait becomes RetryAfter, in whole seconds rounded up; an
// ErrorInfo of another domain is not the package's.
func TestFromStatusDetails(t *testing.T) {
	for delay, want := range map[time.Duration]time.Duration{
		2 * time.Second:         2 * time.Second,
		1500 * time.Millisecond: 2 * time.Second,
		time.Nanosecond:         time.Second,
		0:                       0,
		-time.Second:            0,
	} {
		st, err := status.New(codes.ResourceExhausted, "slow down").WithDetails(
			&errdetails.ErrorInfo{Reason: "SCENARIO_NOT_FOUND", Domain: "example.com"},
			&errdetails.RetryInfo{RetryDelay: durationpb.New(delay)})
		require.NoError(t, err)
		got := errgrpc.FromStatus(st)
		wait, ok := errcode.RetryAfter(got)
		assert.True(t, ok, delay)
		assert.Equal(t, want, wait, delay)
		assert.NotErrorIs(t, got, errcode.ScenarioNotFound)
	}

	// An unknown reason falls back to the wire code.
	st, err := status.New(codes.NotFound, "gone").WithDetails(
		&errdetails.ErrorInfo{Reason: "RENAMED", Domain: errgrpc.Domain, Metadata: map[string]string{"errorCode": "octopus.107002"}})
	require.NoError(t, err)
	assert.ErrorIs(t, errgrpc.FromStatus(st), errcode.ScenarioNotFound)
}

// Any status a peer may send, however malformed its details, gives an
// error without panicking, whose row, when it has one, sets its status.
func FuzzFromStatus(f *testing.F) {
	for _, c := range []errcode.Code{errcode.ScenarioNotFound, errcode.InvalidRequestParam, errcode.TagUsedInPackages} {
		b, err := proto.Marshal(errgrpc.Status(context.Background(), c.With("key", "k", "value", "v")).Proto())
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var p spb.Status
		if proto.Unmarshal(b, &p) != nil {
			return
		}
		err := errgrpc.FromStatus(status.FromProto(&p))
		if codes.Code(p.GetCode()) == codes.OK {
			assert.NoError(t, err)
			return
		}
		var re *errcode.ResponseError
		require.True(t, errors.As(err, &re))
		if re.Code != 0 {
			assert.Equal(t, re.Code.Status(), re.StatusCode)
		}
		wait, _ := errcode.RetryAfter(err)
		assert.GreaterOrEqual(t, wait, time.Duration(0))
	})
}

// calls is a service registered in protoregistry.GlobalFiles, whose
// methods declare each idempotency level.
var calls = func() protoreflect.ServiceDescriptor {
	method := func(name string, level *descriptorpb.MethodOptions_IdempotencyLevel) *descriptorpb.MethodDescriptorProto {
		return &descriptorpb.MethodDescriptorProto{
			Name: proto.String(name), InputType: proto.String(".google.protobuf.Empty"), OutputType: proto.String(".google.protobuf.Empty"),
			Options: &descriptorpb.MethodOptions{IdempotencyLevel: level},
		}
	}
	fd, err := protodesc.NewFile(&descriptorpb.FileDescriptorProto{
		Name:       proto.String("errgrpc/test/calls.proto"),
		Package:    proto.String("errgrpc.test"),
		Syntax:     proto.String("proto3"),
		Dependency: []string{(&emptypb.Empty{}).ProtoReflect().Descriptor().ParentFile().Path()},
		Service: []*descriptorpb.ServiceDescriptorProto{{Name: proto.String("Calls"), Method: []*descriptorpb.MethodDescriptorProto{
			method("Get", descriptorpb.MethodOptions_NO_SIDE_EFFECTS.Enum()),
			method("Put", descriptorpb.MethodOptions_IDEMPOTENT.Enum()),
			method("Post", descriptorpb.MethodOptions_IDEMPOTENCY_UNKNOWN.Enum()),
			method("Send", nil),
		}}},
	}, protoregistry.GlobalFiles)
	if err != nil {
		panic(err)
	}
	if err := protoregistry.GlobalFiles.RegisterFile(fd); err != nil {
		panic(err)
	}
	return fd.Services().Get(0)
}()

// The client interceptor tells Retryable whether the call's method is
// idempotent, from its idempotency_level: a row that allows a retry of an
// idempotent request only allows it for NO_SIDE_EFFECTS and IDEMPOTENT.
func TestClientIdempotency(t *testing.T) {
	require.Equal(t, 4, calls.Methods().Len(), "the service is registered")
	retryable := func(method string, err error) bool {
		got := errgrpc.UnaryClientInterceptor()(context.Background(), method, nil, nil, nil,
			func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error { return err })
		return errcode.Retryable(got)
	}
	idempotent := errgrpc.Status(context.Background(), errcode.InternalServerError).Err()
	anyMethod := errgrpc.Status(context.Background(), relayedRow).Err()
	never := errgrpc.Status(context.Background(), errcode.ScenarioNotFound).Err()
	unavailable := status.Error(codes.Unavailable, "connection reset")
	for method, want := range map[string]bool{
		"/errgrpc.test.Calls/Get":           true,
		"/errgrpc.test.Calls/Put":           true,
		"/errgrpc.test.Calls/Post":          false,
		"/errgrpc.test.Calls/Send":          false,
		"/errgrpc.test.Calls/Missing":       false,
		"/grpc.health.v1.Health/Check":      false,
		"/grpc.health.v1.Health/Check/more": false,
		"":                                  false,
	} {
		assert.Equal(t, want, retryable(method, idempotent), method)
		assert.Equal(t, want, retryable(method, unavailable), method)
		assert.True(t, retryable(method, anyMethod), method)
		assert.False(t, retryable(method, never), method)
	}
}

// bigList is a health server whose List the server acts on, then answers
// with more than a client that takes 1 KiB can receive.
type bigList struct {
	healthServer
	calls *atomic.Int32
}

func (b bigList) List(context.Context, *grpc_health_v1.HealthListRequest) (*grpc_health_v1.HealthListResponse, error) {
	b.calls.Add(1)
	statuses := map[string]*grpc_health_v1.HealthCheckResponse{}
	for i := range 100 {
		statuses[strconv.Itoa(i)+strings.Repeat("x", 100)] = &grpc_health_v1.HealthCheckResponse{}
	}
	return &grpc_health_v1.HealthListResponse{Statuses: statuses}, nil
}

// TestClientResponseTooLarge checks that a call whose response is larger
// than the client takes is not retryable unless idempotent: grpc-go fails
// it with ResourceExhausted after the server acted, which is not the
// refusal that an HTTP 429 is.
func TestClientResponseTooLarge(t *testing.T) {
	var calls atomic.Int32
	conn := serve(t, bigList{calls: &calls}, true).dial(t, false)
	_, err := grpc_health_v1.NewHealthClient(conn).List(context.Background(), &grpc_health_v1.HealthListRequest{}, grpc.MaxCallRecvMsgSize(1<<10))
	require.Equal(t, codes.ResourceExhausted, status.Code(err), "%v", err)
	require.Equal(t, int32(1), calls.Load(), "the server acted")
	assert.False(t, errcode.Retryable(err), "List is not declared idempotent: %v", err)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusServiceUnavailable, re.StatusCode)
}

// pastDeadline is a context whose deadline has passed before its timer
// fired: Err is still nil.
type pastDeadline struct{ context.Context }

func (pastDeadline) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

// A call whose deadline has passed matches context.DeadlineExceeded, as
// grpc-go reports it, even before its context's timer fires.
func TestClientDeadlinePassed(t *testing.T) {
	ctx := pastDeadline{context.Background()}
	require.NoError(t, ctx.Err())
	reset := status.Error(codes.DeadlineExceeded, "stream terminated by RST_STREAM with error code: CANCEL")
	err := errgrpc.UnaryClientInterceptor()(ctx, "/grpc.health.v1.Health/Check", nil, nil, nil,
		func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error { return reset })
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, codes.DeadlineExceeded, status.Code(err))
}

// Every call past its own deadline over bufconn matches
// context.DeadlineExceeded, whichever of the server's reset and the
// client's timer comes first.
func TestClientDeadlineRace(t *testing.T) {
	client := startServer(t).health(t, false)
	var missed []string
	for range 200 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		_, err := client.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: svcBlock})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			missed = append(missed, fmt.Sprint(err))
		}
	}
	assert.Empty(t, missed)
}
