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
	"sync"
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
	long := `{"error_code":"octopus.000003","error_msg":"Request params [` + strings.Repeat("k", 100) + `:` + strings.Repeat("v", 100) + `] is invalid"}`
	halfway := compress(t, long, zlibWriter)
	halfway = halfway[:len(halfway)/2]
	re = decode(t, 400, http.Header{"Content-Encoding": {"deflate"}}, halfway)
	assert.Empty(t, re.WireCode, "half a body: no JSON")
	require.NotEmpty(t, re.Excerpt)
	assert.True(t, strings.HasPrefix(long, re.Excerpt), "what half the body held, decoded, never the compressed bytes: %q", re.Excerpt)
	rawHalf := compress(t, long, flateWriter)
	rawHalf = rawHalf[:len(rawHalf)/2]
	re = decode(t, 400, http.Header{"Content-Encoding": {"deflate"}}, rawHalf)
	assert.Equal(t, "["+strconv.Itoa(len(rawHalf))+"-byte body in Content-Encoding deflate, not decoded]", re.Excerpt,
		"raw deflate has no header: only a stream that ends is taken for one")

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
	re = decode(t, 404, http.Header{"Content-Encoding": {strings.Repeat("Zstd", 25)}}, brotli)
	assert.Equal(t, "["+strconv.Itoa(len(brotli))+"-byte body in Content-Encoding "+strings.Repeat("zstd", 8)+", not decoded]", re.Excerpt,
		"a long coding name is cut to 32 bytes")
	for _, coding := range []string{"gzip", "deflate", "br"} {
		re = decode(t, 503, http.Header{"Content-Encoding": {coding}}, "")
		assert.Equal(t, errcode.ResponseError{StatusCode: 503}, sent(re), "an empty body in %s: no body, no note", coding)
	}
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip", "gzip", "gzip", "deflate"}}, four)
	assert.Equal(t, "Scenario is not exists", re.Message, "four codings on four lines: decoded")
	fiveTimes := compress(t, four, gzipWriter)
	re = decode(t, 404, http.Header{"Content-Encoding": {"gzip", "gzip", "gzip", "deflate", "gzip"}}, fiveTimes)
	assert.Equal(t, "["+strconv.Itoa(len(fiveTimes))+"-byte body in 5 Content-Encoding field lines, not decoded]", re.Excerpt,
		"five lines: none decoded, never some and the rest shown as compressed bytes")
	re = decode(t, 404, http.Header{"Content-Encoding": {"identity", "identity", "identity", "identity", "gzip"}}, whole)
	assert.Equal(t, "["+strconv.Itoa(len(whole))+"-byte body in 5 Content-Encoding field lines, not decoded]", re.Excerpt)
	re = decode(t, 404, http.Header{"Content-Encoding": {"", "", "", "", "identity"}}, body)
	assert.Equal(t, "Scenario is not exists", re.Message, "five lines on a plain body: read as it is")
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

