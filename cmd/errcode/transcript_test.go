package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scenarioBody is the body of the 404 responses in testdata.
const scenarioBody = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`

// TestReadResponseVerbose checks that the response of a curl -v transcript
// is its last one, its body what follows its headers unprefixed, without
// the request, curl's notes, data markers or progress meter.
func TestReadResponseVerbose(t *testing.T) {
	for file, want := range map[string]struct {
		status int
		body   string
	}{
		"curl-v-404.txt":              {404, scenarioBody},
		"curl-v-progress-404.txt":     {404, scenarioBody},
		"curl-v-redirect-404.txt":     {404, scenarioBody},
		"curl-v-100-continue-429.txt": {429, `{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 minute"}` + "\n"},
		"curl-v-undocumented.txt":     {409, `{"error_code":"octopus.999001","error_msg":"Something new"}`},
	} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", file))
			require.NoError(t, err)
			require.True(t, isVerbose(data))
			resp, err := readResponse(data)
			require.NoError(t, err)
			assert.Equal(t, want.status, resp.StatusCode)
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, want.body, string(body))
		})
	}
}

// TestReadResponseRequest checks the request of a response: in a curl -v
// transcript, the last request before its status line, with its headers;
// none in curl -i output or a bare body.
func TestReadResponseRequest(t *testing.T) {
	for file, want := range map[string]string{
		"curl-v-404.txt":              "GET /scenarios/s9",
		"curl-v-redirect-404.txt":     "GET /scenarios/s9",
		"curl-v-100-continue-429.txt": "POST /jobs",
		"curl-v-post-500.txt":         "POST /v1/jobs",
		"curl-v-post-303-500.txt":     "GET /v1/jobs/j7",
		"curl-i-404.txt":              "",
		"apigw-0201.json":             "",
	} {
		resp, err := readResponse(mustRead(t, filepath.Join("testdata", file)))
		require.NoError(t, err, file)
		if want == "" {
			assert.Nil(t, resp.Request, file)
			continue
		}
		require.NotNil(t, resp.Request, file)
		assert.Equal(t, want, resp.Request.Method+" "+resp.Request.RequestURI, file)
		assert.Equal(t, "curl/7.88.1", resp.Request.Header.Get("User-Agent"), file)
	}

	// A request that a redirect made links the request before it, as
	// net/http links them, through the redirect's response.
	resp, err := readResponse(mustRead(t, filepath.Join("testdata", "curl-v-post-303-500.txt")))
	require.NoError(t, err)
	require.NotNil(t, resp.Request.Response)
	assert.Equal(t, http.StatusSeeOther, resp.Request.Response.StatusCode)
	require.NotNil(t, resp.Request.Response.Request)
	assert.Equal(t, "POST /v1/jobs", resp.Request.Response.Request.Method+" "+resp.Request.Response.Request.RequestURI)
	resp, err = readResponse(mustRead(t, filepath.Join("testdata", "curl-v-redirect-404.txt")))
	require.NoError(t, err)
	require.NotNil(t, resp.Request.Response)
	assert.Equal(t, "GET /old", resp.Request.Response.Request.Method+" "+resp.Request.Response.Request.RequestURI)
	resp, err = readResponse(mustRead(t, filepath.Join("testdata", "curl-v-100-continue-429.txt")))
	require.NoError(t, err)
	assert.Nil(t, resp.Request.Response, "an interim response is no redirect")

	// A line of a body that starts with "> " is no request.
	in := "> POST /a HTTP/1.1\n>\n< HTTP/1.1 404 Not Found\n<\n> quoted\n> GET /b HTTP/1.1\n"
	resp, err = readResponse([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, "POST", resp.Request.Method)

	_, err = readResponse([]byte("> POST /a HTTP/1.1\n> bad header\n>\n< HTTP/1.1 500 Internal Server Error\n<\n{}"))
	assert.EqualError(t, err, `not an HTTP request: malformed MIME header: missing colon: "bad header"`)
}

// TestReadResponseVerboseGlued checks a transcript copied from a terminal,
// where curl's last note is glued to a body without a final newline.
func TestReadResponseVerboseGlued(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "curl-v-404.txt"))
	require.NoError(t, err)
	note := "* Connection #0 to host 127.0.0.1 left intact\n"
	in := strings.Replace(strings.TrimSuffix(string(data), scenarioBody), note, scenarioBody+note, 1)
	require.NotEqual(t, string(data), in)
	resp, err := readResponse([]byte(in))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, scenarioBody, string(body))

	in = "< HTTP/1.1 404 Not Found\r\n< \r\n" + scenarioBody + "* Closing connection 0\n"
	resp, err = readResponse([]byte(in))
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	assert.Equal(t, scenarioBody, string(body))
}

// TestReadResponseHeadersOnly checks a response whose headers do not end
// in a blank line, in curl -i and in curl -v form.
func TestReadResponseHeadersOnly(t *testing.T) {
	for _, in := range []string{"HTTP/1.1 503 Service Unavailable\nRetry-After: 5", "< HTTP/2 503 \r\n< retry-after: 5\r\n"} {
		resp, err := readResponse([]byte(in))
		require.NoError(t, err, "%q", in)
		assert.Equal(t, 503, resp.StatusCode)
		assert.Equal(t, "5", resp.Header.Get("Retry-After"))
		body, _ := io.ReadAll(resp.Body)
		assert.Empty(t, body)
	}
}

// TestReadResponseManyInterim checks that thousands of interim responses,
// in curl -i and curl -v form, are skipped to the final response. Reading
// takes time linear in the input; no timing is asserted.
func TestReadResponseManyInterim(t *testing.T) {
	const n = 50000
	final := "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n" + scenarioBody
	for name, in := range map[string]string{
		"curl -i": strings.Repeat("HTTP/1.1 100 Continue\r\n\r\n", n) + final,
		"curl -v": strings.Repeat("< HTTP/1.1 100 Continue\r\n", n) + "< " + strings.ReplaceAll(strings.TrimSuffix(final, scenarioBody), "\r\n", "\r\n< ") + "\r\n" + scenarioBody,
	} {
		t.Run(name, func(t *testing.T) {
			require.Less(t, len(in), maxInput)
			resp, err := readResponse([]byte(in))
			require.NoError(t, err)
			assert.Equal(t, 404, resp.StatusCode)
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, scenarioBody, string(body))
		})
	}
}

// mustRead returns the contents of the file at path.
func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// FuzzReadResponse checks that no input makes readResponse panic, and that
// a response it returns has a body to read.
func FuzzReadResponse(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	require.NoError(f, err)
	for _, e := range entries {
		if !e.IsDir() {
			f.Add(mustRead(f, filepath.Join("testdata", e.Name())))
		}
	}
	f.Add([]byte("< HTTP/1.1 100 Continue\r\n< HTTP/2 404 \r\n<\r\n{}* Closing connection 0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := readResponse(data)
		if err != nil {
			return
		}
		require.NotNil(t, resp.Body)
		_, err = io.ReadAll(resp.Body)
		require.NoError(t, err)
	})
}
