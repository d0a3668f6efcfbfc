package errgrpc_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// languages are the x-language values the tests send, with the catalog
// language each asks for.
var languages = []struct {
	header string
	tag    language.Tag
}{
	{"en-us", language.MustParse("en-US")},
	{"zh-cn", language.MustParse("zh-CN")},
}

// Every row goes server → gRPC → client and comes back as the exact row,
// in both languages; the raw status carries the documented details.
func TestRoundTripEveryRow(t *testing.T) {
	ts := startServer(t)
	client, raw := ts.health(t, false), ts.health(t, true)
	for _, l := range languages {
		ctx := withLanguage(context.Background(), l.header)
		for c := range errcode.All() {
			_, err := client.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: c.Name()})
			require.Error(t, err, c.Name())
			var re *errcode.ResponseError
			require.True(t, errors.As(err, &re))
			assert.Equal(t, c, re.Code, c.Name())
			assert.ErrorIs(t, err, c)
			assert.Equal(t, c.RetryKind() == errcode.RetryAnyMethod, errcode.Retryable(err), "%s: Check is not idempotent", c.Name())
			assert.Equal(t, c.Status(), re.StatusCode, c.Name())
			assert.Equal(t, c.String(), re.WireCode, c.Name())
			assert.Equal(t, c.Message(l.tag), re.Message, c.Name())
			assert.Equal(t, errcode.InternalServerError, errcode.CodeOf(err), "a dependency's error is not ours")

			_, err = raw.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: c.Name()})
			st := status.Convert(err)
			assert.Equal(t, c.Message(language.English), st.Message(), c.Name())
			assert.Equal(t, st.Code(), status.Code(mustCheck(t, client, ctx, c.Name())), "status.Code sees the received code")
			d := st.Details()
			require.Len(t, d, 2, c.Name())
			info, ok := d[0].(*errdetails.ErrorInfo)
			require.True(t, ok)
			assert.Equal(t, errgrpc.Domain, info.GetDomain())
			assert.Equal(t, map[string]string{
				errgrpc.MetadataCode:        c.String(),
				errgrpc.MetadataRemediation: c.Remediation(l.tag),
			}, info.GetMetadata())
			local, ok := d[1].(*errdetails.LocalizedMessage)
			require.True(t, ok)
			assert.Equal(t, l.tag.String(), local.GetLocale())
			assert.Equal(t, c.Message(l.tag), local.GetMessage())
		}
	}
}

func mustCheck(t *testing.T, client grpc_health_v1.HealthClient, ctx context.Context, service string) error {
	t.Helper()
	_, err := client.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: service})
	require.Error(t, err)
	return err
}

// The language follows accept-language when x-language is absent or names
// no catalog language.
func TestLanguageFromAcceptLanguage(t *testing.T) {
	ts := startServer(t)
	client := ts.health(t, false)
	for _, md := range [][]string{
		{"accept-language", "zh-CN,zh;q=0.9,en;q=0.8"},
		{"x-language", "xx", "accept-language", "zh"},
	} {
		ctx := metadataContext(md...)
		err := mustCheck(t, client, ctx, errcode.ScenarioNotFound.Name())
		var re *errcode.ResponseError
		require.True(t, errors.As(err, &re))
		assert.Equal(t, "场景不存在", re.Message, md)
	}
	err := mustCheck(t, client, context.Background(), errcode.ScenarioNotFound.Name())
	assert.EqualError(t, err, "octopus.107002: Scenario is not exists (HTTP 404)")
}

// An *Error's placeholder values fill the messages and travel in the
// ErrorInfo; the client gets the row with its message filled.
func TestRoundTripValues(t *testing.T) {
	ts := startServer(t)
	ctx := withLanguage(context.Background(), "zh-cn")
	_, err := ts.health(t, true).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: svcValues})
	st := status.Convert(err)
	assert.Equal(t, codes.InvalidArgument, st.Code())
	assert.Equal(t, `Request params [name:x<&>"é] is invalid`, st.Message())
	info := st.Details()[0].(*errdetails.ErrorInfo)
	assert.Equal(t, "INVALID_REQUEST_PARAM", info.GetReason())
	assert.Equal(t, map[string]string{
		"errorCode":   "octopus.000003",
		"remediation": `请确保请求参数[name:x<&>"é]正确`,
		"key":         valueKey,
		"value":       valueValue,
	}, info.GetMetadata())
	assert.Equal(t, `请求参数[name:x<&>"é]错误`, st.Details()[1].(*errdetails.LocalizedMessage).GetMessage())

	err = mustCheck(t, ts.health(t, false), ctx, svcValues)
	assert.ErrorIs(t, err, errcode.InvalidRequestParam)
	assert.EqualError(t, err, `octopus.000003: 请求参数[name:x<&>"é]错误 (HTTP 400)`)
}

