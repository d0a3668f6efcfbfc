package errgrpc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
)

func TestFromStatusNil(t *testing.T) {
	assert.NoError(t, errgrpc.FromStatus(nil))
	assert.NoError(t, errgrpc.FromStatus(status.New(codes.OK, "")))
}

// The three rows of octopus.101006 come back as themselves, in either
// language, with the row's status and the localized message.
func TestFromStatusExactRow(t *testing.T) {
	zh := metadata.NewIncomingContext(context.Background(), metadata.Pairs("x-language", "zh-cn"))
	for _, c := range []errcode.Code{errcode.TagUsedInSegments, errcode.TagUsedInPackages, errcode.TagUsedInDataWarehouse} {
		err := errgrpc.FromStatus(errgrpc.Status(zh, c))
		got := rowOf(err)
		require.NotZero(t, got)
		assert.Equal(t, c, got)
		var re *errcode.ResponseError
		require.True(t, errors.As(err, &re))
		assert.Equal(t, errcode.ResponseError{StatusCode: 409, Code: c, WireCode: "octopus.101006", Message: c.Message(languages[1].tag)}, *re)
		assert.Equal(t, codes.Aborted, status.Code(err))
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
		{codes.Unavailable, 503, false}, // may come after the server acted, and no method is known
		{codes.DeadlineExceeded, 504, false},
		{codes.ResourceExhausted, 429, true},
		{codes.NotFound, 404, false},
		{codes.Internal, 500, false},
		{codes.Unknown, 500, false},
	} {
		st := status.New(tc.code, "backend says no")
		err := errgrpc.FromStatus(st)
		var re *errcode.ResponseError
		require.True(t, errors.As(err, &re))
		assert.Equal(t, errcode.ResponseError{StatusCode: tc.httpStatus, Message: "backend says no"}, *re)
		assert.Equal(t, tc.retryable, errcode.Retryable(err), tc.code)
		assert.Same(t, st, status.Convert(err), "status.FromError gives the status as received")
		assert.Equal(t, errcode.InternalServerError, errcode.CodeOf(err))
	}
}

// A RetryInfo's wait becomes RetryAfter; an ErrorInfo of another domain is
// not the package's.
func TestFromStatusDetails(t *testing.T) {
	st, err := status.New(codes.ResourceExhausted, "slow down").WithDetails(
		&errdetails.ErrorInfo{Reason: "SCENARIO_NOT_FOUND", Domain: "example.com"},
		&errdetails.RetryInfo{RetryDelay: durationpb.New(2 * time.Second)})
	require.NoError(t, err)
	got := errgrpc.FromStatus(st)
	wait, ok := errcode.RetryAfter(got)
	assert.True(t, ok)
	assert.Equal(t, 2*time.Second, wait)
	assert.NotErrorIs(t, got, errcode.ScenarioNotFound)

	// An unknown reason falls back to the wire code.
	st, err = status.New(codes.NotFound, "gone").WithDetails(
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
