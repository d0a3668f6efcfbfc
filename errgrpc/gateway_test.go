package errgrpc_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// A gateway answer: what a test compares.
type answer struct {
	status               int
	contentType, noSniff string
	body                 string
}

// get sends GET path to srv with header h and returns the answer.
func get(t *testing.T, srv *httptest.Server, path string, h http.Header) (answer, *http.Response) {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL+path, nil)
	require.NoError(t, err)
	req.Header = h.Clone()
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	resp.Body.Close()
	return answer{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("X-Content-Type-Options"), string(body)}, resp
}

// want returns what errcode.ServeError answers for err to a request with
// the header h.
func want(err error, h http.Header) answer {
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/", nil)
	r.Header = h.Clone()
	errcode.ServeError(w, r, err)
	return answer{w.Code, w.Header().Get("Content-Type"), w.Header().Get("X-Content-Type-Options"), w.Body.String()}
}

// headers are request headers of each language, as clients send them.
var headers = []http.Header{
	{},
	{"X-Language": {"zh-cn"}},
	{"X-Language": {"en-us"}},
	{"Accept-Language": {"zh-CN,zh;q=0.9,en;q=0.8"}},
}

// The gateway answers every row as errcode.ServeError does, byte for
// byte, in the request's language, and FromResponse decodes the same row.
func TestGatewayEveryRow(t *testing.T) {
	ts := startServer(t)
	srv := newGateway(t, ts.health(t, false))
	for _, h := range headers {
		for c := range errcode.All() {
			got, _ := get(t, srv, "/v1/check/"+c.Name(), h)
			assert.Equal(t, want(c, h), got, "%s %v", c.Name(), h)

			_, resp := get(t, srv, "/v1/check/"+c.Name(), h)
			resp.Body = io.NopCloser(stringsReader(got.body))
			var re *errcode.ResponseError
			require.True(t, errors.As(errcode.FromResponse(resp), &re), c.Name())
			assert.Equal(t, c, re.Code, "%s %v", c.Name(), h)
		}
	}
}

// The gateway of a raw client (no client interceptor) answers alike.
func TestGatewayRawClient(t *testing.T) {
	ts := startServer(t)
	srv := newGateway(t, ts.health(t, true))
	h := http.Header{"X-Language": {"zh-cn"}}
	for _, c := range []errcode.Code{errcode.ScenarioNotFound, errcode.TagUsedInDataWarehouse, errcode.GatewayRequestHeadersTooLarge} {
		got, _ := get(t, srv, "/v1/check/"+c.Name(), h)
		assert.Equal(t, want(c, h), got, c.Name())
	}
}

// Placeholder values, foreign errors, panics, a dependency's error, context
// errors and statuses without a row: the gateway answers as its own
// service would, never with the text of a cause or a status.
func TestGatewayAnswers(t *testing.T) {
	ts := startServer(t)
	srv := newGateway(t, ts.health(t, false))
	long := make([]byte, 3000)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	for _, tc := range []struct {
		service string
		want    error
	}{
		{svcValues, errcode.InvalidRequestParam.With("key", valueKey, "value", valueValue)},
		{svcForeign, errcode.InternalServerError},
		{svcPanic, errcode.InternalServerError},
		{svcDependency, errcode.InternalServerError},
		{svcRelay, relayedRow},
		{svcCanceled, errcode.InternalServerError},
		{svcDeadline, errcode.HTTPGatewayTimeout},
		{svcStatus, errcode.HTTPNotFound},
	} {
		for _, h := range headers {
			got, _ := get(t, srv, "/v1/check/"+tc.service, h)
			assert.Equal(t, want(tc.want, h), got, "%s %v", tc.service, h)
		}
	}
}

// A placeholder value of any bytes reaches the gateway's body exactly as
// errcode.ServeError writes it.
func TestGatewayHostileValues(t *testing.T) {
	srv := newGateway(t, startServer(t).health(t, false))
	for i, v := range hostileValues {
		for _, h := range headers {
			got, _ := get(t, srv, "/v1/check/"+svcValue+strconv.Itoa(i), h)
			assert.Equal(t, want(errcode.InvalidRequestParam.With("key", "k", "value", v), h), got, "%q %v", v, h)
		}
	}
}

// A route the gateway does not have is answered with the general row.
func TestGatewayRouting(t *testing.T) {
	ts := startServer(t)
	srv := newGateway(t, ts.health(t, false))
	h := http.Header{"X-Language": {"zh-cn"}}
	got, _ := get(t, srv, "/v2/nothing", h)
	assert.Equal(t, want(errcode.HTTPNotFound, h), got)

	req, err := http.NewRequest("POST", srv.URL+"/v1/check/x", nil)
	require.NoError(t, err)
	req.Header = h
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, want(errcode.HTTPMethodNotAllowed, h),
		answer{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("X-Content-Type-Options"), string(body)})
}

// A path the mux cannot unescape is answered as a bad request, not as a
// server failure.
func TestGatewayMalformedPath(t *testing.T) {
	srv := newGateway(t, startServer(t).health(t, false))
	r := httptest.NewRequest("GET", "/v1/check/x", nil)
	r.URL.RawPath = "/v1/check/%zz" // as a router in front may pass it
	r.Header.Set("X-Language", "zh-cn")
	w := httptest.NewRecorder()
	srv.Config.Handler.ServeHTTP(w, r)
	assert.Equal(t, want(errcode.HTTPBadRequest, r.Header), answer{w.Code, w.Header().Get("Content-Type"), w.Header().Get("X-Content-Type-Options"), w.Body.String()})
}

