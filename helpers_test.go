package errcode_test

// The helpers and fakes of the package's tests: every fake response body
// and ResponseWriter, the log recorder, the request and serve helpers, and
// every other helper that more than one test file uses. A helper of one
// test file only stays in that file.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// placeholder is the placeholder rule, {name}, written another way than
// the renderer's: the oracle for the texts of the docs and for the bodies
// and messages the package renders.
var placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// jsonBody is the body encoding/json writes for a code and a message.
func jsonBody(t testing.TB, code, msg string) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{code, msg})
	require.NoError(t, err)
	return string(b)
}

// fill returns text with each placeholder replaced by the last value
// params (name, value pairs) gives it, cut as by cutValue, or by its bare
// name without a value.
func fill(text string, params []string) string {
	return placeholder.ReplaceAllStringFunc(text, func(p string) string {
		name := p[1 : len(p)-1]
		v, ok := "", false
		for i := 0; i+1 < len(params); i += 2 {
			if params[i] == name {
				v, ok = params[i+1], true
			}
		}
		if !ok {
			return name
		}
		return cutValue(v)
	})
}

// bareNames is text as a body without values reads: each placeholder as
// its bare name.
func bareNames(text string) string { return fill(text, nil) }

// cutValue is a placeholder value as a message repeats it: at most
// MaxParamBytes bytes, cut at a character boundary and ended with "…"
// when longer.
func cutValue(v string) string {
	if len(v) <= errcode.MaxParamBytes {
		return v
	}
	n := errcode.MaxParamBytes
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return v[:n] + "…"
}

// The documented tables, read by the tests themselves rather than by the
// generator's parser, so that the two check each other.

// docRow is one row of a documented table, read by the test itself rather
// than by the generator's parser, so that the two check each other.
type docRow struct {
	line                                    int
	status                                  int
	code, message, description, remediation string
	retry, reason                           string
}

// docPlaceholders returns the names of the placeholders of texts, each
// once, in order; nil for none, as Code.Placeholders returns them.
func docPlaceholders(texts ...string) []string {
	var names []string
	for _, text := range texts {
		for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
	}
	return names
}

// readDoc reads the rows of the tables in file whose header names the
// columns; header maps a field to its header text in that file.
func readDoc(t *testing.T, file string, header map[string]string) []docRow {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var rows []docRow
	var col map[string]int
	for i, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if strings.HasPrefix(strings.TrimSpace(line), "|---") || !strings.Contains(line, "|") {
			continue
		}
		if cells[0] == header["status"] || cells[0] == header["code"] {
			col = map[string]int{}
			for j, c := range cells {
				for f, h := range header {
					if c == h {
						col[f] = j
					}
				}
			}
			continue
		}
		get := func(f string) string {
			if j, ok := col[f]; ok {
				return cells[j]
			}
			return ""
		}
		status, err := strconv.Atoi(get("status"))
		require.NoError(t, err, "%s:%d", file, i+1)
		rows = append(rows, docRow{i + 1, status, get("code"), get("message"), get("description"), get("remediation"), get("retry"), get("reason")})
	}
	return rows
}

var (
	zhHeader = map[string]string{"status": "状态码", "code": "错误码", "message": "错误信息", "description": "描述", "remediation": "处理措施"}
	enHeader = map[string]string{"status": "Status Code", "code": "Error Code", "message": "Error Message", "description": "Description", "remediation": "Solution"}
	gwHeader = map[string]string{"status": "HTTP Status Code", "code": "Error Code", "message": "Error Message", "description": "Description", "remediation": "Corrective Action"}
)

// catalogRows returns the catalog's Codes whose wire code starts with
// prefix, in order.
func catalogRows(prefix string) []errcode.Code {
	var cs []errcode.Code
	for c := range errcode.All() {
		if strings.HasPrefix(c.String(), prefix) {
			cs = append(cs, c)
		}
	}
	return cs
}

