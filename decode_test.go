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
