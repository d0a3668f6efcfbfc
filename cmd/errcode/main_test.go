package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCmd runs the command in-process with args and stdin, and returns its
// standard output, standard error and exit status.
func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	var out, errOut bytes.Buffer
	exit = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), exit
}

// decodeJSON decodes a JSON array of objects, failing t if it is not one.
func decodeJSON(t *testing.T, s string) []map[string]any {
	t.Helper()
	var v []map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &v), s)
	return v
}

const scenarioNotFound = `octopus.107002  ScenarioNotFound
  status:          404 Not Found
  retry:           no (retrying cannot help)
  message en:      Scenario is not exists
  message zh:      场景不存在
  remediation en:  Check and try again
  remediation zh:  请检查后重试
`

// TestExplain checks the whole explanation of octopus.107002.
func TestExplain(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "explain", "107002")
	assert.Equal(t, exitOK, exit)
	assert.Empty(t, errOut)
	assert.Equal(t, scenarioNotFound, out)
}

// TestExplainForms checks the forms of a code that explain accepts, those of
// rowsOf: any case, with or without octopus., the APIG. alias and constant
// names.
func TestExplainForms(t *testing.T) {
	for arg, first := range map[string]string{
		"107002":           "octopus.107002  ScenarioNotFound",
		"octopus.107002":   "octopus.107002  ScenarioNotFound",
		"OCTOPUS.107002":   "octopus.107002  ScenarioNotFound",
		" Octopus.107002 ": "octopus.107002  ScenarioNotFound",
		"ScenarioNotFound": "octopus.107002  ScenarioNotFound",
		"APIGW.0308":       "APIGW.0308  GatewayThrottled",
		"apigw.0308":       "APIGW.0308  GatewayThrottled",
		"APIG.0308":        "APIGW.0308  GatewayThrottled",
		"apig.0308":        "APIGW.0308  GatewayThrottled",
		"109005":           "octopus.109005  JobPreconditionFailed",
	} {
		t.Run(arg, func(t *testing.T) {
			out, errOut, exit := runCmd(t, "", "explain", arg)
			require.Equal(t, exitOK, exit, errOut)
			assert.Equal(t, first, strings.SplitN(out, "\n", 2)[0])
		})
	}
}

// TestExplainRetry checks the retry line of each retry kind.
func TestExplainRetry(t *testing.T) {
	for arg, want := range map[string]string{
		"ScenarioNotFound":    "  retry:           no (retrying cannot help)",
		"GatewayThrottled":    "  retry:           any (not processed: any request may be sent again)",
		"InternalServerError": "  retry:           idempotent (may have been processed: only GET, HEAD, OPTIONS, TRACE, PUT, DELETE or a request with an Idempotency-Key may be sent again)",
	} {
		out, errOut, exit := runCmd(t, "", "explain", arg)
		require.Equal(t, exitOK, exit, errOut)
		assert.Equal(t, want, strings.Split(out, "\n")[2], arg)
	}
}

// TestExplainLang checks -lang, before and after the codes, and a language the
// catalog lacks.
func TestExplainLang(t *testing.T) {
	want := `octopus.107002  ScenarioNotFound
  status:          404 Not Found
  retry:           no (retrying cannot help)
  message zh:      场景不存在
  remediation zh:  请检查后重试
`
	for _, args := range [][]string{
		{"explain", "-lang", "zh", "107002"},
		{"explain", "107002", "-lang", "zh"},
		{"explain", "-lang=zh-CN", "107002"},
		{"explain", "-lang", "zh_CN", "--", "107002"},
	} {
		out, errOut, exit := runCmd(t, "", args...)
		assert.Equal(t, exitOK, exit, "%q: %s", args, errOut)
		assert.Equal(t, want, out, "%q", args)
	}

	out, _, exit := runCmd(t, "", "explain", "-lang", "en", "107002")
	assert.Equal(t, exitOK, exit)
	assert.Contains(t, out, "  message en:      Scenario is not exists\n")
	assert.NotContains(t, out, "场景不存在")

	_, errOut, exit := runCmd(t, "", "explain", "-lang", "fr", "107002")
	assert.Equal(t, exitUsage, exit)
	assert.Equal(t, "errcode: -lang fr: the catalog has en, zh\n", errOut)
}