// documentedRows returns the n rows of the English and the Chinese doc
// of the catalog's rows whose wire code starts with prefix, and those
// rows, in order.
func documentedRows(t *testing.T, prefix string, n int, enDoc string, enHeader map[string]string, zhDoc string) (en, zh []docRow, cs []errcode.Code) {
	t.Helper()
	en, zh, cs = readDoc(t, enDoc, enHeader), readDoc(t, zhDoc, zhHeader), catalogRows(prefix)
	require.Len(t, en, n)
	require.Len(t, zh, n)
	require.Len(t, cs, n)
	return en, zh, cs
}

// documentedMessages returns the message of every row in each catalog
// language, English first, as the tables in docs/ write it.
func documentedMessages(t *testing.T) map[errcode.Code][2]string {
	t.Helper()
	m := map[errcode.Code][2]string{}
	en, zh, cs := documentedRows(t, "octopus.", 70, "docs/octopus-error-codes.en-US.txt", enHeader, "docs/octopus-error-codes.zh-CN.txt")
	for i, c := range cs {
		m[c] = [2]string{en[i].message, zh[i].description}
	}
	en, zh, cs = documentedRows(t, "APIGW.", 41, "docs/apigw-error-codes.en-US.txt", gwHeader, "docs/apigw-error-codes.zh-CN.txt")
	for i, c := range cs {
		m[c] = [2]string{en[i].message, zh[i].description}
	}
	return m
}

// Response bodies and responses.

// fakeBody is a response body: it reads r, counting what is read, and
// records whether a read met the end and whether it was closed.
type fakeBody struct {
	r      io.Reader
	read   int
	eof    bool
	closed bool
}

func (b *fakeBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += n
	b.eof = b.eof || err == io.EOF
	return n, err
}

func (b *fakeBody) Close() error { b.closed = true; return nil }

// reset makes b, a body of text, new again, without allocating.
func (b *fakeBody) reset(text string) {
	b.r.(*strings.Reader).Reset(text)
	b.read, b.eof, b.closed = 0, false, false
}

// endless is a reader of its byte without end.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// response returns a response with status, header (none: empty) and a body
// of text.
func response(status int, header http.Header, text string) (*http.Response, *fakeBody) {
	b := &fakeBody{r: strings.NewReader(text)}
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: header, Body: b}, b
}

// responseTo returns a response with status and body to a request with
// method, with an Idempotency-Key when key.
func responseTo(t *testing.T, method string, key bool, status int, body string) (*http.Response, *fakeBody) {
	t.Helper()
	req, err := http.NewRequest(method, "http://octopus.example/v1/jobs", nil)
	require.NoError(t, err)
	if key {
		req.Header.Set("Idempotency-Key", "0f6e")
	}
	resp, b := response(status, nil, body)
	resp.Request = req
	return resp, b
}

// decode returns what FromResponse decodes from a response, after
// checking that it closed the body and that FromBody decodes the same from
// the body's bytes.
func decode(t *testing.T, status int, header http.Header, text string) *errcode.ResponseError {
	t.Helper()
	resp, b := response(status, header, text)
	var re *errcode.ResponseError
	require.ErrorAs(t, errcode.FromResponse(resp), &re)
	assert.True(t, b.closed, "the body is closed")
	sameAsFromBody(t, re, status, header, []byte(text), nil)
	return re
}

// sameAsFromBody checks that FromBody decodes body as FromResponse did
// into got. A wait from an HTTP date may differ by the time between the
// two calls.
func sameAsFromBody(t *testing.T, got *errcode.ResponseError, status int, header http.Header, body []byte, req *http.Request) {
	t.Helper()
	want := errcode.FromBody(status, header, body, req)
	assert.Equal(t, sent(got), sent(want), "FromBody agrees with FromResponse")
	assert.Equal(t, errcode.Retryable(got), errcode.Retryable(want))
	gotWait, gotOK := errcode.RetryAfter(got)
	wantWait, wantOK := errcode.RetryAfter(want)
	assert.Equal(t, gotOK, wantOK)
	assert.InDelta(t, gotWait, wantWait, float64(time.Second))
}