// Foreign errors, panics and a dependency's error are answered as
// octopus.000002 without their text; context errors and the server's own
// status keep their meaning.
func TestServerAnswers(t *testing.T) {
	ts := startServer(t)
	raw := ts.health(t, true)
	for _, tc := range []struct {
		service string
		code    codes.Code
		message string
		row     errcode.Code
	}{
		{svcForeign, codes.Internal, "Internal server error", errcode.InternalServerError},
		{svcPanic, codes.Internal, "Internal server error", errcode.InternalServerError},
		{svcDependency, codes.Internal, "Internal server error", errcode.InternalServerError},
		{svcCanceled, codes.Canceled, "context canceled", 0},
		{svcDeadline, codes.DeadlineExceeded, "context deadline exceeded", 0},
		{svcStatus, codes.NotFound, "no such shard", 0},
		{relayedRow.Name(), codes.ResourceExhausted, relayedRow.Message(language.English), relayedRow},
	} {
		_, err := raw.Check(context.Background(), &grpc_health_v1.HealthCheckRequest{Service: tc.service})
		st := status.Convert(err)
		assert.Equal(t, tc.code, st.Code(), tc.service)
		assert.Equal(t, tc.message, st.Message(), tc.service)
		if tc.row == 0 {
			assert.Empty(t, st.Details(), tc.service)
			continue
		}
		require.NotEmpty(t, st.Details(), tc.service)
		assert.Equal(t, tc.row.String(), st.Details()[0].(*errdetails.ErrorInfo).GetMetadata()["errorCode"], tc.service)
	}
	const check = "/grpc.health.v1.Health/Check"
	assert.Equal(t, []observation{
		{check, errcode.InternalServerError, "pq: password " + secret + " rejected"},
		{check, errcode.InternalServerError, "octopus.000002: Internal server error: panic: boom " + secret},
		{check, errcode.InternalServerError, "calling iam: octopus.000102: The request token expires (HTTP 401)"},
		{check, 0, "query " + secret + ": context canceled"},
		{check, 0, "query " + secret + ": context deadline exceeded"},
		{check, 0, "rpc error: code = NotFound desc = no such shard"},
		{check, relayedRow, relayedRow.String() + ": " + relayedRow.Message(language.English)},
	}, ts.observations(), "Observe sees every failed call once, with the row sent")
	log := ts.log.String()
	assert.Contains(t, log, "errgrpc: handler panicked")
	assert.Contains(t, log, "boom "+secret, "the panic is logged")
	assert.Contains(t, log, "pq: password "+secret+" rejected", "a foreign error's cause is logged")
	assert.Contains(t, log, "method=/grpc.health.v1.Health/Check")
	assert.NotContains(t, log, "no such shard", "a 4xx status is not logged")
}

// A relayed dependency's error is answered as its row, with its wait as
// RetryInfo; the client gets the wait back.
func TestRelayRetryInfo(t *testing.T) {
	ts := startServer(t)
	_, err := ts.health(t, true).Check(context.Background(), &grpc_health_v1.HealthCheckRequest{Service: svcRelay})
	st := status.Convert(err)
	assert.Equal(t, codes.ResourceExhausted, st.Code())
	require.Len(t, st.Details(), 3)
	assert.Equal(t, 7*time.Second, st.Details()[2].(*errdetails.RetryInfo).GetRetryDelay().AsDuration())

	err = mustCheck(t, ts.health(t, false), context.Background(), svcRelay)
	var re *errcode.ResponseError
	require.True(t, errors.As(err, &re))
	assert.Equal(t, relayedRow, re.Code)
	assert.True(t, errcode.Retryable(err))
	wait, ok := errcode.RetryAfter(err)
	assert.True(t, ok)
	assert.Equal(t, relayedWait, wait)
}

// A stream handler's error and panic are answered as a unary handler's;
// the stream client interceptor turns them into errors and leaves io.EOF.
func TestStream(t *testing.T) {
	ts := startServer(t)
	client := ts.health(t, false)
	ctx := withLanguage(context.Background(), "zh-cn")
	for _, tc := range []struct {
		service string
		row     errcode.Code
	}{
		{errcode.TagUsedInPackages.Name(), errcode.TagUsedInPackages},
		{svcPanic, errcode.InternalServerError},
		{svcForeign, errcode.InternalServerError},
	} {
		stream, err := client.Watch(ctx, &grpc_health_v1.HealthCheckRequest{Service: tc.service})
		require.NoError(t, err)
		resp, err := stream.Recv()
		require.NoError(t, err)
		assert.Equal(t, grpc_health_v1.HealthCheckResponse_SERVING, resp.GetStatus())
		_, err = stream.Recv()
		var re *errcode.ResponseError
		require.True(t, errors.As(err, &re), tc.service)
		assert.Equal(t, tc.row, re.Code, tc.service)
		assert.Equal(t, tc.row.Message(language.Chinese), errMessage(t, err))
		assert.NotContains(t, err.Error(), secret)
	}

	var rows []errcode.Code
	for _, o := range ts.observations() {
		assert.Equal(t, "/grpc.health.v1.Health/Watch", o.method)
		rows = append(rows, o.code)
	}
	assert.Equal(t, []errcode.Code{errcode.TagUsedInPackages, errcode.InternalServerError, errcode.InternalServerError}, rows)

	stream, err := client.Watch(ctx, &grpc_health_v1.HealthCheckRequest{})
	require.NoError(t, err)
	_, err = stream.Recv()
	require.NoError(t, err)
	_, err = stream.Recv()
	assert.Same(t, io.EOF, err, "the end of a stream stays io.EOF")
	_, err = stream.Header()
	assert.NoError(t, err)
}