// TestExplainPlaceholders checks that a row with placeholders shows its
// texts as documented, its placeholders marked, and names them and the
// generated constructor that fills them, in text and in JSON.
func TestExplainPlaceholders(t *testing.T) {
	for arg, want := range map[string]string{
		"InvalidRequestParam": `octopus.000003  InvalidRequestParam
  status:          400 Bad Request
  retry:           no (retrying cannot help)
  message en:      Request params [{key}:{value}] is invalid
  message zh:      请求参数[{key}:{value}]错误
  remediation en:  Make sure the request parameter [{key}:{value}] is correct
  remediation zh:  请确保请求参数[{key}:{value}]正确
  placeholders:    key, value
  constructor:     errcode.InvalidRequestParamWith(key, value)
`,
		"apig.0607": `APIGW.0607  GatewayProtocolNotSupported
  status:          400 Bad Request
  retry:           no (retrying cannot help)
  message en:      The following protocol is supported: {xxx}
  message zh:      协议不支持,仅支持以下协议:{xxx}
  remediation en:  Use HTTP or HTTPS to access the API.
  remediation zh:  请使用HTTP或HTTPS访问API
  placeholders:    xxx
  constructor:     errcode.GatewayProtocolNotSupportedWith(xxx)
`,
	} {
		out, errOut, exit := runCmd(t, "", "explain", arg)
		require.Equal(t, exitOK, exit, errOut)
		assert.Equal(t, want, out)
	}

	out, _, exit := runCmd(t, "", "explain", "-json", "InvalidRequestParam")
	require.Equal(t, exitOK, exit)
	assert.Equal(t, []map[string]any{{
		"code":         "octopus.000003",
		"status":       float64(400),
		"name":         "InvalidRequestParam",
		"retryable":    false,
		"retry":        "no",
		"message":      map[string]any{"en": "Request params [{key}:{value}] is invalid", "zh": "请求参数[{key}:{value}]错误"},
		"remediation":  map[string]any{"en": "Make sure the request parameter [{key}:{value}] is correct", "zh": "请确保请求参数[{key}:{value}]正确"},
		"placeholders": []any{"key", "value"},
		"constructor":  "errcode.InvalidRequestParamWith(key, value)",
	}}, decodeJSON(t, out))

	// list shows the documented text too, and finds it by its marks.
	out, errOut, exit := runCmd(t, "", "list", "-grep", "{xxx}", "-lang", "zh")
	require.Equal(t, exitOK, exit, errOut)
	assert.Equal(t, "CODE        STATUS  NAME                         MESSAGE\n"+
		"APIGW.0607  400     GatewayProtocolNotSupported  协议不支持,仅支持以下协议:{xxx}\n", out)
}

// TestExplainSeveralRows checks that a code documented on several rows prints every row.
func TestExplainSeveralRows(t *testing.T) {
	out, _, exit := runCmd(t, "", "explain", "octopus.101006")
	require.Equal(t, exitOK, exit)
	var heads []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "octopus.") {
			heads = append(heads, line)
		}
	}
	assert.Equal(t, []string{
		"octopus.101006  TagUsedInSegments",
		"octopus.101006  TagUsedInPackages",
		"octopus.101006  TagUsedInDataWarehouse",
	}, heads)
	assert.Contains(t, out, "  message en:      Tag Used In Packages\n")
	assert.Contains(t, out, "  message zh:      标签被数据仓库引用\n")

	out, _, exit = runCmd(t, "", "explain", "-json", "apigw.0201")
	require.Equal(t, exitOK, exit)
	var statuses []float64
	for _, e := range decodeJSON(t, out) {
		assert.Equal(t, "APIGW.0201", e["code"])
		statuses = append(statuses, e["status"].(float64))
	}
	assert.Equal(t, []float64{400, 413, 414, 494, 502, 504}, statuses)
}

// TestExplainJSON checks the JSON form of one row, key by key.
func TestExplainJSON(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "explain", "-json", "octopus.107002")
	require.Equal(t, exitOK, exit, errOut)
	assert.Equal(t, []map[string]any{{
		"code":        "octopus.107002",
		"status":      float64(404),
		"name":        "ScenarioNotFound",
		"retryable":   false,
		"retry":       "no",
		"message":     map[string]any{"en": "Scenario is not exists", "zh": "场景不存在"},
		"remediation": map[string]any{"en": "Check and try again", "zh": "请检查后重试"},
	}}, decodeJSON(t, out))
	assert.True(t, strings.HasPrefix(out, "[\n"), out)
}

