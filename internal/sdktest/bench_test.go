package sdktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A typical Octopus error response, the one the benchmarks decode. Its
// header and request are shared and only read.
var (
	typicalBody   = []byte(`{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`)
	typicalHeader = http.Header{
		"Content-Type":           {"application/json; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"},
		"X-Request-Id":           {"5f0c3b7e9a2d4c1f"},
	}
	typicalRequest, _ = http.NewRequest(http.MethodGet, "https://octopus.example.com/v1/scenarios/42", nil)
)

// typicalResponse returns a fresh response with typicalBody as its body,
// unread: the same construction for every decoder measured.
func typicalResponse() *http.Response {
	return &http.Response{
		Status:        "404 Not Found",
		StatusCode:    http.StatusNotFound,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        typicalHeader,
		Body:          io.NopCloser(bytes.NewReader(typicalBody)),
		ContentLength: int64(len(typicalBody)),
		Request:       typicalRequest,
	}
}

// plainBody is the baseline's target: the body's two strings.
type plainBody struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

// The decoders measured, each from a fresh typicalResponse to its error:
// the Huawei Cloud SDK's; errcode's FromResponse; FromBody after reading
// the body as a caller would; and a plain encoding/json decode of the
// read body into two strings, the baseline.
func decodeSDK(resp *http.Response) error { return sdkerr.NewServiceResponseError(resp) }

func decodeFromResponse(resp *http.Response) error { return errcode.FromResponse(resp) }

func decodeFromBody(resp *http.Response) error {
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	return errcode.FromBody(resp.StatusCode, resp.Header, body, resp.Request)
}

func decodePlain(resp *http.Response) (plainBody, error) {
	var p plainBody
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return p, err
	}
	err = json.Unmarshal(body, &p)
	return p, err
}

// TestTypicalResponse checks what each benchmarked decoder makes of the
// typical response, so that the benchmarks measure a decode that works.
func TestTypicalResponse(t *testing.T) {
	sdk, ok := decodeSDK(typicalResponse()).(*sdkerr.ServiceResponseError)
	require.True(t, ok)
	assert.Equal(t, &sdkerr.ServiceResponseError{
		StatusCode:   404,
		RequestId:    "5f0c3b7e9a2d4c1f",
		ErrorCode:    "octopus.107002",
		ErrorMessage: "Scenario is not exists",
	}, sdk)

	want := errcode.ResponseError{
		StatusCode: 404,
		Code:       errcode.ScenarioNotFound,
		WireCode:   "octopus.107002",
		Message:    "Scenario is not exists",
		RequestID:  "5f0c3b7e9a2d4c1f",
	}
	for name, decode := range map[string]func(*http.Response) error{
		"FromResponse": decodeFromResponse,
		"FromBody":     decodeFromBody,
	} {
		var re *errcode.ResponseError
		require.True(t, errors.As(decode(typicalResponse()), &re), name)
		got := errcode.ResponseError{StatusCode: re.StatusCode, Code: re.Code, WireCode: re.WireCode, Message: re.Message, RequestID: re.RequestID, Excerpt: re.Excerpt}
		assert.Equal(t, want, got, name)
	}

	p, err := decodePlain(typicalResponse())
	require.NoError(t, err)
	assert.Equal(t, plainBody{"octopus.107002", "Scenario is not exists"}, p)
}

// Sinks keep the benchmarks' results alive.
var (
	sink      any
	plainSink plainBody
)

// BenchmarkDecode measures each decoder on the typical response, and the
// construction of the response alone, which every other case includes.
func BenchmarkDecode(b *testing.B) {
	for _, bm := range []struct {
		name   string
		decode func(*http.Response) error
	}{
		{"sdkerr.NewServiceResponseError", decodeSDK},
		{"errcode.FromResponse", decodeFromResponse},
		{"errcode.FromBody", decodeFromBody},
		{"json.Unmarshal", func(resp *http.Response) error {
			p, err := decodePlain(resp)
			plainSink = p
			return err
		}},
		{"response only", func(resp *http.Response) error {
			sink = resp
			return nil
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = bm.decode(typicalResponse())
			}
		})
	}
}
