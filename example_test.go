package errcode_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

// A handler answers with a catalog error; Write sets the status, the headers
// and the body.
func ExampleWrite() {
	w := httptest.NewRecorder()
	errcode.Write(w, errcode.ScenarioNotFound)

	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(w.Body.String())
	// Output:
	// 404 application/json; charset=utf-8
	// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
}

// An error that is not from the catalog is answered as an internal error,
// without its text.
func ExampleWrite_foreignError() {
	w := httptest.NewRecorder()
	errcode.Write(w, errors.New(`pq: password authentication failed for user "admin"`))

	fmt.Println(w.Code, w.Body.String())
	// Output:
	// 500 {"error_code":"octopus.000002","error_msg":"Internal server error"}
}

// errors.Is matches a wire code anywhere in a chain; CodeOf gives the
// exact row.
func ExampleCode_Is() {
	err := fmt.Errorf("delete tag 7: %w", errcode.TagUsedInPackages.Wrap(sql.ErrTxDone))

	fmt.Println(errors.Is(err, errcode.TagUsedInPackages))
	fmt.Println(errors.Is(err, errcode.TagUsedInSegments)) // the same code, octopus.101006
	fmt.Println(errors.Is(err, errcode.TagNotFound))
	fmt.Println(errors.Is(err, sql.ErrTxDone))

	row := errcode.CodeOf(err) // the exact row
	fmt.Println(row.Name(), row.String())
	// Output:
	// true
	// true
	// false
	// true
	// TagUsedInPackages octopus.101006
}

// With fills the row's placeholders, in every language.
func ExampleCode_With() {
	err := errcode.InvalidRequestParam.With("key", "limit", "value", "-1")

	fmt.Println(err.Message(language.English))
	fmt.Println(err.Message(language.Chinese))
	fmt.Println(err.Remediation(language.English))

	w := httptest.NewRecorder()
	errcode.Write(w, err)
	fmt.Println(w.Body.String())
	// Output:
	// Request params [limit:-1] is invalid
	// 请求参数[limit:-1]错误
	// Make sure the request parameter [limit:-1] is correct
	// {"error_code":"octopus.000003","error_msg":"Request params [limit:-1] is invalid"}
}

// Localize negotiates each request's language, so that Write answers in
// it; HandlerFunc lets a handler return its error.
func ExampleLocalize() {
	h := errcode.Localize(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return errcode.ScenarioNotFound
	}))

	for _, header := range []string{"zh-CN,zh;q=0.9,en;q=0.8", "en-US", "fr"} {
		r := httptest.NewRequest("GET", "/scenarios/7", nil)
		r.Header.Set("Accept-Language", header)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Body.String())
	}
	// Output:
	// {"error_code":"octopus.107002","error_msg":"场景不存在"}
	// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
	// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"}
}

// A client turns an error response back into an error that errors.Is the
// documented code.
func ExampleFromResponse() {
	resp := &http.Response{
		StatusCode: 429,
		Header:     http.Header{"X-Request-Id": {"f3a9"}, "Retry-After": {"2"}},
		Body:       io.NopCloser(strings.NewReader(`{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}`)),
	}
	err := errcode.FromResponse(resp)

	fmt.Println(err)
	fmt.Println(errors.Is(err, errcode.GatewayThrottled), errcode.Retryable(err))
	wait, _ := errcode.RetryAfter(err)
	fmt.Println(wait)
	// Output:
	// APIGW.0308: The throttling threshold has been reached. (HTTP 429, request id f3a9)
	// true true
	// 2s
}

// Lookup finds the constant for a wire code.
func ExampleLookup() {
	c, ok := errcode.Lookup("octopus.109005")
	fmt.Println(ok, c.Name(), c.Status())
	fmt.Println(c.Message(language.English))
	fmt.Println(c.Remediation(language.Chinese))
	// Output:
	// true JobPreconditionFailed 428
	// The job precondition unsatisfied
	// 请检查后重试
}