// TestExplainUndocumented checks exit status 1 and the nearest codes suggested for an
// undocumented code.
func TestExplainUndocumented(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "explain", "octopus.999999")
	assert.Equal(t, exitUndocumented, exit)
	assert.Empty(t, out)
	prefix := "errcode: octopus.999999 is not documented; nearest: "
	require.True(t, strings.HasPrefix(errOut, prefix), errOut)
	near := strings.Split(strings.TrimSuffix(strings.TrimPrefix(errOut, prefix), "\n"), ", ")
	require.Len(t, near, 3)
	for _, c := range near {
		_, ok := errcode.Lookup(c)
		assert.True(t, ok, c)
	}

	// One digit too many: the code it was meant to be comes first.
	assertFails(t, exitUndocumented, "errcode: 1070022 is not documented; nearest: octopus.107002, ", "explain", "1070022")

	assertFails(t, exitUndocumented, "errcode: apig.0309 is not documented; nearest: APIGW.0308, ", "explain", "apig.0309")

	assertFails(t, exitUndocumented, "errcode: ScenarioNotFund is not documented; nearest: ScenarioNotFound, ", "explain", "ScenarioNotFund")

	// The documented codes are still explained, on stdout.
	out, errOut, exit = runCmd(t, "", "explain", "107002", "999999")
	assert.Equal(t, exitUndocumented, exit)
	assert.Equal(t, scenarioNotFound, out)
	assert.True(t, strings.HasPrefix(errOut, "errcode: 999999 is not documented; nearest: "), errOut)

	// A name in any case is the name.
	out, _, exit = runCmd(t, "", "explain", "scenarionotfound")
	assert.Equal(t, exitOK, exit)
	assert.Equal(t, scenarioNotFound, out)

	// The argument is echoed with its control characters escaped.
	assertFails(t, exitUndocumented, `errcode: \x1b]0;owned\x07\nx is not documented; nearest: `, "explain", "\x1b]0;owned\a\nx")

	out, _, exit = runCmd(t, "", "explain", "-json", "999999")
	assert.Equal(t, exitUndocumented, exit)
	assert.Equal(t, "[]\n", out)
}

// TestList checks that list prints every row as an aligned table.
func TestList(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "list")
	require.Equal(t, exitOK, exit, errOut)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	n := 0
	for range errcode.All() {
		n++
	}
	require.Len(t, lines, n+1)
	header := lines[0]
	require.Regexp(t, `^CODE +STATUS +NAME +MESSAGE$`, header)
	col := strings.Index(header, "STATUS")
	for _, line := range lines[1:] {
		// ASCII columns before MESSAGE, so byte offsets align.
		assert.NotEqual(t, ' ', line[col], line)
		assert.Equal(t, byte(' '), line[col-1], line)
	}
	assert.Contains(t, out, "\nAPIGW.0308 ")
	assert.Contains(t, out, "Scenario is not exists\n")
}

// TestListFilters checks -status, -grep and list's exit status 1 when nothing matches.
func TestListFilters(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "list", "-status", "428")
	require.Equal(t, exitOK, exit, errOut)
	assert.Equal(t, "CODE            STATUS  NAME                   MESSAGE\n"+
		"octopus.109005  428     JobPreconditionFailed  The job precondition unsatisfied\n", out)

	out, _, exit = runCmd(t, "", "list", "-status", "428", "-lang", "zh")
	require.Equal(t, exitOK, exit)
	assert.NotContains(t, out, "The job precondition unsatisfied")

	out, _, exit = runCmd(t, "", "list", "-json", "-status", "428")
	require.Equal(t, exitOK, exit)
	v := decodeJSON(t, out)
	require.Len(t, v, 1)
	assert.Equal(t, "octopus.109005", v[0]["code"])
	assert.Equal(t, "JobPreconditionFailed", v[0]["name"])

	for text, want := range map[string]string{
		"THROTTLING":       "APIGW.0308",     // English message, any case
		"场景不存在":            "octopus.107002", // Chinese message
		"scenarionotfound": "octopus.107002", // name
		"octopus.109005":   "octopus.109005", // code
		"请检查后重试":           "octopus.107002", // Chinese remediation
	} {
		out, errOut, exit := runCmd(t, "", "list", "-grep", text)
		require.Equal(t, exitOK, exit, "%s: %s", text, errOut)
		assert.Contains(t, out, "\n"+want+" ", text)
	}

	out, _, exit = runCmd(t, "", "list", "-grep", "scenario", "-status", "404")
	require.Equal(t, exitOK, exit)
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n")[1:] {
		assert.Regexp(t, ` 404 `, line)
	}

	out, errOut, exit = runCmd(t, "", "list", "-status", "999")
	assert.Equal(t, exitUndocumented, exit)
	assert.Empty(t, out)
	assert.Equal(t, "errcode: no documented code matches\n", errOut)

	out, _, exit = runCmd(t, "", "list", "-json", "-grep", "no such text anywhere")
	assert.Equal(t, exitUndocumented, exit)
	assert.Equal(t, "[]\n", out)
}