// sent returns the facts a client reads from err, a *ResponseError: the
// exported fields.
func sent(err error) errcode.ResponseError {
	var re *errcode.ResponseError
	if !errors.As(err, &re) {
		return errcode.ResponseError{}
	}
	return errcode.ResponseError{StatusCode: re.StatusCode, Code: re.Code, WireCode: re.WireCode,
		Message: re.Message, RequestID: re.RequestID, Excerpt: re.Excerpt}
}

// octopusErrorBody is a typical Octopus error response body.
const octopusErrorBody = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`

// octopusErrorResponse is a typical Octopus error response, with the body
// octopusErrorBody.
func octopusErrorResponse() (*http.Response, *fakeBody) {
	return response(http.StatusNotFound, http.Header{
		"Content-Type": {"application/json; charset=utf-8"},
		"X-Request-Id": {"5f0c3f9e-2a46-4f2b-9d33-8c1e7d1f4b2a"},
	}, octopusErrorBody)
}

// decodeSmallStruct is a plain encoding/json decode of an error body: the
// baseline of FromResponse's decoding.
func decodeSmallStruct(body []byte) (code, msg string) {
	var v struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}
	json.Unmarshal(body, &v)
	return v.Code, v.Msg
}

// Bodies of the three retry kinds.
const (
	internal  = `{"error_code":"octopus.000002","error_msg":"Internal server error"}`                  // idempotent
	throttled = `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}` // any
	expired   = `{"error_code":"octopus.000102","error_msg":"The request token expires"}`              // no
)

// retryCases are requests, their answers and whether a retry is allowed.
var retryCases = []struct {
	method      string
	key         bool
	status      int
	body        string
	want        bool
	description string
}{
	{"POST", false, 500, internal, false, "may have been processed: a POST is not sent twice"},
	{"PATCH", false, 500, internal, false, "nor a PATCH"},
	{"POST", true, 500, internal, true, "unless it has an Idempotency-Key"},
	{"GET", false, 500, internal, true, "an idempotent method"},
	{"PUT", false, 500, internal, true, "an idempotent method"},
	{"DELETE", false, 500, internal, true, "an idempotent method"},
	{"HEAD", false, 500, internal, true, "an idempotent method"},
	{"OPTIONS", false, 500, internal, true, "an idempotent method"},
	{"TRACE", false, 500, internal, true, "an idempotent method"},
	{"POST", false, 429, throttled, true, "not processed: any method"},
	{"GET", false, 401, expired, false, "never"},
	{"POST", true, 401, expired, false, "never"},
	// Undocumented codes follow the kind of their status.
	{"POST", false, 429, `{"error_code":"other.1"}`, true, "429: any method"},
	{"POST", false, 503, `<html>busy</html>`, false, "503: idempotent only, as a proxy's 503 may follow a reset after the upstream acted"},
	{"GET", false, 503, `<html>busy</html>`, true, "503: idempotent only"},
	{"POST", false, 502, `<html>bad gateway</html>`, false, "502: idempotent only"},
	{"GET", false, 502, `<html>bad gateway</html>`, true, "502: idempotent only"},
	{"POST", false, 504, ``, false, "504: idempotent only"},
	{"PUT", false, 504, ``, true, "504: idempotent only"},
	{"GET", false, 500, `{"error_code":"other.1"}`, false, "500: no"},
	{"GET", false, 404, `{"error_code":"other.1"}`, false, "404: no"},
}

// ResponseWriters.

// discardWriter is the cheapest ResponseWriter that keeps its header map
// from one response to the next, as a server's pooled response does.
type discardWriter struct {
	h    http.Header
	code int
}

func newDiscardWriter() *discardWriter { return &discardWriter{h: make(http.Header, 4)} }

func (w *discardWriter) Header() http.Header               { return w.h }
func (w *discardWriter) WriteHeader(code int)              { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error)       { return len(p), nil }
func (w *discardWriter) WriteString(s string) (int, error) { return len(s), nil }

// spyWriter is a ResponseWriter with every optional method that records
// what is done to it; its writes fail when fail is set.
type spyWriter struct {
	header      http.Header
	headerCalls int
	statuses    []int    // of WriteHeader
	calls       []string // of the optional methods: Flush, Hijack, ReadFrom, WriteString
	writes      [][]byte // by Write, ReadFrom and WriteString
	fail        bool
}

func (s *spyWriter) Header() http.Header {
	s.headerCalls++
	if s.header == nil {
		s.header = http.Header{}
	}
	return s.header
}

func (s *spyWriter) WriteHeader(status int) { s.statuses = append(s.statuses, status) }

func (s *spyWriter) Write(p []byte) (int, error) {
	s.writes = append(s.writes, bytes.Clone(p))
	if s.fail {
		return 0, errors.New("write tcp 10.0.0.1:443: broken pipe")
	}
	return len(p), nil
}

func (s *spyWriter) Flush() { s.calls = append(s.calls, "Flush") }

func (s *spyWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	s.calls = append(s.calls, "Hijack")
	return nil, nil, nil
}

func (s *spyWriter) ReadFrom(r io.Reader) (int64, error) {
	s.calls = append(s.calls, "ReadFrom")
	p, err := io.ReadAll(r)
	s.Write(p)
	return int64(len(p)), err
}

func (s *spyWriter) WriteString(str string) (int, error) {
	s.calls = append(s.calls, "WriteString")
	return s.Write([]byte(str))
}

// unwrapper is another middleware's ResponseWriter, one that unwraps.
type unwrapper struct{ http.ResponseWriter }

func (w unwrapper) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// statusRecorder is an access-log middleware's ResponseWriter: it records
// the status and, like many, has no Unwrap.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// accessLog is a middleware that gives h a statusRecorder.
func accessLog(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&statusRecorder{ResponseWriter: w}, r)
	})
}

// localized returns the ResponseWriter that errcode.Localize gives a
// handler for a request with the header h, writing to w.
func localized(tb testing.TB, w http.ResponseWriter, h http.Header) http.ResponseWriter {
	tb.Helper()
	var got http.ResponseWriter
	errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { got = w })).
		ServeHTTP(w, request(h))
	require.NotNil(tb, got, "Localize calls its handler")
	return got
}

// Requests and serving.

// header returns a header with each name holding its value as it is (no
// canonical form, any bytes); a name with an empty value is left out.
func header(nameValues ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(nameValues); i += 2 {
		if nameValues[i+1] != "" {
			h[nameValues[i]] = []string{nameValues[i+1]}
		}
	}
	return h
}

// request returns a GET of /scenarios/7 with the header h.
func request(h http.Header) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/scenarios/7", nil)
	maps.Copy(r.Header, h)
	return r
}

// negotiate returns the language Negotiate picks for a request with the
// header h.
func negotiate(h http.Header) language.Tag {
	return errcode.Negotiate(h)
}

// xtextChoice returns the index in errcode.Languages() of the language
// that x/text chooses for a request with the headers Accept-Language:
// accept and X-Language: xlang, by the rule Negotiate documents: the
// language X-Language names (x/text reads "_" as "-"), when x/text matches
// it with High confidence or more; else the one language.MatchStrings
// picks for Accept-Language, English by default.
func xtextChoice(accept, xlang string) int {
	m := language.NewMatcher(errcode.Languages())
	if tag, err := language.Parse(xlang); xlang != "" && err == nil {
		if _, i, conf := m.Match(tag); conf >= language.High {
			return i
		}
	}
	_, i := language.MatchStrings(m, accept)
	return i
}

// serve answers a request with the header h by Localize(h) and returns the
// recorder.
func serve(h http.Header, fn errcode.HandlerFunc) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	errcode.Localize(fn).ServeHTTP(w, request(h))
	return w
}

// notFound is a handler that returns ScenarioNotFound.
func notFound(http.ResponseWriter, *http.Request) error { return errcode.ScenarioNotFound }

// The catalog's languages, as Negotiate answers them.
var (
	enUS = language.MustParse("en-US")
	zhCN = language.MustParse("zh-CN")
)

// languageIndex returns the index of the catalog language of tag, one of
// language.English and language.Chinese: 0 for English, 1 for Chinese.
func languageIndex(tag language.Tag) int {
	if tag == language.Chinese {
		return 1
	}
	return 0
}

// requestLanguages are the ways a test asks for each catalog language: no
// Accept-Language (the default), en and zh.
var requestLanguages = []struct {
	accept string
	tag    language.Tag
}{{"", language.English}, {"en", language.English}, {"zh", language.Chinese}}

// negotiationCases are the common headers of the negotiation target.
var negotiationCases = []struct {
	name   string // of the sub-benchmark
	header string // X-Language or Accept-Language
	value  string
}{
	{"zh-CN,zh;q=0.9,en;q=0.8", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"},
	{"en-US,en;q=0.9", "Accept-Language", "en-US,en;q=0.9"},
	{"X-Language=zh-cn", "X-Language", "zh-cn"},
	{"empty", "", ""},
}

// Logs.

// logRecorder is a slog.Logger's output whose JSON records, without their
// time, can be read back; safe for a server's goroutines, and an io.Writer
// for a server's ErrorLog too.
type logRecorder struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logRecorder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns all that was written.
func (l *logRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// logger returns a logger of every level that writes JSON records to l.
func (l *logRecorder) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}

// records returns the records logged so far.
func (l *logRecorder) records(t *testing.T) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for line := range strings.Lines(l.String()) {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		recs = append(recs, m)
	}
	return recs
}

// captureLogs sends what slog.Default() and the log package log to the
// returned recorder until the test ends.
func captureLogs(t *testing.T) *logRecorder {
	logs := new(logRecorder)
	oldSlog, oldOut, oldFlags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(logs.logger())
	t.Cleanup(func() {
		slog.SetDefault(oldSlog)
		log.SetOutput(oldOut)
		log.SetFlags(oldFlags)
	})
	return logs
}

// stackError is a cause that, like the errors of the popular stack
// packages, prints its stack trace under %+v.
type stackError struct{ msg string }

func (e stackError) Error() string { return e.msg }

func (e stackError) Format(s fmt.State, verb rune) {
	io.WriteString(s, e.msg)
	if verb == 'v' && s.Flag('+') {
		io.WriteString(s, "\nmain.load\n\t/srv/app/store.go:42")
	}
}

// Allocations. The TestAllocs* tests, each beside the code it measures,
// hold the allocation targets of docs/performance.md, so that a change
// that makes a hot path allocate fails in CI. Timings are left to the
// benchmarks of bench_test.go: they are never asserted in tests.

const allocRuns = 200

// get sends a GET to srv and returns the response with its body, read
// whole (an error reading it fails the test) and closed.
func get(t *testing.T, srv *httptest.Server) (*http.Response, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err, "reading the body")
	return resp, string(body)
}

// allocs returns the allocations of one call of f, on average; it skips
// the test under the race detector.
func allocs(t *testing.T, f func()) float64 {
	t.Helper()
	skipUnderRace(t)
	return testing.AllocsPerRun(allocRuns, f)
}

// allocatedBytes returns the bytes one call of f allocates, on average;
// it skips the test under the race detector.
func allocatedBytes(t *testing.T, f func()) uint64 {
	t.Helper()
	skipUnderRace(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // as testing.AllocsPerRun
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range allocRuns {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / allocRuns
}

// skipUnderRace skips a test that counts allocations under the race
// detector, which changes them.
func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
}

// octopusErrorJSON is octopusErrorBody, for decoding.
var octopusErrorJSON = []byte(octopusErrorBody)
