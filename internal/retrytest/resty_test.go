package retrytest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-resty/resty/v2"
	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newServer returns a server that answers every request with status,
// header and body.
func newServer(t *testing.T, status int, header http.Header, body string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRestyDecodesTheExactRow(t *testing.T) {
	srv := newServer(t, 409, http.Header{"X-Request-Id": {"r-409"}},
		`{"error_code":"octopus.101006","error_msg":"Tag Used In Data Warehouse"}`)
	resp, err := resty.New().R().SetHeader("Idempotency-Key", "k").Post(srv.URL + "/v1/tags/t1")
	require.NoError(t, err)

	err = errcode.FromBody(resp.StatusCode(), resp.Header(), resp.Body(), resp.Request.RawRequest)
	require.Error(t, err)
	assert.ErrorIs(t, err, errcode.TagUsedInDataWarehouse)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, errcode.TagUsedInDataWarehouse, re.Code, "the exact row of three")
	assert.Equal(t, 409, re.StatusCode)
	assert.Equal(t, errcode.TagUsedInDataWarehouse, re.Code)
	assert.Equal(t, "octopus.101006", re.WireCode)
	assert.Equal(t, "Tag Used In Data Warehouse", re.Message)
	assert.Equal(t, "r-409", re.RequestID)
	assert.Empty(t, re.Excerpt)
	assert.False(t, errcode.Retryable(err))

	ok, err := resty.New().R().Get(srv.URL)
	require.NoError(t, err)
	assert.NoError(t, errcode.FromBody(200, ok.Header(), nil, nil))
}

// The raw request resty sent tells Retryable its method and
// Idempotency-Key.
func TestRestyRetryableKnowsTheRequest(t *testing.T) {
	srv := newServer(t, 500, nil, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`)
	for _, tt := range []struct {
		method, key string
		want        bool
	}{
		{http.MethodPost, "", false}, // may have been processed
		{http.MethodPost, "7c1d", true},
		{http.MethodGet, "", true},
	} {
		req := resty.New().R()
		if tt.key != "" {
			req.SetHeader("Idempotency-Key", tt.key)
		}
		resp, err := req.Execute(tt.method, srv.URL+"/v1/jobs")
		require.NoError(t, err)
		err = errcode.FromBody(resp.StatusCode(), resp.Header(), resp.Body(), resp.Request.RawRequest)
		assert.ErrorIs(t, err, errcode.InternalServerError)
		assert.Equal(t, tt.want, errcode.Retryable(err), "%s key=%q", tt.method, tt.key)
	}
}