// decodeCases are the decode inputs in testdata and the lines their text
// output must have.
var decodeCases = []struct {
	file   string
	exit   int
	lines  []string
	stderr string
}{
	{"curl-i-404.txt", exitOK, []string{
		"status:      404 Not Found",
		"request:     unknown",
		"code:        octopus.107002",
		"message:     Scenario is not exists",
		"request id:  5d1c6f0e9a8b4c3d",
		"retryable:   no",
		"octopus.107002  ScenarioNotFound",
		"  remediation zh:  请检查后重试",
	}, ""},
	{"curl-i-http2-lf.txt", exitOK, []string{
		"status:      429 Too Many Requests",
		"code:        APIG.0308",
		"message:     The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 minute",
		"request id:  0b7e44c1d2f3",
		"retryable:   yes",
		"retry after: 30s",
		"APIGW.0308  GatewayThrottled",
	}, ""},
	{"curl-i-502-html.txt", exitUndocumented, []string{
		"status:      502 Bad Gateway",
		"code:        none, the body is not a JSON error",
		"body:        <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>",
		"retryable:   no",
	}, ""},
	{"apigw-undocumented.json", exitUndocumented, []string{
		"status:      unknown",
		"code:        APIGW.0309 (undocumented)",
		"message:     Some new gateway error",
		"request id:  req-0309",
		"retryable:   no",
	}, "errcode: APIGW.0309 is not documented; nearest: APIGW.0308; run 'errcode explain APIGW.0308'\n"},
	{"apigw-0201.json", exitOK, []string{
		"status:      unknown",
		"code:        APIGW.0201",
		"APIGW.0201  GatewayBackendTimeout",
		"  status:          504 Gateway Timeout",
	}, ""},
}

// TestDecode decodes each file in testdata, from the file, from standard input and
// with CRLF line endings.
func TestDecode(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			out, errOut, exit := runCmd(t, "", "decode", path)
			require.Equal(t, tc.exit, exit, errOut)
			assert.Equal(t, tc.stderr, errOut)
			got := strings.Split(out, "\n")
			for _, line := range tc.lines {
				assert.Contains(t, got, line)
			}

			// The same from standard input, and with CRLF line endings.
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			for _, in := range []string{string(data), strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n", "\r\n")} {
				stdinOut, _, exit := runCmd(t, in, "decode")
				require.Equal(t, tc.exit, exit)
				assert.Equal(t, out, stdinOut)
			}
			stdinOut, _, _ := runCmd(t, string(data), "decode", "-")
			assert.Equal(t, out, stdinOut)
		})
	}
}

// TestDecodeUndocumentedHasNoRow checks that an undocumented code is shown without a row.
func TestDecodeUndocumentedHasNoRow(t *testing.T) {
	out, _, exit := runCmd(t, "", "decode", "testdata/apigw-undocumented.json")
	require.Equal(t, exitUndocumented, exit)
	assert.NotContains(t, out, "remediation")
	assert.False(t, strings.HasSuffix(out, "\n\n"), out)
}

