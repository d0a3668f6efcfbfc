package errcode_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The optional interfaces, as bits of a subset.
const (
	canFlush = 1 << iota
	canHijack
	canReadFrom
	canWriteString
	allSubsets = 1 << iota
)

// capable returns f as a ResponseWriter with exactly the optional
// interfaces of the subset has.
func capable(f *spyWriter, has int) http.ResponseWriter {
	type (
		W = http.ResponseWriter
		F = http.Flusher
		H = http.Hijacker
		R = io.ReaderFrom
		S = io.StringWriter
	)
	switch has {
	case 0:
		return struct{ W }{f}
	case canFlush:
		return struct {
			W
			F
		}{f, f}
	case canHijack:
		return struct {
			W
			H
		}{f, f}
	case canFlush | canHijack:
		return struct {
			W
			F
			H
		}{f, f, f}
	case canReadFrom:
		return struct {
			W
			R
		}{f, f}
	case canFlush | canReadFrom:
		return struct {
			W
			F
			R
		}{f, f, f}
	case canHijack | canReadFrom:
		return struct {
			W
			H
			R
		}{f, f, f}
	case canFlush | canHijack | canReadFrom:
		return struct {
			W
			F
			H
			R
		}{f, f, f, f}
	case canWriteString:
		return struct {
			W
			S
		}{f, f}
	case canFlush | canWriteString:
		return struct {
			W
			F
			S
		}{f, f, f}
	case canHijack | canWriteString:
		return struct {
			W
			H
			S
		}{f, f, f}
	case canFlush | canHijack | canWriteString:
		return struct {
			W
			F
			H
			S
		}{f, f, f, f}
	case canReadFrom | canWriteString:
		return struct {
			W
			R
			S
		}{f, f, f}
	case canFlush | canReadFrom | canWriteString:
		return struct {
			W
			F
			R
			S
		}{f, f, f, f}
	case canHijack | canReadFrom | canWriteString:
		return struct {
			W
			H
			R
			S
		}{f, f, f, f}
	default:
		return f
	}
}

// interfacesOf returns the subset of optional interfaces w has.
func interfacesOf(w http.ResponseWriter) int {
	has := 0
	if _, ok := w.(http.Flusher); ok {
		has |= canFlush
	}
	if _, ok := w.(http.Hijacker); ok {
		has |= canHijack
	}
	if _, ok := w.(io.ReaderFrom); ok {
		has |= canReadFrom
	}
	if _, ok := w.(io.StringWriter); ok {
		has |= canWriteString
	}
	return has
}

// TestWrappersTellTheTruth checks, for every subset of the optional
// interfaces, that the ResponseWriter Localize and HandlerFunc give a
// handler has exactly those of the original, passes each call on, and
// unwraps to the original.
func TestWrappersTellTheTruth(t *testing.T) {
	wrappers := map[string]func(http.Handler) http.Handler{
		"Localize": errcode.Localize,
		"HandlerFunc": func(h http.Handler) http.Handler {
			return errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				h.ServeHTTP(w, r)
				return nil
			})
		},
		"Localize around HandlerFunc": func(h http.Handler) http.Handler {
			return errcode.Localize(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				h.ServeHTTP(w, r)
				return nil
			}))
		},
	}
	for name, wrap := range wrappers {
		for has := range allSubsets {
			f := new(spyWriter)
			original := capable(f, has)
			require.Equal(t, has, interfacesOf(original), "the fake itself")
			var got http.ResponseWriter
			wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = w
				assert.Equal(t, has&(canFlush|canHijack), interfacesOf(w), "%s, subset %04b: Flush and Hijack as the original has them", name, has)
				if fl, ok := w.(http.Flusher); ok {
					fl.Flush()
				}
				if hj, ok := w.(http.Hijacker); ok {
					hj.Hijack()
				}
				if rf, ok := w.(io.ReaderFrom); ok {
					rf.ReadFrom(strings.NewReader("r"))
				}
				if sw, ok := w.(io.StringWriter); ok {
					sw.WriteString("s")
				}
				w.Write([]byte("w"))
			})).ServeHTTP(original, httptest.NewRequest(http.MethodGet, "/", nil))
			require.NotNil(t, got)

			var want []string
			for bit, call := range []string{"Flush", "Hijack"} {
				if has&(1<<bit) != 0 {
					want = append(want, call)
				}
			}
			assert.Equal(t, want, f.calls, "%s, subset %04b: each call reaches the original", name, has)
			assert.Empty(t, f.statuses, "%s, subset %04b: no WriteHeader of the wrapper's own", name, has)

			// Unwrap leads to the original, for http.ResponseController.
			u := got
			for u != original {
				x, ok := u.(interface{ Unwrap() http.ResponseWriter })
				require.True(t, ok, "%s, subset %04b: unwraps to the original", name, has)
				u = x.Unwrap()
			}
			err := http.NewResponseController(got).Flush()
			if has&canFlush != 0 {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, http.ErrNotSupported, "%s, subset %04b: no Flush claimed", name, has)
			}
		}
	}
}

func TestWriteSeesLanguageThroughOtherWrappers(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "zh-CN")
	w := httptest.NewRecorder()
	errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		errcode.Write(unwrapper{w}, errcode.TokenExpired)
	})).ServeHTTP(w, r)
	assert.Equal(t, 401, w.Code)
	assert.Equal(t, `{"error_code":"octopus.000102","error_msg":"请求token过期"}`, w.Body.String())
}

func TestLocalizeKeepsFlusherAndResponseController(t *testing.T) {
	w := httptest.NewRecorder()
	errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := w.(http.Flusher)
		require.True(t, ok)
		f.Flush()
		rc := http.NewResponseController(w)
		require.NoError(t, rc.Flush())
		assert.ErrorIs(t, rc.EnableFullDuplex(), http.ErrNotSupported, "the recorder cannot, and the wrapper says so")
	})).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	assert.True(t, w.Flushed)
}
