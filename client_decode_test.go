package errcode_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strconv"
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
	re = decode(t, 502, http.Header{"Content-Encoding": {"deflate"}}, `{"error_code":"APIGW.0201"}`)
	assert.Equal(t, "APIGW.0201", re.WireCode, "not deflate at all: the body as sent, not what raw inflate makes of it")
	re = decode(t, 502, http.Header{"Content-Encoding": {"deflate"}}, page)
	assert.Equal(t, page, re.Excerpt, "not deflate at all: the body as sent")

	const body = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`
	whole := compress(t, body, gzipWriter)
	cut := whole[:len(whole)-12] // without the checksum and length
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, cut)
	assert.Equal(t, "octopus.107002", re.WireCode, "a cut gzip body: what it held")
	assert.Empty(t, re.Excerpt)
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, whole[:10])
	assert.Equal(t, "[10-byte body in Content-Encoding gzip, not decoded]", re.Excerpt, "nothing decoded: said plainly, never the compressed bytes")

	twice := compress(t, whole, gzipWriter)
	for _, h := range []http.Header{{"Content-Encoding": {"gzip, gzip"}}, {"Content-Encoding": {"gzip", "gzip"}}, {"Content-Encoding": {"gzip", "identity, GZIP"}}} {
		re = decode(t, 404, h, twice)
		assert.Equal(t, "Scenario is not exists", re.Message, "%v: decoded twice", h)
	}
	brotli := "\x8b\x0b\x80" + body + "\x03"
	re = decode(t, 404, http.Header{"Content-Encoding": {"br"}}, brotli)
	assert.Empty(t, re.WireCode)
	assert.Equal(t, "["+strconv.Itoa(len(brotli))+"-byte body in Content-Encoding br, not decoded]", re.Excerpt)
	five := http.Header{"Content-Encoding": {"gzip, gzip, gzip, gzip, gzip"}}
	re = decode(t, 404, five, twice)
	assert.Equal(t, "["+strconv.Itoa(len(twice))+"-byte body in more than 4 content codings, not decoded]", re.Excerpt, "a bounded number of codings")
}

// TestFromBodyReadsABoundedListOfCodings checks that the work of a
// Content-Encoding does not grow with its length: net/http's client takes
// a header of up to 10 MB, such as a million codings in one field line.
func TestFromBodyReadsABoundedListOfCodings(t *testing.T) {
	body := []byte(`{"error_code":"octopus.107002"}`)
	five := http.Header{"Content-Encoding": {strings.Repeat("br,", 5)}}
	million := http.Header{"Content-Encoding": {strings.Repeat("br,", 1_000_000)}}
	for _, h := range []http.Header{five, million} {
		re := sent(errcode.FromBody(404, h, body, nil))
		assert.Equal(t, "octopus.107002", re.WireCode, "not decoded: the body as sent")
	}
	want := allocs(t, func() { errcode.FromBody(404, five, body, nil) })
	assert.Equal(t, want, allocs(t, func() { errcode.FromBody(404, million, body, nil) }), "the same work for a million codings as for five")
}

// TestFromResponseKeepsTheRequestIDOfAnyBody checks that the body's
// request_id is kept when the body has neither a code nor a message, as
// when it has them: it is what an operator searches the logs by.
func TestFromResponseKeepsTheRequestIDOfAnyBody(t *testing.T) {
	const body = `{"request_id":"r4","detail":"upstream timed out"}`
	re := decode(t, 504, nil, body)
	assert.Equal(t, errcode.ResponseError{StatusCode: 504, RequestID: "r4", Excerpt: body}, sent(re))
	assert.Equal(t, "unexpected response: "+strconv.Quote(body)+" (HTTP 504, request id r4)", re.Error())
	re = decode(t, 504, http.Header{"X-Request-Id": {"h1"}}, body)
	assert.Equal(t, "h1", re.RequestID, "the header wins")
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