// A client that has already read the body, as resty has, decodes the bytes.
func ExampleFromBody() {
	header := http.Header{"X-Request-Id": {"9b1c"}}
	body := []byte(`{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`)
	err := errcode.FromBody(404, header, body, nil)

	fmt.Println(err)
	fmt.Println(errors.Is(err, errcode.ScenarioNotFound))
	// Output:
	// octopus.107002: Scenario is not exists (HTTP 404, request id 9b1c)
	// true
}

// An internal error may have been processed: a GET may be sent again, a
// POST only with an Idempotency-Key.
func ExampleRetryable() {
	body := []byte(`{"error_code":"octopus.000002","error_msg":"Internal server error"}`)
	get, _ := http.NewRequest(http.MethodGet, "https://octopus.example/v1/scenarios", nil)
	post, _ := http.NewRequest(http.MethodPost, "https://octopus.example/v1/jobs", nil)
	fmt.Println(errcode.Retryable(errcode.FromBody(500, nil, body, get)))
	fmt.Println(errcode.Retryable(errcode.FromBody(500, nil, body, post)))
	post.Header.Set("Idempotency-Key", "8e0f6a2c")
	fmt.Println(errcode.Retryable(errcode.FromBody(500, nil, body, post)))
	// Output:
	// true
	// false
	// true
}

// A row with placeholders has a constructor that takes exactly their values.
func ExampleInvalidRequestParamWith() {
	err := errcode.InvalidRequestParamWith("limit", "-1")
	fmt.Println(err.Message(language.English))
	fmt.Println(errcode.InvalidRequestParam.Placeholders())

	// Without values, a placeholder is marked; a body reads it as its bare name.
	fmt.Println(errcode.InvalidRequestParam.Message(language.English))
	// Output:
	// Request params [limit:-1] is invalid
	// [key value]
	// Request params [{key}:{value}] is invalid
}

// A proxy relays a dependency's error deliberately; any other service
// answers it as its own internal error.
func ExampleRelay() {
	dep := errcode.FromResponse(&http.Response{
		StatusCode: 401,
		Header:     http.Header{},
		Body:       io.NopCloser(strings.NewReader(`{"error_code":"octopus.000102","error_msg":"The request token expires"}`)),
	})
	for _, err := range []error{dep, errcode.Relay(dep)} {
		w := httptest.NewRecorder()
		errcode.Write(w, err)
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 500 {"error_code":"octopus.000002","error_msg":"Internal server error"}
	// 401 {"error_code":"octopus.000102","error_msg":"The request token expires"}
}

// exampleLogger logs text records without their time, for examples.
func exampleLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}

// A HandlerFunc returns its error; the HandlerFunc answers it in the
// request's language and logs it.
func ExampleHandlerFunc() {
	h := errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if r.PathValue("id") != "7" {
			return errcode.ScenarioNotFound
		}
		w.Header().Set("Content-Type", "application/json")
		_, err := io.WriteString(w, `{"id":"7"}`)
		return err
	})
	mux := http.NewServeMux()
	mux.Handle("GET /scenarios/{id}", h)

	for _, path := range []string{"/scenarios/7", "/scenarios/8"} {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Header.Set("X-Language", "zh-cn")
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 200 {"id":"7"}
	// 404 {"error_code":"octopus.107002","error_msg":"场景不存在"}
}

// Options.Handler gives every HandlerFunc of a mux its logger and a hook
// for metrics.
func ExampleOptions_Handler() {
	mux := http.NewServeMux()
	mux.Handle("/scenarios/{id}", errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		err := errors.New("dial tcp 10.0.0.7:5432: connection refused")
		return fmt.Errorf("load scenario %s: %w", r.PathValue("id"), errcode.DatabaseAccessError.Wrap(err))
	}))
	h := errcode.Options{
		Logger:           exampleLogger(),
		ClientErrorLevel: slog.LevelInfo,
		Observe: func(r *http.Request, c errcode.Code, err error) {
			fmt.Println("metrics:", r.Method, c.String(), c.Status())
		},
	}.Handler(mux)

	r := httptest.NewRequest(http.MethodGet, "/scenarios/7", nil)
	r.Header.Set("X-Request-Id", "f3a9")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Body.String())
	// Output:
	// level=ERROR msg="errcode: request failed" method=GET path=/scenarios/7 request_id=f3a9 code=octopus.000131 status=500 error="load scenario 7: octopus.000131: Database access error: dial tcp 10.0.0.7:5432: connection refused"
	// metrics: GET octopus.000131 500
	// 500 {"error_code":"octopus.000131","error_msg":"Database access error"}
}