// A server-streaming route reports a stream's error as the stream's last
// chunk, with the row's status and no text of a cause, in the language of
// the Accept-Language a stock gateway forwards.
func TestGatewayStream(t *testing.T) {
	ts := startServer(t)
	srv := newGateway(t, ts.health(t, false))
	zh := http.Header{"Accept-Language": {"zh-CN,zh;q=0.9"}}
	got, _ := get(t, srv, "/v1/watch/"+errcode.TagUsedInPackages.Name(), zh)
	assert.Equal(t, http.StatusOK, got.status)
	chunks := strings.Split(strings.TrimSuffix(got.body, "\n"), "\n")
	require.Len(t, chunks, 2, got.body)
	assert.JSONEq(t, `{"result":{"status":"SERVING"}}`, chunks[0])
	assert.JSONEq(t, `{"error":{"code":10,"message":"Tag Used In Packages","details":[`+
		`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TAG_USED_IN_PACKAGES","domain":"octopus.myhuaweicloud.com","metadata":{"errorCode":"octopus.101006","remediation":"请检查数据包状态或解除标签引用"}},`+
		`{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"zh-CN","message":"标签被数据包引用"}]}}`, chunks[1])

	// A status without a row is answered with the general row, in the
	// same language.
	got, _ = get(t, srv, "/v1/watch/"+svcStatus, zh)
	chunks = strings.Split(strings.TrimSuffix(got.body, "\n"), "\n")
	require.Len(t, chunks, 2, got.body)
	assert.JSONEq(t, `{"error":{"code":5,"message":"The resource does not exist.","details":[`+
		`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"HTTP_NOT_FOUND","domain":"octopus.myhuaweicloud.com","metadata":{"errorCode":"octopus.400004","remediation":"`+errcode.HTTPNotFound.Remediation(languages[1].tag)+`"}},`+
		`{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"zh-CN","message":"`+errcode.HTTPNotFound.Message(languages[1].tag)+`"}]}}`, chunks[1])

	got, _ = get(t, srv, "/v1/watch/"+svcForeign, nil)
	assert.NotContains(t, got.body, secret)
	assert.Contains(t, got.body, `"errorCode":"octopus.000002"`)
}

// ErrorHandler honours a *runtime.HTTPStatusError's status, and answers a
// status that is not the package's, or no status, without its message.
func TestErrorHandlerDirect(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want error
	}{
		{&runtime.HTTPStatusError{HTTPStatus: 405, Err: status.Error(codes.Unimplemented, secret)}, errcode.HTTPMethodNotAllowed},
		{&runtime.HTTPStatusError{HTTPStatus: 400, Err: errors.New(secret)}, errcode.HTTPBadRequest},
		{&runtime.HTTPStatusError{HTTPStatus: 404, Err: errors.New(secret)}, errcode.HTTPNotFound},
		{status.Error(codes.PermissionDenied, secret), errcode.HTTPForbidden},
		{status.Error(codes.Unavailable, secret), errcode.InternalServerError},
		{errors.New(secret), errcode.InternalServerError},
		{errcode.ScenarioNotFound.Wrap(status.Error(codes.Internal, secret)), errcode.ScenarioNotFound},
	} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Language", "zh-cn")
		w.Header().Set("Transfer-Encoding", "chunked")
		errgrpc.ErrorHandler(r.Context(), nil, nil, w, r, tc.err)
		assert.Equal(t, want(tc.want, r.Header), answer{w.Code, w.Header().Get("Content-Type"), w.Header().Get("X-Content-Type-Options"), w.Body.String()}, tc.err)
		assert.Empty(t, w.Header().Get("Transfer-Encoding"))
	}
}

// TestGatewayStreamOverABackendWithoutInterceptors checks that a stream's
// error is made again from its row, as ErrorHandler answers a unary call's:
// a backend without errgrpc's interceptors that returns a dependency's
// status as it came (its message holding a secret) gets its row's text, not
// the dependency's.
func TestGatewayStreamOverABackendWithoutInterceptors(t *testing.T) {
	srv := newGateway(t, serve(t, healthServer{}, false).health(t, false))
	unary, _ := get(t, srv, "/v1/check/"+svcDependency, nil)
	assert.Equal(t, want(errcode.TokenExpired, nil), unary, "the unary call: the row")

	got, _ := get(t, srv, "/v1/watch/"+svcDependency, nil)
	chunks := strings.Split(strings.TrimSuffix(got.body, "\n"), "\n")
	require.Len(t, chunks, 2, got.body)
	assert.NotContains(t, got.body, secret)
	assert.JSONEq(t, `{"error":{"code":16,"message":"The request token expires","details":[`+
		`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TOKEN_EXPIRED","domain":"octopus.myhuaweicloud.com","metadata":{"errorCode":"octopus.000102","remediation":"`+errcode.TokenExpired.Remediation(languages[0].tag)+`"}},`+
		`{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"The request token expires"}]}}`, chunks[1])
}
