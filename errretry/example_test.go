package errretry_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errretry"
)

// A client that retries by the catalog, and gets the last answer's error
// when the retries run out.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`)
	}))
	defer srv.Close()

	client := retryablehttp.NewClient()
	client.CheckRetry = errretry.CheckRetry
	client.Backoff = errretry.Backoff
	client.ErrorHandler = errretry.ErrorHandler
	client.Logger = nil
	client.RetryMax = 2
	client.RetryWaitMin, client.RetryWaitMax = time.Millisecond, time.Millisecond

	_, err := client.Get(srv.URL + "/v1/scenarios")
	fmt.Println(err)
	fmt.Println(errors.Is(err, errcode.InternalServerError))
	// Output:
	// errretry: giving up after 3 attempt(s): octopus.000002: Internal server error (HTTP 500)
	// true
}

// CheckRetry sends a POST again only when it has an Idempotency-Key, for
// an error after which the request may have been processed; it leaves the
// body for the caller to read.
func ExampleCheckRetry() {
	post, _ := http.NewRequest(http.MethodPost, "http://octopus.example/v1/jobs", nil)
	resp := &http.Response{
		StatusCode: 500,
		Header:     http.Header{},
		Body:       io.NopCloser(strings.NewReader(`{"error_code":"octopus.000002","error_msg":"Internal server error"}`)),
		Request:    post,
	}
	retry, err := errretry.CheckRetry(context.Background(), resp, nil)
	fmt.Println(retry, err)
	body, _ := io.ReadAll(resp.Body) // CheckRetry put back what it read
	fmt.Println(string(body))

	post.Header.Set("Idempotency-Key", "8e0f6a2c")
	resp.Body = io.NopCloser(bytes.NewReader(body))
	retry, _ = errretry.CheckRetry(context.Background(), resp, nil)
	fmt.Println(retry)
	// Output:
	// false <nil>
	// {"error_code":"octopus.000002","error_msg":"Internal server error"}
	// true
}

// Backoff waits what Retry-After asks, else go-retryablehttp's exponential
// backoff.
func ExampleBackoff() {
	throttled := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"2"}}}
	fmt.Println(errretry.Backoff(time.Second, 30*time.Second, 0, throttled))
	fmt.Println(errretry.Backoff(time.Second, 30*time.Second, 3, nil))
	// Output:
	// 2s
	// 8s
}
