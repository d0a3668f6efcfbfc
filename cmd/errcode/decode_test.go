package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodeCurlVerbose checks the whole text output for curl -v
// transcripts in testdata.
func TestDecodeCurlVerbose(t *testing.T) {
	scenario := "\n" + scenarioNotFound
	for file, want := range map[string]string{
		"curl-v-404.txt": "status:      404 Not Found\n" +
			"request:     GET /scenarios/s9\n" +
			"code:        octopus.107002\n" +
			"message:     Scenario is not exists\n" +
			"request id:  5d1c6f0e9a8b4c3d\n" +
			"retryable:   no\n" + scenario,
		"curl-v-100-continue-429.txt": "status:      429 Too Many Requests\n" +
			"request:     POST /jobs\n" +
			"code:        APIG.0308\n" +
			"message:     The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 minute\n" +
			"request id:  0b7e44c1d2f3\n" +
			"retryable:   yes\n" +
			"retry after: 30s\n" +
			"\n" +
			"APIGW.0308  GatewayThrottled\n" +
			"  status:          429 Too Many Requests\n" +
			"  retry:           any (not processed: any request may be sent again)\n" +
			"  message en:      The throttling threshold has been reached.\n" +
			"  remediation en:  Try again after the throttling resumes. By default, an API can be accessed a maximum of 200 times per second. The rate limits of cloud service APIs cannot be adjusted. Try again after the throttling resumes. To adjust the rate limit of an API you have created in API Gateway, contact technical support by submitting a service ticket.\n",
	} {
		args := []string{"decode", "testdata/" + file}
		if strings.Contains(file, "429") {
			args = append(args, "-lang", "en")
		}
		out, errOut, exit := runCmd(t, "", args...)
		assert.Equal(t, exitOK, exit, file)
		assert.Empty(t, errOut, file)
		assert.Equal(t, want, out, file)
	}
}

// TestDecodeRequest checks that decode reads the request of a curl -v
// transcript, so that its advice is errcode.Retryable's for that request:
// a POST answered 500 octopus.000002 may have been processed, so it is not
// to be retried, unless it had an Idempotency-Key; a PUT is.
func TestDecodeRequest(t *testing.T) {
	post := string(mustRead(t, "testdata/curl-v-post-500.txt"))
	redirected := string(mustRead(t, "testdata/curl-v-post-303-500.txt"))
	withKey := strings.Replace(post, "> Content-Length:", "> Idempotency-Key: 3f1d\r\n> Content-Length:", 1)
	require.NotEqual(t, post, withKey)
	head := func(request, retryable string) string {
		return "status:      500 Internal Server Error\n" +
			"request:     " + request + "\n" +
			"code:        octopus.000002\n" +
			"message:     Internal server error\n" +
			"request id:  7f3a9c2e41b0\n" +
			"retryable:   " + retryable + "\n" +
			"\n" +
			"octopus.000002  InternalServerError\n"
	}
	for name, tc := range map[string]struct{ in, want string }{
		"POST":                      {post, head("POST /v1/jobs", "no")},
		"POST with Idempotency-Key": {withKey, head("POST /v1/jobs, with an Idempotency-Key", "yes")},
		"PUT":                       {strings.Replace(post, "> POST ", "> PUT ", 1), head("PUT /v1/jobs", "yes")},
		// curl -L follows a POST's 303 with a GET; running it again sends the POST.
		"POST, 303, GET": {redirected, head("GET /v1/jobs/j7, redirected from POST /v1/jobs", "no")},
		"PUT, 303, GET":  {strings.Replace(redirected, "> POST ", "> PUT ", 1), head("GET /v1/jobs/j7, redirected from PUT /v1/jobs", "yes")},
		"HTTP/2": {strings.NewReplacer("> POST /v1/jobs HTTP/1.1", "> POST /v1/jobs HTTP/2", "< HTTP/1.1 500 Internal Server Error", "< HTTP/2 500 ",
			"> Content-Length:", "> idempotency-key: 3f1d\r\n> content-length:").Replace(post), head("POST /v1/jobs, with an Idempotency-Key", "yes")},
	} {
		out, errOut, exit := runCmd(t, tc.in, "decode", "-lang", "en")
		require.Equal(t, exitOK, exit, "%s: %s", name, errOut)
		assert.True(t, strings.HasPrefix(out, tc.want), "%s: %s", name, out)

		out, _, _ = runCmd(t, tc.in, "decode", "-json")
		assert.Equal(t, strings.Contains(tc.want, "yes"), decodeJSON(t, out)[0]["retryable"], name)
	}
}

