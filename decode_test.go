package errcode_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compress returns text compressed by the writer w makes.
func compress(t *testing.T, text string, w func(io.Writer) io.WriteCloser) string {
	t.Helper()
	var b bytes.Buffer
	zw := w(&b)
	_, err := io.WriteString(zw, text)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.String()
}

func gzipWriter(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }
func zlibWriter(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) }
func flateWriter(w io.Writer) io.WriteCloser {
	zw, _ := flate.NewWriter(w, flate.BestSpeed)
	return zw
}

func TestFromResponseDecompresses(t *testing.T) {
	const body = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`
	for _, tt := range []struct {
		encoding string
		writer   func(io.Writer) io.WriteCloser
	}{
		{"gzip", gzipWriter},
		{"x-gzip", gzipWriter},
		{"GZIP", gzipWriter},
		{"deflate", zlibWriter},
		{"deflate", flateWriter}, // raw deflate, as some servers send it
	} {
		re := decode(t, 404, http.Header{"Content-Encoding": {tt.encoding}}, compress(t, body, tt.writer))
		assert.ErrorIs(t, re, errcode.ScenarioNotFound, tt.encoding)
		assert.Equal(t, "Scenario is not exists", re.Message, tt.encoding)
		assert.Empty(t, re.Excerpt, tt.encoding)
	}
}

func TestFromResponseDecompressesAtMostOneMiB(t *testing.T) {
	// A bomb: 64 MiB of JSON in about 64 KiB of gzip.
	head := `{"error_code":"octopus.107002","error_msg":"`
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	require.NoError(t, err)
	_, err = io.WriteString(zw, head)
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 64 {
		_, err = zw.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.Less(t, b.Len(), 1<<20, "the bomb fits the read bound")

	re := decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, b.String())
	assert.Empty(t, re.WireCode, "cut at 1 MiB after decompression: no JSON")
	assert.Equal(t, head+strings.Repeat("\x00", 256-len(head))+"…", re.Excerpt)
}

func TestFromResponseKeepsWhatDoesNotDecompress(t *testing.T) {
	page := "<html>502 Bad Gateway</html>"
	re := decode(t, 502, http.Header{"Content-Encoding": {"gzip"}}, page)
	assert.Equal(t, page, re.Excerpt, "not gzip at all: the body as sent")
	re = decode(t, 502, http.Header{"Content-Encoding": {"br"}}, `{"error_code":"APIGW.0201"}`)
	assert.Equal(t, "APIGW.0201", re.WireCode, "an encoding it does not know: the body as sent")

	cut := compress(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, gzipWriter)
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, cut[:len(cut)/2])
	assert.NotContains(t, re.Excerpt, "\x1f\x8b", "a cut gzip body: what it held, not its bytes")
}

func TestFromResponseBodyShapes(t *testing.T) {
	for _, tt := range []struct {
		name, body    string
		code, msg, id string
	}{
		{"code and message", `{"code":"octopus.000102","message":"The request token expires","request_id":"r1"}`, "octopus.000102", "The request token expires", "r1"},
		{"nested", `{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information: decrypt token fail"},"request_id":"r2"}`, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail", "r2"},
		{"nested error_code", `{"error":{"error_code":"octopus.000102","error_msg":"请求token过期","request_id":"r3"}}`, "octopus.000102", "请求token过期", "r3"},
		{"error_code wins over code", `{"code":"x.1","error_code":"octopus.000102","error_msg":"m"}`, "octopus.000102", "m", ""},
		{"BOM", "\uFEFF" + `{"error_code":"octopus.000102","error_msg":"m"}`, "octopus.000102", "m", ""},
	} {
		re := decode(t, 401, nil, tt.body)
		assert.Equal(t, tt.code, re.WireCode, tt.name)
		assert.Equal(t, tt.msg, re.Message, tt.name)
		assert.Equal(t, tt.id, re.RequestID, tt.name)
		assert.Empty(t, re.Excerpt, tt.name)
		want, _ := errcode.Lookup(tt.code)
		assert.ErrorIs(t, re, want, tt.name)
	}
}

func TestFromResponseKeepsTheEncodedAuthorizationMessage(t *testing.T) {
	for _, body := range []string{
		`{"error_code":"APIGW.0305","error_msg":"denied","encoded_authorization_message":"4Tf1...x"}`,
		`{"error":{"code":"APIGW.0305","message":"denied","encoded_authorization_message":"4Tf1...x"}}`,
	} {
		re := decode(t, 403, nil, body)
		assert.Equal(t, "4Tf1...x", re.EncodedAuthorizationMessage, body)
		assert.Equal(t, "APIGW.0305: denied (HTTP 403)", re.Error(), "left out of Error")
	}
}
