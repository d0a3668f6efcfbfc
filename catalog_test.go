package errcode_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// assertDocumented checks that c is the row that en and zh, its rows in the
// English and Chinese docs, describe: its code and status, its message
// and remediation in each language, as documented, and
// the placeholders of its English texts.
func assertDocumented(t *testing.T, c errcode.Code, where string, en, zh docRow) {
	t.Helper()
	assert.Equal(t, en.code, c.String(), where)
	assert.Equal(t, en.code, zh.code, where)
	assert.Equal(t, en.status, c.Status(), where)
	assert.Equal(t, zh.status, c.Status(), where)
	assert.Equal(t, en.message, c.Message(language.English), where)
	assert.Equal(t, zh.description, c.Message(language.Chinese), where)
	assert.Equal(t, en.remediation, c.Remediation(language.English), where)
	assert.Equal(t, zh.remediation, c.Remediation(language.Chinese), where)
	assert.Equal(t, docPlaceholders(en.message, en.remediation), c.Placeholders(), where)
}

// wireCodes returns the wire codes of cs, each once.
func wireCodes(cs []errcode.Code) map[string]bool {
	codes := map[string]bool{}
	for _, c := range cs {
		codes[c.String()] = true
	}
	return codes
}

func TestEveryUpstreamRowIsInTheCatalog(t *testing.T) {
	en, zh, cs := documentedRows(t, "octopus.", 70, "docs/octopus-error-codes.en-US.txt", enHeader, "docs/octopus-error-codes.zh-CN.txt")
	for i, c := range cs {
		where := fmt.Sprintf("docs/octopus-error-codes.zh-CN.txt:%d %s", zh[i].line, c.Name())
		assertDocumented(t, c, where, en[i], zh[i])
		assert.Equal(t, zh[i].message, en[i].message, where)
	}
	assert.Len(t, wireCodes(cs), 68, "70 rows, 68 distinct codes")
}

func TestEveryGatewayRowIsInTheCatalog(t *testing.T) {
	en, zh, cs := documentedRows(t, "APIGW.", 41, "docs/apigw-error-codes.en-US.txt", gwHeader, "docs/apigw-error-codes.zh-CN.txt")
	for i, c := range cs {
		where := fmt.Sprintf("docs/apigw-error-codes.en-US.txt:%d %s", en[i].line, c.Name())
		assert.True(t, strings.HasPrefix(c.Name(), "Gateway"), where)
		assertDocumented(t, c, where, en[i], zh[i])
		assert.NotContains(t, en[i].remediation, "\n", where)
	}
	assert.Len(t, wireCodes(cs), 35, "41 rows, 35 distinct codes")
}

func TestRetryableFollowsTheDocumentedPolicy(t *testing.T) {
	policy := readDoc(t, "docs/retry.txt", map[string]string{"code": "Error Code", "status": "Status Code", "message": "Error Message", "retry": "Retry", "reason": "Reason"})
	var cs []errcode.Code
	for c := range errcode.All() {
		cs = append(cs, c)
	}
	require.Len(t, policy, len(cs))
	for i, p := range policy {
		c := cs[i]
		where := fmt.Sprintf("docs/retry.txt:%d %s", p.line, c.Name())
		require.Equal(t, p.code, c.String(), where)
		require.Equal(t, p.status, c.Status(), where)
		require.Equal(t, p.message, c.Message(language.English), where)
		require.Contains(t, []string{"no", "any", "idempotent"}, p.retry, where)
		assert.NotEmpty(t, p.reason, where)
		assert.Equal(t, p.retry, c.RetryKind().String(), where)
		assert.Equal(t, p.retry == "any", errcode.Retryable(fmt.Errorf("call: %w", c)), where)
		body := []byte(`{"error_code":"` + c.String() + `","error_msg":"` + p.message + `"}`)
		assert.Equal(t, p.retry != "no", errcode.Retryable(errcode.FromBody(c.Status(), nil, body, &http.Request{Method: "PUT"})), where)
		assert.Equal(t, p.retry == "any", errcode.Retryable(errcode.FromBody(c.Status(), nil, body, &http.Request{Method: "POST"})), where)
	}
	for c, want := range map[errcode.Code]bool{
		errcode.TooManyRequests: true, errcode.TokenExpired: false, errcode.JobStatusAbnormal: true,
		errcode.GatewayThrottled: true, errcode.GatewayBackendUnavailable: true, errcode.GatewayBackendTimeout: true,
		errcode.GatewayIAMUnavailable: true, errcode.GatewayAuthFailed: false, errcode.GatewayAPIAccessDenied: false,
	} {
		assert.Equal(t, want, c.RetryKind() != errcode.NotRetryable, c.Name())
	}
}