// One wire code may be documented on several rows.
func ExampleAll() {
	for c := range errcode.All() {
		if c.String() == "octopus.101006" {
			fmt.Println(c.Name(), c.Status(), c.Message(language.English))
		}
	}
	// Output:
	// TagUsedInSegments 409 Tag Used In Segments
	// TagUsedInPackages 409 Tag Used In Packages
	// TagUsedInDataWarehouse 409 Tag Used In Data Warehouse
}

// A Code marshals as its constant's name, which names one row and stays
// the same when rows are added; it unmarshals from a name or a wire code.
func ExampleCode_MarshalText() {
	b, _ := json.Marshal(map[string]errcode.Code{"code": errcode.TagUsedInPackages})
	fmt.Println(string(b))

	var c errcode.Code
	_ = json.Unmarshal([]byte(`"octopus.107002"`), &c)
	fmt.Println(c.Name())
	// Output:
	// {"code":"TagUsedInPackages"}
	// ScenarioNotFound
}

// CodeOf is the code Write answers with: metrics that use it agree with
// the wire.
func ExampleCodeOf() {
	dependency := &errcode.ResponseError{StatusCode: 401, Code: errcode.TokenExpired, WireCode: "octopus.000102"}
	fmt.Println(errcode.CodeOf(fmt.Errorf("load: %w", errcode.ScenarioNotFound)))
	fmt.Println(errcode.CodeOf(errors.New("disk full")))
	fmt.Println(errcode.CodeOf(dependency))
	fmt.Println(errcode.CodeOf(errcode.Relay(dependency)))
	fmt.Println(errcode.CodeOf(nil) == 0)
	// Output:
	// octopus.107002: Scenario is not exists
	// octopus.000002: Internal server error
	// octopus.000002: Internal server error
	// octopus.000102: The request token expires
	// true
}

// ServeError answers in the language the request asks for, whatever wraps
// the ResponseWriter.
func ExampleServeError() {
	r := httptest.NewRequest(http.MethodGet, "/scenarios/s9", nil)
	r.Header.Set("X-Language", "zh-cn")
	w := httptest.NewRecorder()
	errcode.ServeError(w, r, errcode.ScenarioNotFound)

	fmt.Println(w.Code, w.Header().Get("Vary"))
	fmt.Println(w.Body.String())
	// Output:
	// 404 Accept-Language, X-Language
	// {"error_code":"octopus.107002","error_msg":"场景不存在"}
}

// RetryAfter is the wait a response's Retry-After header asked for.
func ExampleRetryAfter() {
	header := http.Header{"Retry-After": {"3"}}
	body := []byte(`{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}`)
	err := errcode.FromBody(429, header, body, nil)

	wait, ok := errcode.RetryAfter(err)
	fmt.Println(errcode.Retryable(err), wait, ok)
	// Output:
	// true 3s true
}

// Negotiate picks the catalog language a request asks for: Huawei Cloud's
// X-Language first, then Accept-Language, else English.
func ExampleNegotiate() {
	for _, h := range []http.Header{
		{"X-Language": {"zh-cn"}},
		{"Accept-Language": {"fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.7"}},
		{"X-Language": {"fr"}, "Accept-Language": {"en-GB"}},
		{},
	} {
		fmt.Println(errcode.Negotiate(h))
	}
	// Output:
	// zh-CN
	// zh-CN
	// en-US
	// en-US
}
