package errgrpc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func TestCodeFor(t *testing.T) {
	for httpStatus, want := range map[int]codes.Code{
		400: codes.InvalidArgument, 401: codes.Unauthenticated, 403: codes.PermissionDenied,
		404: codes.NotFound, 405: codes.FailedPrecondition, 409: codes.Aborted,
		412: codes.FailedPrecondition, 413: codes.InvalidArgument, 414: codes.InvalidArgument,
		418: codes.FailedPrecondition, 428: codes.FailedPrecondition, 429: codes.ResourceExhausted,
		431: codes.InvalidArgument, 494: codes.InvalidArgument, 499: codes.Canceled,
		500: codes.Internal, 501: codes.Unimplemented, 502: codes.Unavailable,
		503: codes.Unavailable, 504: codes.DeadlineExceeded, 507: codes.Internal,
	} {
		assert.Equal(t, want, codeFor(httpStatus), httpStatus)
	}
}

// Every row is sent with the gRPC code of its HTTP status.
func TestStatusCodeEveryRow(t *testing.T) {
	for c := range errcode.All() {
		assert.Equal(t, codeFor(c.Status()), Status(context.Background(), c).Code(), c.Name())
	}
}

func TestReason(t *testing.T) {
	for name, want := range map[string]string{
		"ScenarioNotFound":          "SCENARIO_NOT_FOUND",
		"HTTPBadRequest":            "HTTP_BAD_REQUEST",
		"GatewayIAMUnavailable":     "GATEWAY_IAM_UNAVAILABLE",
		"CollectYAMLInvalid":        "COLLECT_YAML_INVALID",
		"GatewayAPISelfCall":        "GATEWAY_API_SELF_CALL",
		"TagUsedInDataWarehouse":    "TAG_USED_IN_DATA_WAREHOUSE",
		"Http2Error":                "HTTP2_ERROR",
		"OBS":                       "OBS",
		"GatewayRequestURITooLarge": "GATEWAY_REQUEST_URI_TOO_LARGE",
	} {
		assert.Equal(t, want, reason(name), name)
	}
}

// Every row has its own reason, of the form AIP-193 asks for, and no
// placeholder takes the name of a metadata key of the package.
func TestReasonsAndKeys(t *testing.T) {
	form := regexp.MustCompile(`^[A-Z][A-Z0-9_]+[A-Z0-9]$`)
	key := regexp.MustCompile(`^[a-z][a-zA-Z0-9-_]+$`)
	seen := map[string]errcode.Code{}
	for c := range errcode.All() {
		r := reason(c.Name())
		assert.Regexp(t, form, r)
		assert.LessOrEqual(t, len(r), 63, r)
		assert.NotContains(t, seen, r, c.Name())
		seen[r] = c
		assert.Equal(t, c, byReason[r])
		for _, p := range c.Placeholders() {
			assert.NotContains(t, []string{MetadataCode, MetadataRemediation}, p, c.Name())
			assert.Regexp(t, key, p, c.Name())
		}
	}
}

func TestMetadataValue(t *testing.T) {
	assert.Equal(t, "x", metadataValue("x"))
	assert.Equal(t, "a\ufffd\ufffdb", metadataValue("a\xff\xfeb"))
	long := strings.Repeat("é", 600) // 1200 bytes
	assert.Equal(t, strings.Repeat("é", 512), metadataValue(long))
	odd := "x" + long // a cut inside a character moves back to its start
	assert.Equal(t, "x"+strings.Repeat("é", 511), metadataValue(odd))
}

// A long value is cut in the metadata, yet the message is the one the
// whole value gives.
func TestStatusLongValue(t *testing.T) {
	v := strings.Repeat("v", 5000)
	e := errcode.InvalidRequestParam.With("key", "k", "value", v)
	st := Status(context.Background(), e)
	info := st.Details()[0].(*errdetails.ErrorInfo)
	assert.Len(t, info.GetMetadata()["value"], maxValueBytes)
	again := errcode.InvalidRequestParam.With("key", "k", "value", info.GetMetadata()["value"])
	assert.Equal(t, e.Message(english), again.Message(english))
	assert.Equal(t, e.Message(english), st.Message())
}

func TestStatusNil(t *testing.T) {
	assert.Nil(t, Status(context.Background(), nil))
	assert.Nil(t, Status(context.Background(), (*errcode.Error)(nil)))
	assert.NoError(t, Status(context.Background(), nil).Err())
}