func TestGatewayCodesAreWrittenInTheDocumentedForm(t *testing.T) {
	w := serve(http.Header{"Accept-Language": {"zh"}}, func(http.ResponseWriter, *http.Request) error {
		return errcode.GatewayProtocolNotSupported.With("xxx", "HTTPS")
	})
	assert.Equal(t, 400, w.Code)
	assert.Equal(t, `{"error_code":"APIGW.0607","error_msg":"协议不支持,仅支持以下协议:HTTPS"}`, w.Body.String())
}

// TestRoundTrip serves every documented row from a real server and decodes
// each answer back, in both languages.
func TestRoundTrip(t *testing.T) {
	var all []errcode.Code
	for c := range errcode.All() {
		all = append(all, c)
	}
	srv := httptest.NewServer(errcode.Localize(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		i, err := strconv.Atoi(r.URL.Query().Get("row"))
		if err != nil {
			return err
		}
		w.Header().Set("X-Request-Id", "req-"+strconv.Itoa(i))
		return all[i]
	})))
	defer srv.Close()

	docs := documentedMessages(t)
	for l, lang := range []string{"en-US", "zh-CN"} {
		for i, c := range all {
			req, err := http.NewRequest("GET", srv.URL+"/?row="+strconv.Itoa(i), nil)
			require.NoError(t, err)
			req.Header.Set("Accept-Language", lang)
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)

			err = errcode.FromResponse(resp)
			where := c.Name() + " " + lang
			var re *errcode.ResponseError
			require.ErrorAs(t, err, &re, where)
			assert.ErrorIs(t, err, c, where)
			assert.Equal(t, errcode.ResponseError{
				StatusCode: c.Status(),
				Code:       c,
				WireCode:   c.String(),
				Message:    bareNames(docs[c][l]),
				RequestID:  "req-" + strconv.Itoa(i),
			}, sent(re), where)
		}
	}

	resp, err := srv.Client().Get(srv.URL + "/?row=x")
	require.NoError(t, err)
	err = errcode.FromResponse(resp)
	assert.ErrorIs(t, err, errcode.InternalServerError)
	assert.NotContains(t, err.Error(), "strconv", "a foreign error's text stays on the server")
}

// TestBodiesMatchEncodingJSON checks that Write's bodies, generated and
// rendered with values, are the bodies encoding/json writes, for every row
// and language.
func TestBodiesMatchEncodingJSON(t *testing.T) {
	long := strings.Repeat("é", 100) + "<&>\"\u2028\x00\xff"
	paramSets := [][]string{
		nil,
		{"key", "name", "value", "x"},
		{"key", "a\"b<c>&\\\n", "value", long},
		{"key", "1", "key", "2", "", "empty name"},
		{"value", strings.Repeat("v", 200), "name", "\xe4\xb8", "id", "\u2029"},
	}
	docs := documentedMessages(t)
	for c := range errcode.All() {
		// Every placeholder of the row, with a value.
		var all []string
		for _, name := range c.Placeholders() {
			all = append(all, name, "<"+name+">")
		}
		for l := range errcode.Languages() {
			text := docs[c][l]
			assert.Equal(t, jsonBody(t, c.String(), fill(text, nil)), errcode.GeneratedBody(c, l), "generated body of %s in language %d", c.Name(), l)
			for _, params := range append(paramSets, all) {
				got := errcode.AppendBody(nil, c, l, params)
				assert.Equal(t, jsonBody(t, c.String(), fill(text, params)), string(got), "%s in language %d, params %q", c.Name(), l, params)
			}
		}
	}
}

func TestPlaceholdersAreMarkedButInABody(t *testing.T) {
	c := errcode.InvalidRequestParam
	assert.Equal(t, "Request params [{key}:{value}] is invalid", c.Message(language.English))
	assert.Equal(t, "请求参数[{key}:{value}]错误", c.Message(language.Chinese))
	assert.Equal(t, "Make sure the request parameter [{key}:{value}] is correct", c.Remediation(language.English))
	assert.Equal(t, "octopus.000003: Request params [{key}:{value}] is invalid", c.Error())
	assert.Equal(t, "octopus.000003: Request params [name:{value}] is invalid", c.With("key", "name").Error())
	for tag, msg := range map[language.Tag]string{language.English: "Request params [key:value] is invalid", language.Chinese: "请求参数[key:value]错误"} {
		rec := httptest.NewRecorder()
		errcode.ServeError(rec, request(header("Accept-Language", tag.String())), c)
		assert.Equal(t, `{"error_code":"octopus.000003","error_msg":"`+msg+`"}`, rec.Body.String(), "only a body reads a placeholder as its bare name")
	}
	assert.Equal(t, "The following protocol is supported: {xxx}", errcode.GatewayProtocolNotSupported.Message(language.English))
}

