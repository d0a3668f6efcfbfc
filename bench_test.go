package errcode_test

// Benchmarks for the targets of docs/performance.md, each next to the
// baseline it is compared with in the same run:
//
//	go test -run '^$' -bench . -benchmem
//
// The ratios are read from the results, never asserted: the allocation
// targets are held by the TestAllocs* tests, beside the code they measure.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
)

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

// BenchmarkFloorOwnValuesVary is BenchmarkFloorOwnValues for an answer in
// the request's language, which also sets Vary: Accept-Language,
// X-Language: the baseline of WriteConst/zh.
func BenchmarkFloorOwnValuesVary(b *testing.B) {
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		h := w.Header()
		delete(h, "Content-Length")
		v := []string{"application/json; charset=utf-8", "nosniff", "Accept-Language, X-Language"}
		h["Content-Type"] = v[0:1:1]
		h["X-Content-Type-Options"] = v[1:2:2]
		h["Vary"] = v[2:3:3]
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
		w := localized(b, newDiscardWriter(), header("Accept-Language", "zh-CN"))
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

func BenchmarkNegotiate(b *testing.B) {
	for _, tc := range negotiationCases {
		b.Run(tc.name, func(b *testing.B) {
			r := request(header(tc.header, tc.value))
			b.ReportAllocs()
			for b.Loop() {
				errcode.Negotiate(r.Header)
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

func BenchmarkFromResponse(b *testing.B) {
	resp, body := octopusErrorResponse()
	b.ReportAllocs()
	for b.Loop() {
		body.reset(octopusErrorBody)
		if !errors.Is(errcode.FromResponse(resp), errcode.ScenarioNotFound) {
			b.Fatal("no match")
		}
	}
}

// BenchmarkReadBody is the baseline of BenchmarkFromResponse: reading
// and closing the same body, as any client does.
func BenchmarkReadBody(b *testing.B) {
	resp, body := octopusErrorResponse()
	b.ReportAllocs()
	for b.Loop() {
		body.reset(octopusErrorBody)
		if _, err := io.ReadAll(resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
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

// BenchmarkNegotiateHostile negotiates headers that no client sends, to
// compare with BenchmarkNegotiate: the work is bounded.
func BenchmarkNegotiateHostile(b *testing.B) {
	many := make([]string, 1000)
	for i := range many {
		many[i] = "de-DE;q=0.5, fr-CH;q=0.4"
	}
	for name, h := range map[string]http.Header{
		"eight entries": {"Accept-Language": {"zh-Hant-TW,zh-Hant;q=0.9,zh-TW;q=0.8,zh;q=0.7,en-GB;q=0.6,en-US;q=0.5,en;q=0.4,ja;q=0.3"}},
		"1000 lines":    {"Accept-Language": many, "X-Language": many},
		"1 MiB":         {"Accept-Language": {strings.Repeat("de-DE-1996,", 1<<20/11)}},
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				errcode.Negotiate(h)
			}
		})
	}
}
