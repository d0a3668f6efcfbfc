package errcode_test

// Benchmarks for the targets of docs/performance.md, each next to the
// baseline it is compared with in the same run:
//
//	go test -run '^$' -bench . -benchmem
//
// The ratios are read from the results, never asserted: the allocation
// targets are held by the tests in alloc_test.go.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

// A discardWriter is the cheapest ResponseWriter that keeps its header map
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

// localized returns the ResponseWriter that errcode.Localize gives a
// handler for a request with the header name: value, writing to w.
func localized(tb testing.TB, w http.ResponseWriter, name, value string) http.ResponseWriter {
	tb.Helper()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if name != "" {
		r.Header.Set(name, value)
	}
	var got http.ResponseWriter
	errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { got = w })).
		ServeHTTP(w, r)
	if got == nil {
		tb.Fatal("Localize did not call its handler")
	}
	return got
}

// floorBody is a prebuilt 70-byte error body.
var (
	floorBody        = []byte(`{"error_code":"octopus.107002","error_msg":"Scenario is not exists."}` + "\n")
	floorContentType = []string{"application/json; charset=utf-8"}
	floorNoSniff     = []string{"nosniff"}
)

// BenchmarkFloor is the least an error answer costs: one header, the
// status, a prebuilt body.
func BenchmarkFloor(b *testing.B) {
	if len(floorBody) != 70 {
		b.Fatalf("floor body is %d bytes, want 70", len(floorBody))
	}
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		h := w.Header()
		h["Content-Type"] = floorContentType
		w.WriteHeader(http.StatusNotFound)
		w.Write(floorBody)
	}
}

// BenchmarkFloorWriteHeaders is the floor with the header work Write must
// also do: delete Content-Length, as http.Error does, and set
// X-Content-Type-Options. It is not a target's baseline; it tells the cost
// of those two map operations from the cost of Write's own code.
func BenchmarkFloorWriteHeaders(b *testing.B) {
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		h := w.Header()
		delete(h, "Content-Length")
		h["Content-Type"] = floorContentType
		h["X-Content-Type-Options"] = floorNoSniff
		w.WriteHeader(http.StatusNotFound)
		w.Write(floorBody)
	}
}

// BenchmarkFloorOwnValues is BenchmarkFloorWriteHeaders with values that
// belong to the response, as Write sets them since no response may share
// a value slice with another: the cheapest way to do by hand what Write
// does, one allocation for both values.
func BenchmarkFloorOwnValues(b *testing.B) {
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		h := w.Header()
		delete(h, "Content-Length")
		v := []string{"application/json; charset=utf-8", "nosniff"}
		h["Content-Type"] = v[0:1:1]
		h["X-Content-Type-Options"] = v[1:2:2]
		w.WriteHeader(http.StatusNotFound)
		w.Write(floorBody)
	}
}

// BenchmarkFloorOwnHeaders is BenchmarkFloorWriteHeaders done as
// http.Error does it, with Del and Set, each value the response's own.
func BenchmarkFloorOwnHeaders(b *testing.B) {
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		h := w.Header()
		h.Del("Content-Length")
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusNotFound)
		w.Write(floorBody)
	}
}

// BenchmarkHandWritten is the handler a service writes without the
// library: the baseline of the placeholders target.
func BenchmarkHandWritten(b *testing.B) {
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{
			"error_code": "octopus.000003",
			"error_msg":  "Request params [name:x] is invalid",
		})
	}
}

func BenchmarkWriteConst(b *testing.B) {
	b.Run("en", func(b *testing.B) {
		w := newDiscardWriter()
		b.ReportAllocs()
		for b.Loop() {
			errcode.Write(w, errcode.ScenarioNotFound)
		}
	})
	b.Run("zh", func(b *testing.B) {
		w := localized(b, newDiscardWriter(), "Accept-Language", "zh-CN")
		b.ReportAllocs()
		for b.Loop() {
			errcode.Write(w, errcode.ScenarioNotFound)
		}
	})
}

func BenchmarkWritePlaceholders(b *testing.B) {
	err := errcode.InvalidRequestParam.With("key", "name", "value", "x")
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		errcode.Write(w, err)
	}
}

func BenchmarkIsThreeLayers(b *testing.B) {
	err := fmt.Errorf("handler: %w",
		fmt.Errorf("service: %w",
			fmt.Errorf("store: %w", errcode.ScenarioNotFound)))
	b.Run("match", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !errors.Is(err, errcode.ScenarioNotFound) {
				b.Fatal("no match")
			}
		}
	})
	b.Run("nomatch", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if errors.Is(err, errcode.TokenExpired) {
				b.Fatal("match")
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	code := strings.Clone("octopus.107002")
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := errcode.Lookup(code); !ok {
			b.Fatal("not found")
		}
	}
}

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

func negotiationRequest(header, value string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if header != "" {
		r.Header.Set(header, value)
	}
	return r
}

func BenchmarkNegotiate(b *testing.B) {
	for _, tc := range negotiationCases {
		b.Run(tc.name, func(b *testing.B) {
			r := negotiationRequest(tc.header, tc.value)
			b.ReportAllocs()
			for b.Loop() {
				errcode.Negotiate(r)
			}
		})
	}
}

// BenchmarkMatchStrings is the baseline of BenchmarkNegotiate: x/text's
// answer for the same values with a matcher of the catalog's languages.
// X-Language is not an Accept-Language value, but zh-cn parses as one.
func BenchmarkMatchStrings(b *testing.B) {
	matcher := language.NewMatcher(errcode.Languages())
	for _, tc := range negotiationCases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				language.MatchStrings(matcher, tc.value)
			}
		})
	}
}

// octopusErrorBody is a typical Octopus error response body.
const octopusErrorBody = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`

var octopusErrorJSON = []byte(octopusErrorBody)

// A resetBody is a response body that can be read again after a reset,
// so that the benchmarks pay for reading it but not for making it.
type resetBody struct{ strings.Reader }

func (b *resetBody) Close() error { return nil }

func (b *resetBody) reset() { b.Reader.Reset(octopusErrorBody) }

func errorResponse(body io.ReadCloser) *http.Response {
	return &http.Response{
		StatusCode: http.StatusNotFound,
		Header: http.Header{
			"Content-Type": {"application/json; charset=utf-8"},
			"X-Request-Id": {"5f0c3f9e-2a46-4f2b-9d33-8c1e7d1f4b2a"},
		},
		Body: body,
	}
}

func BenchmarkFromResponse(b *testing.B) {
	body := new(resetBody)
	resp := errorResponse(body)
	b.ReportAllocs()
	for b.Loop() {
		body.reset()
		if !errors.Is(errcode.FromResponse(resp), errcode.ScenarioNotFound) {
			b.Fatal("no match")
		}
	}
}

// BenchmarkReadBody is the baseline of BenchmarkFromResponse: reading
// and closing the same body, as any client does.
func BenchmarkReadBody(b *testing.B) {
	body := new(resetBody)
	resp := errorResponse(body)
	b.ReportAllocs()
	for b.Loop() {
		body.reset()
		if _, err := io.ReadAll(resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
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

// BenchmarkDecodeSmallStruct is the other baseline of BenchmarkFromResponse:
// what encoding/json costs for the same body, decoded plainly.
func BenchmarkDecodeSmallStruct(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code, _ := decodeSmallStruct(octopusErrorJSON); code != "octopus.107002" {
			b.Fatal(code)
		}
	}
}