func errMessage(t *testing.T, err error) string {
	t.Helper()
	var re *errcode.ResponseError
	require.True(t, errors.As(err, &re))
	return re.Message
}

// A call whose own context ended gives an error that matches the
// context's error, and that a server answers as codes.Canceled.
func TestClientContextDone(t *testing.T) {
	ts := startServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ts.health(t, false).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: svcForeign})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, codes.Canceled, status.Code(err))
	assert.False(t, errcode.Retryable(err))
	assert.Equal(t, codes.Canceled, errgrpc.Status(context.Background(), err).Code())

	stream, err := ts.health(t, false).Watch(ctx, &grpc_health_v1.HealthCheckRequest{})
	if err == nil {
		_, err = stream.Recv()
	}
	assert.ErrorIs(t, err, context.Canceled)
}

// A proxy passes each Check to a dependency over a connection without
// errgrpc's client interceptors, and returns the dependency's error as it
// came, or relayed when the service name starts with "relay:".
type proxy struct {
	grpc_health_v1.UnimplementedHealthServer
	ours, theirs grpc_health_v1.HealthClient
}

func (p proxy) Check(ctx context.Context, req *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	service, relay := strings.CutPrefix(req.GetService(), "relay:")
	dep := p.ours
	if service == svcThirdParty {
		dep = p.theirs
	}
	_, err := dep.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: service})
	if relay {
		return nil, errcode.Relay(errgrpc.FromStatus(status.Convert(err)))
	}
	return nil, err
}

// A status with an ErrorInfo came from some API's server: a handler that
// returns one as it came, from a connection without the client
// interceptors, answers octopus.000002, unless it relays a row of the
// catalog through FromStatus.
func TestServerDependencyStatus(t *testing.T) {
	ours, theirs := startServer(t).health(t, true), serve(t, healthServer{}, false).health(t, true)
	front := serve(t, proxy{ours: ours, theirs: theirs}, true)
	client := front.health(t, true)
	for _, tc := range []struct {
		service string
		code    codes.Code
		row     errcode.Code
	}{
		{errcode.TokenExpired.Name(), codes.Internal, errcode.InternalServerError},
		{svcThirdParty, codes.Internal, errcode.InternalServerError},
		{"relay:" + errcode.TokenExpired.Name(), codes.Unauthenticated, errcode.TokenExpired},
		{"relay:" + svcThirdParty, codes.Internal, errcode.InternalServerError},
	} {
		_, err := client.Check(context.Background(), &grpc_health_v1.HealthCheckRequest{Service: tc.service})
		st := status.Convert(err)
		assert.Equal(t, tc.code, st.Code(), tc.service)
		assert.Equal(t, tc.row.Message(language.English), st.Message(), tc.service)
		require.NotEmpty(t, st.Details(), tc.service)
		info := st.Details()[0].(*errdetails.ErrorInfo)
		assert.Equal(t, errgrpc.Domain, info.GetDomain(), tc.service)
		assert.Equal(t, tc.row.String(), info.GetMetadata()[errgrpc.MetadataCode], tc.service)
		assert.NotContains(t, fmt.Sprint(st.Proto()), secret, tc.service)
	}
	assert.Equal(t, []errcode.Code{errcode.InternalServerError, errcode.InternalServerError, errcode.TokenExpired, errcode.InternalServerError},
		rows(front.observations()))
}

// rows returns the rows of observations.
func rows(observations []observation) []errcode.Code {
	var rows []errcode.Code
	for _, o := range observations {
		rows = append(rows, o.code)
	}
	return rows
}

// A record is bounded whatever the error or the panic says.
func TestServerLogRecordsAreBounded(t *testing.T) {
	ts := startServer(t)
	raw := ts.health(t, true)
	for _, service := range []string{svcHuge, svcHuge + "-panic"} {
		_, err := raw.Check(context.Background(), &grpc_health_v1.HealthCheckRequest{Service: service})
		assert.Equal(t, codes.Internal, status.Code(err), service)
	}
	for line := range strings.Lines(ts.log.String()) {
		assert.Less(t, len(line), 24<<10, "%.80s", line)
	}
	assert.Contains(t, ts.log.String(), strings.Repeat("x", 100)+"…")
	assert.Contains(t, ts.log.String(), strings.Repeat("p", 100)+"…")
}