// bodyCases are bodies at the edges of JSON, where a decoder may disagree
// with encoding/json, each with what FromBody must read from it, written
// by hand: the fields' precedence (error_code before code, error_msg
// before message, the top-level object before its "error" object, at any
// depth; a request id from the top two levels), strings as encoding/json
// decodes them, numbers as written. A body with neither a code nor a
// message gives an excerpt: the body, trimmed. They seed FuzzFromResponse.
var bodyCases = []bodyCase{
	{body: ``},
	{body: ` `},
	{body: `null`, excerpt: `null`},
	{body: `"x"`, excerpt: `"x"`},
	{body: `1`, excerpt: `1`},
	{body: `[]`, excerpt: `[]`},
	{body: `{}`, excerpt: `{}`},
	{body: `{`, excerpt: `{`},
	{body: `}`, excerpt: `}`},
	{body: `{"a":}`, excerpt: `{"a":}`},
	{body: `<html>`, excerpt: `<html>`},
	{body: "\uFEFF{}", excerpt: `{}`},
	{body: ` {"error_code":"octopus.107002","error_msg":"Scenario is not exists"} `, code: "octopus.107002", msg: "Scenario is not exists", row: errcode.ScenarioNotFound},
	{body: `{"error_code":"octopus.107002","error_msg":"场景不存在"}`, code: "octopus.107002", msg: "场景不存在", row: errcode.ScenarioNotFound},
	{body: `{"code":"APIG.0201","message":"Request entity too large"} `, code: "APIG.0201", msg: "Request entity too large", row: errcode.GatewayAPIRequestError},
	{body: `{"code":"APIGW.0201","message":"x","request_id":"r1"}`, code: "APIGW.0201", msg: "x", id: "r1", row: errcode.GatewayAPIRequestError},
	{body: `{"code":"c","error_code":"e","message":"m","error_msg":"em"}`, code: "e", msg: "em"},
	{body: `{"error_code":"e","message":"m"}`, code: "e", msg: "m"},
	{body: `{"ERROR_CODE":"octopus.107002","Error_Msg":"m"}`, code: "octopus.107002", msg: "m", row: errcode.ScenarioNotFound},
	{body: `{"error_code":"a","error_code":"b","error_code":1}`, code: "1"},
	{body: `{"error_code":null,"code":"c"}`, code: "c"},
	{body: `{"error_code":true,"error_msg":["m"],"code":"c","message":"n"}`, code: "c", msg: "n"},
	{body: `{"code":404,"message":"Not Found"}`, code: "404", msg: "Not Found"},
	{body: `{"code":-1.5e+3}`, code: "-1.5e+3"},
	{body: `{"code":0,"message":0.5}`, code: "0", msg: "0.5"},
	{body: `{"code":9,"message":9.5e1}`, code: "9", msg: "9.5e1"},
	{body: `{"status":404,"error":"Not Found","message":"No message available","path":"/x"}`, msg: "No message available"},
	{body: `{"error":{"code":"octopus.107002","message":"m","request_id":"r"}}`, code: "octopus.107002", msg: "m", id: "r", row: errcode.ScenarioNotFound},
	{body: `{"error":{"code":"a"},"error":{"message":"b"}}`, code: "a", msg: "b"},
	{body: `{"error":{"code":"a"},"error":null,"error":{"message":"b"}}`, msg: "b"},
	{body: `{"error":{"code":"a"},"error":null}`, excerpt: `{"error":{"code":"a"},"error":null}`},
	{body: `{"error":null}`, excerpt: `{"error":null}`},
	{body: `{"error":{"error":{"code":"deep"}}}`, code: "deep"},
	{body: `{"error":{"error":{"error":{"message":"deeper","request_id":"r3"}}}}`, msg: "deeper"},
	{body: `{"error":{"error":null,"code":"x"}}`, code: "x"},
	{body: `{"error":{"error":"s","code":"x"}}`, code: "x"},
	{body: `{"request_id":"top","error":{"request_id":"in","code":"c"}}`, code: "c", id: "top"},
	{body: `{"error_code":"","error":{"code":"c"}}`, code: "c"},
	{body: `{"error_msg":"m","error":{"code":"c"}}`, msg: "m"},
	{body: `{"request_id":"r","error_code":""}`, id: "r", excerpt: `{"request_id":"r","error_code":""}`},
	{body: `{"error_code":"a\"b\\c\/d\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00"}`, code: "a\"b\\c/d\b\f\n\r\té中😀"},
	{body: `{"error_code":"\ud83d","error_msg":"\ude00\ud83dx\u0000"}`, code: "\ufffd", msg: "\ufffd\ufffdx\x00"},
	{body: `{"error_code":"\ud83d\u0041"}`, code: "\ufffdA"},
	{body: "{\"error_code\":\"\xff\xfe\",\"error_msg\":\"a\xed\xa0\x80b\"}", code: "\ufffd\ufffd", msg: "a\ufffd\ufffd\ufffdb"},
	{body: `{"error\u005fcode":"x"}`, code: "x"},
	{body: `{"meſſage":"x"}`, msg: "x"},
	{body: `{"a":[1,-0,0.5,1e5,1E+5,-1.5e-3,true,false,null,{"b":[]}],"code":"c"}`, code: "c"},
	{body: `{"a":01,"code":"c"}`, excerpt: `{"a":01,"code":"c"}`},
	{body: `{"a":1.,"code":"c"}`, excerpt: `{"a":1.,"code":"c"}`},
	{body: `{"a":-,"code":"c"}`, excerpt: `{"a":-,"code":"c"}`},
	{body: `{"a":.5,"code":"c"}`, excerpt: `{"a":.5,"code":"c"}`},
	{body: `{"a":tru,"code":"c"}`, excerpt: `{"a":tru,"code":"c"}`},
	{body: `{"a":nul}`, excerpt: `{"a":nul}`},
	{body: `{"code":"c"} x`, excerpt: `{"code":"c"} x`},
	{body: `{"code":"c",}`, excerpt: `{"code":"c",}`},
	{body: `{"code":"c"`, excerpt: `{"code":"c"`},
	{body: `{"code":"c\x"}`, excerpt: `{"code":"c\x"}`},
	{body: `{"code":"c\u12"}`, excerpt: `{"code":"c\u12"}`},
	{body: "{\"code\":\"a\tb\"}", excerpt: "{\"code\":\"a\tb\"}"},
	{body: `{"code" "c"}`, excerpt: `{"code" "c"}`},
	{body: `{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"code":"c"}`, code: "c"},
}

