package errcode_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
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
	// A bomb: a whole JSON document of 64 MiB in about 64 KiB of gzip.
	head := `{"error_code":"octopus.107002","error_msg":"`
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	require.NoError(t, err)
	_, err = io.WriteString(zw, head)
	require.NoError(t, err)
	as := bytes.Repeat([]byte("a"), 1<<20)
	for range 64 {
		_, err = zw.Write(as)
		require.NoError(t, err)
	}
	_, err = io.WriteString(zw, `"}`)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.Less(t, b.Len(), 1<<20, "the bomb fits the read bound")
	whole, err := gzip.NewReader(bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	var doc struct {
		ErrorCode string `json:"error_code"`
	}
	require.NoError(t, json.NewDecoder(whole).Decode(&doc), "whole, the bomb is valid JSON")
	require.Equal(t, "octopus.107002", doc.ErrorCode)

	re := decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, b.String())
	assert.Empty(t, re.WireCode, "cut at 1 MiB after decompression: no JSON")
	assert.Equal(t, head+strings.Repeat("a", 256-len(head))+"…", re.Excerpt)
}

func TestFromResponseKeepsWhatDoesNotDecompress(t *testing.T) {
	page := "<html>502 Bad Gateway</html>"
	re := decode(t, 502, http.Header{"Content-Encoding": {"gzip"}}, page)
	assert.Equal(t, page, re.Excerpt, "not gzip at all: the body as sent")
	re = decode(t, 502, http.Header{"Content-Encoding": {"br"}}, `{"error_code":"APIGW.0201"}`)
	assert.Equal(t, "APIGW.0201", re.WireCode, "an encoding it does not know: the body as sent")

	const body = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`
	whole := compress(t, body, gzipWriter)
	cut := whole[:len(whole)-12] // without the checksum and length
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, cut)
	assert.Equal(t, "octopus.107002", re.WireCode, "a cut gzip body: what it held")
	assert.Empty(t, re.Excerpt)
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip"}}, whole[:10])
	assert.Equal(t, "[10-byte body in Content-Encoding gzip, not decoded]", re.Excerpt, "nothing decoded: said plainly, never the compressed bytes")
	long := `{"error_code":"octopus.000003","error_msg":"Request params [` + strings.Repeat("k", 100) + `:` + strings.Repeat("v", 100) + `] is invalid"}`
	halfway := compress(t, long, flateWriter)
	halfway = halfway[:len(halfway)/2]
	re = decode(t, 400, http.Header{"Content-Encoding": {"deflate"}}, halfway)
	assert.Empty(t, re.WireCode, "half a body: no JSON")
	require.NotEmpty(t, re.Excerpt)
	assert.True(t, strings.HasPrefix(long, re.Excerpt), "what half the body held, decoded, never the compressed bytes: %q", re.Excerpt)

	twice := compress(t, whole, gzipWriter)
	for _, h := range []http.Header{{"Content-Encoding": {"gzip, gzip"}}, {"Content-Encoding": {"gzip", "gzip"}}, {"Content-Encoding": {"gzip", "identity, GZIP"}}} {
		re = decode(t, 404, h, twice)
		assert.Equal(t, "Scenario is not exists", re.Message, "%v: decoded twice", h)
	}
	brotli := "\x8b\x0b\x80" + body + "\x03"
	re = decode(t, 404, http.Header{"Content-Encoding": {"br"}}, brotli)
	assert.Empty(t, re.WireCode)
	assert.Equal(t, "["+strconv.Itoa(len(brotli))+"-byte body in Content-Encoding br, not decoded]", re.Excerpt)
	four := compress(t, compress(t, twice, gzipWriter), zlibWriter)
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip, gzip", "gzip, deflate"}}, four)
	assert.Equal(t, "Scenario is not exists", re.Message, "four codings: decoded")
	five := http.Header{"Content-Encoding": {"gzip, gzip, gzip, gzip, gzip"}}
	re = decode(t, 404, five, twice)
	assert.Equal(t, "["+strconv.Itoa(len(twice))+"-byte body in 5 content codings, not decoded]", re.Excerpt, "a bounded number of codings")
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
