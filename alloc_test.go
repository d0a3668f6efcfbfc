package errcode_test

// Allocation tests for the targets of docs/performance.md, so that a
// change that makes a hot path allocate fails in CI. Timings are left to
// the benchmarks of bench_test.go: they are never asserted in tests.

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAllocsWriteConst allows Write of a constant one allocation: the
// header values each response owns (Content-Type, X-Content-Type-Options
// and, when localized, Vary, in one backing array).
func TestAllocsWriteConst(t *testing.T) {
	t.Run("en", func(t *testing.T) {
		w := newDiscardWriter()
		assert.Equal(t, 1.0, allocs(t, func() { errcode.Write(w, errcode.ScenarioNotFound) }))
		require.Equal(t, 404, w.code)
	})
	t.Run("zh", func(t *testing.T) {
		inner := newDiscardWriter()
		w := localized(t, inner, header("Accept-Language", "zh-CN"))
		assert.Equal(t, 1.0, allocs(t, func() {
			delete(inner.h, "Vary") // as on a new response
			errcode.Write(w, errcode.ScenarioNotFound)
		}))
		require.Equal(t, 404, inner.code)
	})
}

func TestAllocsWritePlaceholders(t *testing.T) {
	err := errcode.InvalidRequestParam.With("key", "name", "value", "x")
	w := newDiscardWriter()
	assert.LessOrEqual(t, allocs(t, func() { errcode.Write(w, err) }), 2.0)
}

func TestAllocsIsThreeLayers(t *testing.T) {
	err := fmt.Errorf("handler: %w",
		fmt.Errorf("service: %w",
			fmt.Errorf("store: %w", errcode.ScenarioNotFound)))
	var match, noMatch bool
	assert.Zero(t, allocs(t, func() { match = errors.Is(err, errcode.ScenarioNotFound) }), "match")
	assert.Zero(t, allocs(t, func() { noMatch = errors.Is(err, errcode.TokenExpired) }), "no match")
	require.True(t, match)
	require.False(t, noMatch)
}

func TestAllocsLookup(t *testing.T) {
	code := strings.Clone("octopus.107002")
	var got errcode.Code
	assert.Zero(t, allocs(t, func() { got, _ = errcode.Lookup(code) }))
	require.Equal(t, errcode.ScenarioNotFound, got)
}

func TestAllocsNegotiate(t *testing.T) {
	for _, tc := range negotiationCases {
		t.Run(tc.name, func(t *testing.T) {
			r := request(header(tc.header, tc.value))
			assert.Zero(t, allocs(t, func() { errcode.Negotiate(r) }))
		})
	}
}

// TestAllocsFromResponse allows FromResponse what its parts cost when
// written plainly: reading the body through io.LimitReader and io.ReadAll,
// a plain encoding/json decode of a struct of two strings, and two more
// (the *ResponseError and the io.LimitReader of the drain). The baselines
// are measured here, so that the target follows the standard library.
func TestAllocsFromResponse(t *testing.T) {
	resp, body := octopusErrorResponse()
	var err error
	got := allocs(t, func() {
		body.reset(octopusErrorBody)
		err = errcode.FromResponse(resp)
	})
	read := allocs(t, func() {
		body.reset(octopusErrorBody)
		io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
	})
	plain := allocs(t, func() { decodeSmallStruct(octopusErrorJSON) })
	assert.LessOrEqual(t, got, read+plain+2)
	require.ErrorIs(t, err, errcode.ScenarioNotFound)
	var re *errcode.ResponseError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "5f0c3f9e-2a46-4f2b-9d33-8c1e7d1f4b2a", re.RequestID)
	require.Equal(t, "Scenario is not exists", re.Message)
}

// TestAllocsNegotiateAfterFlood checks that common headers stay free
// after a flood of distinct Accept-Language values has filled the cache.
func TestAllocsNegotiateAfterFlood(t *testing.T) {
	skipUnderRace(t)
	flood(t, 1000)
	for _, tc := range negotiationCases {
		r := request(header(tc.header, tc.value))
		assert.Zero(t, allocs(t, func() { errcode.Negotiate(r) }), tc.name)
	}
}