func TestFromResponsePicksTheRowByMessage(t *testing.T) {
	for msg, want := range map[string]errcode.Code{
		"Tag Used In Packages":       errcode.TagUsedInPackages,
		"tag used in packages.":      errcode.TagUsedInPackages,
		"标签被数据仓库引用":                  errcode.TagUsedInDataWarehouse,
		"标签被数据仓库引用。":                 errcode.TagUsedInDataWarehouse,
		"Tag Used In Data Warehouse": errcode.TagUsedInDataWarehouse,
		"something else":             errcode.TagUsedInSegments,
		// A colon and detail after the message.
		"Tag Used In Packages: tag t-7 is used by package p-1": errcode.TagUsedInPackages,
		"Tag Used In Data Warehouse: dw-1":                     errcode.TagUsedInDataWarehouse,
		"标签被数据包引用: t-7":                                        errcode.TagUsedInPackages,
		"Tag Used In Segments: s-1":                            errcode.TagUsedInSegments,
		"Tag in use: Tag Used In Packages":                     errcode.TagUsedInSegments,
		"something: else":                                      errcode.TagUsedInSegments,
	} {
		re := decode(t, 409, nil, `{"error_code":"octopus.101006","error_msg":"`+msg+`"}`)
		assert.Equal(t, want, re.Code, msg)
		assert.Equal(t, msg, re.Message, "kept as sent")
	}
}

func TestGatewayRowsDecodeByStatusThenMessage(t *testing.T) {
	for status, want := range map[int]errcode.Code{
		400: errcode.GatewayAPIRequestError,
		413: errcode.GatewayRequestEntityTooLarge,
		414: errcode.GatewayRequestURITooLarge,
		494: errcode.GatewayRequestHeadersTooLarge,
		502: errcode.GatewayBackendUnavailable,
		504: errcode.GatewayBackendTimeout,
	} {
		for _, code := range []string{"APIGW.0201", "APIG.0201"} {
			re := decode(t, status, nil, `{"error_code":"`+code+`","error_msg":"some gateway text"}`)
			assert.Equal(t, want, re.Code, "%s %d", code, status)
			assert.Equal(t, code, re.WireCode, "kept as sent")
			assert.ErrorIs(t, re, errcode.GatewayAPIRequestError)
		}
	}
	re := decode(t, 404, nil, `{"error_code":"APIGW.0101","error_msg":"The API does not exist."}`)
	assert.Equal(t, errcode.GatewayAPINotFound, re.Code)
	re = decode(t, 404, nil, `{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment"}`)
	assert.Equal(t, errcode.GatewayAPINotPublished, re.Code)
	re = decode(t, 500, nil, `{"error_code":"APIGW.0201","error_msg":"Backend timeout."}`)
	assert.Equal(t, errcode.GatewayBackendTimeout, re.Code, "no row with the status: the message decides")

	re = decode(t, 401, nil, `{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail"}`)
	assert.Equal(t, errcode.GatewayIAMAuthFailed, re.Code)
	assert.Equal(t, "Incorrect IAM authentication information: decrypt token fail", re.Message)
	assert.False(t, errcode.Retryable(re))
}

// TestAllocsFromBodyOfACodeWithOneRow checks that a code documented on one
// row is decoded without looking at the message: it costs what an
// undocumented code of the same length costs.
func TestAllocsFromBodyOfACodeWithOneRow(t *testing.T) {
	documented := []byte(`{"error_code":"octopus.107002","error_msg":"Scenario Is Not Exists!"}`)
	undocumented := []byte(`{"error_code":"octopus.999999","error_msg":"Scenario Is Not Exists!"}`)
	h := http.Header{}
	var re *errcode.ResponseError
	got := allocs(t, func() { re = errcode.FromBody(404, h, documented, nil).(*errcode.ResponseError) })
	require.Equal(t, errcode.ScenarioNotFound, re.Code)
	assert.Equal(t, allocs(t, func() { errcode.FromBody(404, h, undocumented, nil) }), got)
}