// TestDecodeJSON checks decode's JSON form for a documented, an undocumented and a
// non-JSON response.
func TestDecodeJSON(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "decode", "-json", "testdata/curl-i-http2-lf.txt")
	require.Equal(t, exitOK, exit, errOut)
	v := decodeJSON(t, out)
	require.Len(t, v, 1)
	assert.Equal(t, "APIGW.0308", v[0]["code"])
	assert.Equal(t, float64(429), v[0]["status"])
	assert.Equal(t, "GatewayThrottled", v[0]["name"])
	assert.Equal(t, true, v[0]["retryable"])
	assert.Equal(t, "请求达到流控阈值", v[0]["message"].(map[string]any)["zh"])
	assert.Equal(t, map[string]any{
		"status":              float64(429),
		"code":                "APIG.0308",
		"message":             "The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 minute",
		"request_id":          "0b7e44c1d2f3",
		"retry_after_seconds": float64(30),
	}, v[0]["sent"])

	out, _, exit = runCmd(t, "", "decode", "-json", "testdata/apigw-undocumented.json")
	require.Equal(t, exitUndocumented, exit)
	assert.Equal(t, []map[string]any{{
		"code":        "APIGW.0309",
		"status":      float64(0),
		"name":        "",
		"retryable":   false,
		"message":     map[string]any{},
		"remediation": map[string]any{},
		"sent": map[string]any{
			"status":     float64(0),
			"code":       "APIGW.0309",
			"message":    "Some new gateway error",
			"request_id": "req-0309",
		},
	}}, decodeJSON(t, out))

	out, _, exit = runCmd(t, "", "decode", "testdata/curl-i-502-html.txt", "-json")
	require.Equal(t, exitUndocumented, exit)
	v = decodeJSON(t, out)
	require.Len(t, v, 1)
	assert.Equal(t, "", v[0]["code"])
	assert.Equal(t, float64(502), v[0]["status"])
	assert.Equal(t, false, v[0]["retryable"], "a 502 may follow the upstream's work, and no request is known")
	assert.Contains(t, v[0]["sent"].(map[string]any)["excerpt"], "<h1>502 Bad Gateway</h1>")
}

// TestDecodeOddInput checks a success response, an empty input, curl -L output,
// malformed and missing input.
func TestDecodeOddInput(t *testing.T) {
	out, errOut, exit := runCmd(t, "HTTP/1.1 200 OK\n\n{}", "decode")
	assert.Equal(t, exitOK, exit, errOut)
	assert.Equal(t, "status:      200 OK\nnot an error response\n", out)

	out, _, exit = runCmd(t, "HTTP/1.1 200 OK\n\n{}", "decode", "-json")
	assert.Equal(t, exitOK, exit)
	assert.Equal(t, "[]\n", out)

	out, _, exit = runCmd(t, "", "decode")
	assert.Equal(t, exitUndocumented, exit)
	assert.Equal(t, "status:      unknown\nrequest:     unknown\ncode:        none, the body is not a JSON error\nbody:        (empty)\nretryable:   no\n", out)

	// curl -L: a redirect, then the error.
	out, _, exit = runCmd(t, "HTTP/1.1 302 Found\nLocation: /x\n\nHTTP/1.1 404 Not Found\n\n"+
		`{"error":{"code":"octopus.107002","message":"Scenario is not exists"}}`, "decode")
	assert.Equal(t, exitOK, exit)
	assert.Contains(t, out, "status:      404 Not Found\nrequest:     unknown\ncode:        octopus.107002\n")

	_, errOut, exit = runCmd(t, "HTTP/1.1 garbage\n\n", "decode")
	assert.Equal(t, exitUsage, exit)
	assert.Equal(t, "errcode: standard input: not an HTTP response: malformed HTTP status code \"garbage\"\n", errOut)

	_, errOut, exit = runCmd(t, "", "decode", "testdata/no-such-file")
	assert.Equal(t, exitUsage, exit)
	assert.Contains(t, errOut, "no-such-file")

	_, _, exit = runCmd(t, "", "decode", "a", "b")
	assert.Equal(t, exitUsage, exit)
}