// TestDecodeEscapes checks that text a response sent is printed with its
// control characters escaped: a message cannot set the terminal's title
// nor forge a line, in the message, the request id or an excerpt.
func TestDecodeEscapes(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "decode", "-lang", "en", "testdata/curl-v-hostile.txt")
	assert.Equal(t, exitOK, exit, errOut)
	assert.Equal(t, "status:      404 Not Found\n"+
		"request:     GET /hostile\n"+
		"code:        octopus.107002\n"+
		`message:     \x1b]0;owned\x07\n\nretryable:   yes`+"\n"+
		`request id:  r-1\x1b[2J\r`+"\n"+
		"retryable:   no\n"+
		"\n"+
		"octopus.107002  ScenarioNotFound\n"+
		"  status:          404 Not Found\n"+
		"  retry:           no (retrying cannot help)\n"+
		"  message en:      Scenario is not exists\n"+
		"  remediation en:  Check and try again\n", out)

	html := "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html>\x1b]0;owned\x07<b>\u009b2J\u202e</b></html>\n"
	out, _, exit = runCmd(t, html, "decode")
	assert.Equal(t, exitUndocumented, exit)
	assert.Equal(t, "status:      502 Bad Gateway\n"+
		"request:     unknown\n"+
		"code:        none, the body is not a JSON error\n"+
		`body:        <html>\x1b]0;owned\x07<b>\u009b2J\u202e</b></html>`+"\n"+
		"retryable:   no\n", out)

	// A code as sent is escaped too.
	out, _, exit = runCmd(t, `{"error_code":"x\u001b[31m","error_msg":"m"}`, "decode")
	assert.Equal(t, exitUndocumented, exit)
	assert.Contains(t, out, "code:        x\\x1b[31m (undocumented)\n")

	// JSON output: encoding/json escapes C0 controls; DEL, C1 and format
	// characters are escaped as well.
	for _, in := range []string{string(mustRead(t, "testdata/curl-v-hostile.txt")), html} {
		out, _, _ = runCmd(t, in, "decode", "-json")
		require.NotEmpty(t, out)
		assert.False(t, strings.ContainsFunc(out, func(r rune) bool { return r != '\n' && needsEscape(r) }), "%q", out)
		decodeJSON(t, out)
	}
}

// TestDecodeUndocumentedExit checks that decode exits 1 for a response
// with an undocumented code or none, as explain does, and 0 for a response
// that is not an error.
func TestDecodeUndocumentedExit(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "decode", "testdata/curl-v-undocumented.txt")
	assert.Equal(t, exitUndocumented, exit)
	assert.Equal(t, "errcode: octopus.999001 is not documented; nearest: octopus.109001; run 'errcode explain octopus.109001'\n", errOut)
	assert.Equal(t, "status:      409 Conflict\nrequest:     GET /other\ncode:        octopus.999001 (undocumented)\nmessage:     Something new\nretryable:   no\n", out)

	_, _, exit = runCmd(t, "", "decode", "-json", "testdata/curl-v-undocumented.txt")
	assert.Equal(t, exitUndocumented, exit)

	_, _, exit = runCmd(t, "HTTP/1.1 204 No Content\r\n\r\n", "decode")
	assert.Equal(t, exitOK, exit)
}

// TestDecodeEscapesArguments checks that a file name and a -lang value are
// echoed escaped in errors.
func TestDecodeEscapesArguments(t *testing.T) {
	_, errOut, exit := runCmd(t, "", "decode", "testdata/no\x1b[2Jsuch")
	assert.Equal(t, exitUsage, exit)
	assert.Equal(t, "errcode: open testdata/no\\x1b[2Jsuch: no such file or directory\n", errOut)

	_, errOut, exit = runCmd(t, "", "decode", "-lang", "x\ny")
	assert.Equal(t, exitUsage, exit)
	assert.Equal(t, "errcode: -lang x\\ny: the catalog has en, zh\n", errOut)
}

// TestDecodePointsToExplain checks what decode says on standard error of a
// code it cannot explain: the nearest documented code and explain for it,
// for a code in another case, a code sent as a number, an undocumented
// code; and explain for a bare code or name a person typed.
func TestDecodePointsToExplain(t *testing.T) {
	for in, want := range map[string]string{
		`{"error_code":"OCTOPUS.107002","error_msg":"Scenario is not exists"}`: "errcode: OCTOPUS.107002 is not documented; nearest: octopus.107002; run 'errcode explain octopus.107002'\n",
		`{"error_code":107002,"error_msg":"Scenario is not exists"}`:           "errcode: 107002 is not documented; nearest: octopus.107002; run 'errcode explain octopus.107002'\n",
		`{"error_code":"APIG.0309","error_msg":"x"}`:                           "errcode: APIG.0309 is not documented; nearest: APIGW.0308; run 'errcode explain APIGW.0308'\n",
		`{"error_code":"x\u001b[31m","error_msg":"m"}`:                         "errcode: x\\x1b[31m is not documented; nearest: NodeInUse; run 'errcode explain NodeInUse'\n",
		"107002\n":                             "errcode: 107002 is a code, not an error response; run 'errcode explain 107002'\n",
		" apig.0308 ":                          "errcode: apig.0308 is a code, not an error response; run 'errcode explain apig.0308'\n",
		"scenarionotfound":                     "errcode: scenarionotfound is a code, not an error response; run 'errcode explain scenarionotfound'\n",
		"octopus.1070022":                      "errcode: octopus.1070022 is not documented; nearest: octopus.107002; run 'errcode explain octopus.107002'\n",
		"not an error at all":                  "",
		"":                                     "",
		"HTTP/1.1 404 Not Found\r\n\r\n107002": "",
	} {
		_, errOut, exit := runCmd(t, in, "decode")
		assert.Equal(t, exitUndocumented, exit, "%q", in)
		assert.Equal(t, want, errOut, "%q", in)

		// The same with -json: the JSON on standard output, the hint beside it.
		out, errOut, _ := runCmd(t, in, "decode", "-json")
		assert.Equal(t, want, errOut, "%q", in)
		decodeJSON(t, out)
	}
}