// A bodyCase is a body and what FromBody reads from it at status 400.
type bodyCase struct {
	body                   string
	code, msg, id, excerpt string
	row                    errcode.Code
}

// want returns the ResponseError FromBody makes of c's body at status 400.
func (c bodyCase) want() errcode.ResponseError {
	return errcode.ResponseError{StatusCode: 400, Code: c.row, WireCode: c.code, Message: c.msg, RequestID: c.id, Excerpt: c.excerpt}
}

// TestFromResponseReadsTheFieldsAsDocumented reads each body as it is,
// and followed by 4 KiB of white space, past the bodies a pooled decoder
// reads, to json.Unmarshal: the two agree.
func TestFromResponseReadsTheFieldsAsDocumented(t *testing.T) {
	for _, tt := range bodyCases {
		for _, pad := range []string{"", strings.Repeat(" ", 4<<10)} {
			re := decode(t, 400, nil, tt.body+pad)
			assert.Equal(t, tt.want(), sent(re), "%q followed by %d spaces", tt.body, len(pad))
		}
	}
	re := decode(t, 400, http.Header{"X-Request-Id": {"hdr"}}, `{"error_code":"c","request_id":"body"}`)
	assert.Equal(t, "hdr", re.RequestID, "the header's request id wins")
}

// TestFromBodyKeepsNothingOfThePreviousBody decodes bodies of every shape
// one after another and from many goroutines at once (run it with -race),
// each followed by whitespace of its own length, past a decoder's first
// read of 512 bytes: each gives its own fields, none of another body's.
func TestFromBodyKeepsNothingOfThePreviousBody(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				tt := bodyCases[(g*7+i)%len(bodyCases)]
				body := tt.body + strings.Repeat(" ", (g*50+i)*5)
				var re *errcode.ResponseError
				if !assert.ErrorAs(t, errcode.FromBody(400, nil, []byte(body), nil), &re) {
					return
				}
				assert.Equal(t, tt.want(), sent(re), "%q", tt.body)
			}
		})
	}
	wg.Wait()
}

// TestAllocsFromBodyReusesTheDecoderOfASmallBody checks that decoding a
// body of at most 4 KiB leaves its decoder to the next body, so that it
// costs no more than a typical one, while a longer body is left to
// json.Unmarshal, which makes its decode state afresh.
func TestAllocsFromBodyReusesTheDecoderOfASmallBody(t *testing.T) {
	body := func(n int) []byte {
		head := `{"error_code":"octopus.000003","error_msg":"`
		return []byte(head + strings.Repeat("x", n-len(head)-len(`"}`)) + `"}`)
	}
	typical, small, long := []byte(octopusErrorBody), body(4<<10), body(4<<10+1)
	want := allocs(t, func() { errcode.FromBody(http.StatusBadRequest, nil, typical, nil) })
	assert.Equal(t, want, allocs(t, func() { errcode.FromBody(http.StatusBadRequest, nil, small, nil) }), "4 KiB")
	assert.Greater(t, allocs(t, func() { errcode.FromBody(http.StatusBadRequest, nil, long, nil) }), want+3, "4 KiB and a byte")
}