// TestUsage checks the help and usage errors of the command and each subcommand.
func TestUsage(t *testing.T) {
	// A bare errcode: the usage lines, not the whole help.
	out, errOut, exit := runCmd(t, "")
	assert.Equal(t, exitUsage, exit)
	assert.Empty(t, out)
	assert.Equal(t, "usage:\n"+
		"\terrcode explain [-lang en|zh] [-json] CODE...\n"+
		"\terrcode list [-status N] [-grep TEXT] [-lang en|zh] [-json]\n"+
		"\terrcode decode [-lang en|zh] [-json] [FILE]\n"+
		"\terrcode openapi [-status N,...] [-o FILE] [CODE...]\n"+
		"Run 'errcode help' for the whole help, 'errcode COMMAND -h' for one command.\n", errOut)

	for _, h := range []string{"-h", "-help", "--help", "help"} {
		out, errOut, exit = runCmd(t, "", h)
		assert.Equal(t, exitOK, exit, h)
		assert.Equal(t, usage, out, h)
		assert.Empty(t, errOut, h)
	}

	// A mistyped command: the nearest command, within two edits.
	for arg, want := range map[string]string{
		"frobnicate": "errcode: unknown command \"frobnicate\"\nRun 'errcode help' for usage.\n",
		"explian":    "errcode: unknown command \"explian\"; did you mean explain?\nRun 'errcode help' for usage.\n",
		"LIST":       "errcode: unknown command \"LIST\"; did you mean list?\nRun 'errcode help' for usage.\n",
		"decod":      "errcode: unknown command \"decod\"; did you mean decode?\nRun 'errcode help' for usage.\n",
		"hlep":       "errcode: unknown command \"hlep\"; did you mean help?\nRun 'errcode help' for usage.\n",
		"\x1b[2J":    "errcode: unknown command \"\\x1b[2J\"\nRun 'errcode help' for usage.\n",
	} {
		out, errOut, exit = runCmd(t, "", arg)
		assert.Equal(t, exitUsage, exit, arg)
		assert.Empty(t, out, arg)
		assert.Equal(t, want, errOut, arg)
	}

	for _, cmd := range subcommands {
		out, errOut, exit = runCmd(t, "", cmd.name, "-h")
		assert.Equal(t, exitOK, exit, cmd.name)
		assert.Empty(t, errOut, cmd.name)
		assert.True(t, strings.HasPrefix(out, "usage: errcode "+cmd.name+" "+cmd.synopsis+"\n"), out)
		assert.Contains(t, out, "\nflags:\n  -", cmd.name)

		out, errOut, exit = runCmd(t, "", cmd.name, "-bogus")
		assert.Equal(t, exitUsage, exit, cmd.name)
		assert.Empty(t, out)
		assert.Equal(t, "flag provided but not defined: -bogus\n"+
			"usage: errcode "+cmd.name+" "+cmd.synopsis+"\n"+
			"Run 'errcode "+cmd.name+" -h' for details.\n", errOut)
	}

	assertFails(t, exitUsage, "errcode explain: no CODE given\n", "explain")

	// An empty CODE is a usage error, not an undocumented code.
	for _, args := range [][]string{{"explain", ""}, {"explain", "107002", "  "}, {"openapi", ""}} {
		out, errOut, exit = runCmd(t, "", args...)
		assert.Equal(t, exitUsage, exit, "%q", args)
		assert.Empty(t, out, "%q", args)
		assert.Equal(t, "errcode "+args[0]+": empty CODE\nusage: errcode "+args[0]+" "+synopsis(args[0])+"\n"+
			"Run 'errcode "+args[0]+" -h' for details.\n", errOut, "%q", args)
	}

	assertFails(t, exitUsage, "errcode list: unexpected argument \"extra\"\n", "list", "extra")

	_, _, exit = runCmd(t, "", "list", "-status", "x")
	assert.Equal(t, exitUsage, exit)
}

// TestBinary builds the command and runs the README's first command,
// go run ./cmd/errcode explain octopus.107002, as the built binary.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "errcode")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	cmd := exec.Command(bin, "explain", "octopus.107002")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	assert.Equal(t, 0, cmd.ProcessState.ExitCode())
	assert.Equal(t, scenarioNotFound, stdout.String())
	assert.Empty(t, stderr.String())

	cmd = exec.Command(bin, "explain", "octopus.999999")
	err = cmd.Run()
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr)
	assert.Equal(t, exitUndocumented, exitErr.ExitCode())
}

// assertFails runs the command with args and checks that it exits with
// exit and that its standard error starts with prefix.
func assertFails(t *testing.T, exit int, prefix string, args ...string) {
	t.Helper()
	_, errOut, got := runCmd(t, "", args...)
	assert.Equal(t, exit, got, args)
	assert.True(t, strings.HasPrefix(errOut, prefix), errOut)
}