// Which status each kind of error gets, and that the message never holds
// a cause's text.
func TestStatusKinds(t *testing.T) {
	ctx := context.Background()
	dep := errcode.FromBody(404, http.Header{"Retry-After": {"1"}}, []byte(`{"error_code":"octopus.107002","error_msg":"secret"}`), nil).(*errcode.ResponseError)
	busy := errcode.FromBody(429, http.Header{"Retry-After": {"3"}}, []byte(`{"error_code":"`+throttled().String()+`"}`), nil).(*errcode.ResponseError)
	own := status.Error(codes.NotFound, "shard 7 not found")
	for _, tc := range []struct {
		name    string
		err     error
		code    codes.Code
		message string
		row     errcode.Code // zero: no details
		retry   time.Duration
	}{
		{"code", errcode.ScenarioNotFound, codes.NotFound, "Scenario is not exists", errcode.ScenarioNotFound, 0},
		{"wrapped", fmt.Errorf("load: %w", errcode.ScenarioNotFound.Wrap(errors.New("secret"))), codes.NotFound, "Scenario is not exists", errcode.ScenarioNotFound, 0},
		{"foreign", errors.New("secret"), codes.Internal, "Internal server error", errcode.InternalServerError, 0},
		{"explicit internal over a context", errcode.InternalServerError.Wrap(context.Canceled), codes.Internal, "Internal server error", errcode.InternalServerError, 0},
		{"canceled", fmt.Errorf("secret: %w", context.Canceled), codes.Canceled, "context canceled", 0, 0},
		{"deadline", fmt.Errorf("secret: %w", context.DeadlineExceeded), codes.DeadlineExceeded, "context deadline exceeded", 0, 0},
		{"own status", own, codes.NotFound, "shard 7 not found", 0, 0},
		{"own status wrapped", fmt.Errorf("secret: %w", own), codes.NotFound, "shard 7 not found", 0, 0},
		{"row over a status", errcode.TokenExpired.Wrap(own), codes.Unauthenticated, "The request token expires", errcode.TokenExpired, 0},
		{"dependency", dep, codes.Internal, "Internal server error", errcode.InternalServerError, 0},
		{"dependency with a status", FromStatus(status.New(codes.NotFound, "secret")), codes.Internal, "Internal server error", errcode.InternalServerError, 0},
		{"relayed, not retryable", errcode.Relay(dep), codes.NotFound, "Scenario is not exists", errcode.ScenarioNotFound, 0},
		{"relayed, retryable", errcode.Relay(busy), codes.ResourceExhausted, throttled().Message(english), throttled(), 3 * time.Second},
		{"nil status in an error", status.FromProto(nil).Err(), codes.OK, "", 0, 0},
		{"ok status in an error", okStatusError{}, codes.Internal, "Internal server error", errcode.InternalServerError, 0},
	} {
		st := Status(ctx, tc.err)
		assert.Equal(t, tc.code, st.Code(), tc.name)
		assert.Equal(t, tc.message, st.Message(), tc.name)
		d := detailsOf(st)
		if tc.row == 0 {
			assert.Empty(t, st.Details(), tc.name)
			continue
		}
		require.NotNil(t, d.info, tc.name)
		assert.Equal(t, reason(tc.row.Name()), d.info.GetReason(), tc.name)
		assert.Equal(t, tc.row.String(), d.info.GetMetadata()[MetadataCode], tc.name)
		if tc.retry == 0 {
			assert.Nil(t, d.retry, tc.name)
		} else {
			require.NotNil(t, d.retry, tc.name)
			assert.Equal(t, tc.retry, d.retry.GetRetryDelay().AsDuration(), tc.name)
		}
	}
}

type okStatusError struct{}

func (okStatusError) Error() string              { return "secret" }
func (okStatusError) GRPCStatus() *status.Status { return status.New(codes.OK, "secret") }

// throttled is a row of status 429 that may be retried.
func throttled() errcode.Code {
	for c := range errcode.All() {
		if c.Status() == 429 && c.RetryKind() != errcode.NotRetryable {
			return c
		}
	}
	panic("no retryable 429 row")
}

// The language comes from the incoming metadata as errcode.Negotiate reads
// the headers: every x-language value, then accept-language.
func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		md   metadata.MD
		want string
	}{
		{nil, "en-US"},
		{metadata.Pairs("x-language", "zh-cn"), "zh-CN"},
		{metadata.Pairs("x-language", "zh_CN"), "zh-CN"},
		{metadata.Pairs("accept-language", "zh-CN,zh;q=0.9"), "zh-CN"},
		{metadata.Pairs("x-language", "en-us", "accept-language", "zh"), "en-US"},
		{metadata.Pairs("x-language", "fr", "accept-language", "zh"), "zh-CN"},
	} {
		ctx := context.Background()
		if tc.md != nil {
			ctx = metadata.NewIncomingContext(ctx, tc.md)
		}
		assert.Equal(t, tc.want, negotiate(ctx).String(), tc.md)
	}
}
