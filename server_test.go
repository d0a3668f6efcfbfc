package errcode_test

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteCode(t *testing.T) {
	w := httptest.NewRecorder()
	w.Header().Set("Content-Length", "12")
	errcode.Write(w, errcode.ScenarioNotFound)
	assert.Equal(t, 404, w.Code)
	assert.Equal(t, http.Header{
		"Content-Type":           {"application/json; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"},
	}, w.Header(), "a stale Content-Length is dropped")
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, w.Body.String())
}

func TestWriteFindsTheCodeInAChain(t *testing.T) {
	for name, err := range map[string]error{
		"wrapped":   fmt.Errorf("load scenario 7: %w", errcode.ScenarioNotFound),
		"joined":    errors.Join(errors.New("first"), fmt.Errorf("x: %w", errcode.ScenarioNotFound.Wrap(sql.ErrNoRows))),
		"as *Error": errcode.ScenarioNotFound.Wrap(sql.ErrNoRows),
	} {
		w := httptest.NewRecorder()
		errcode.Write(w, err)
		assert.Equal(t, 404, w.Code, name)
		assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, w.Body.String(), name)
	}
}

func TestWritePlaceholders(t *testing.T) {
	w := httptest.NewRecorder()
	errcode.Write(w, errcode.InvalidRequestParam.With("key", "name", "value", `x"y`))
	assert.Equal(t, 400, w.Code)
	assert.Equal(t, `{"error_code":"octopus.000003","error_msg":"Request params [name:x\"y] is invalid"}`, w.Body.String())
}

func TestWriteForeignErrorAsInternal(t *testing.T) {
	secret := errors.New("dial tcp 10.0.0.7:5432: password authentication failed for user admin")
	for _, err := range []error{secret, fmt.Errorf("query: %w", secret), errcode.Code(0), &errcode.ResponseError{StatusCode: 502, WireCode: "octopus.402009"}} {
		w := httptest.NewRecorder()
		errcode.Write(w, err)
		assert.Equal(t, 500, w.Code)
		assert.Equal(t, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`, w.Body.String())
	}
}

// TestWriteNilWritesNothing checks that Write(w, nil) leaves the response
// to the handler: its own status and body go out after it.
func TestWriteNilWritesNothing(t *testing.T) {
	var typedNil *errcode.Error
	for _, err := range []error{nil, typedNil} {
		w := httptest.NewRecorder()
		errcode.Write(w, err)
		assert.False(t, w.Flushed)
		assert.Empty(t, w.Header())
		assert.Empty(t, w.Body.String())
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, "queued")
		assert.Equal(t, http.StatusAccepted, w.Code, "no status was written before the handler's")
		assert.Equal(t, "queued", w.Body.String())
	}
}

func TestWriteAnswersADependencysErrorAsInternal(t *testing.T) {
	for _, c := range []errcode.Code{errcode.TokenExpired, errcode.PermissionDenied, errcode.ScenarioNotFound, errcode.GatewayThrottled} {
		dep := fmt.Errorf("upstream: %w", &errcode.ResponseError{StatusCode: c.Status(), Code: c, WireCode: c.String(), Message: "detail from upstream"})
		w := httptest.NewRecorder()
		errcode.Write(w, dep)
		assert.Equal(t, 500, w.Code, c.Name())
		assert.Equal(t, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`, w.Body.String(), c.Name())
		assert.Equal(t, errcode.InternalServerError, errcode.CodeOf(dep), c.Name())
	}
}

func TestWriteRelaysADependencysErrorWhenAsked(t *testing.T) {
	w := httptest.NewRecorder()
	errcode.Write(w, errcode.Relay(fmt.Errorf("upstream: %w", &errcode.ResponseError{StatusCode: 429, Code: errcode.GatewayThrottled, WireCode: "APIG.0308", Message: "detail from upstream"})))
	assert.Equal(t, 429, w.Code)
	assert.Equal(t, `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}`, w.Body.String(),
		"the documented form and message, not what upstream sent")
	undocumented := &errcode.ResponseError{StatusCode: 503, WireCode: "other.1"}
	assert.Same(t, undocumented, errcode.Relay(undocumented), "an undocumented code has no row to relay")
}

// TestRelayKeepsTheChain checks that a relayed error still holds what it
// wrapped: the *ResponseError with its request id, and the causes around
// it.
func TestRelayKeepsTheChain(t *testing.T) {
	timeout := errors.New("deadline exceeded")
	dep := errcode.FromBody(401, http.Header{"X-Request-Id": {"dep-1"}}, []byte(`{"error_code":"octopus.000102","error_msg":"The request token expires"}`), nil)
	err := fmt.Errorf("fetch scenario: %w", errors.Join(dep, timeout))
	relayed := errcode.Relay(err)
	assert.Equal(t, errcode.TokenExpired, errcode.CodeOf(relayed))
	var re *errcode.ResponseError
	require.ErrorAs(t, relayed, &re)
	assert.Same(t, dep, re)
	assert.Equal(t, "dep-1", re.RequestID)
	assert.ErrorIs(t, relayed, timeout)
	assert.Same(t, err, errors.Unwrap(relayed), "the error as given")
	assert.Equal(t, err, errcode.Relay(errcode.ScenarioNotFound.Wrap(err)).(*errcode.Error).Unwrap(), "a Code first: not relayed")
	assert.Nil(t, errcode.Relay(nil))
}

// TestAnAppendToAnAnswersHeaderChangesNoOther checks that a middleware
// appending to one of the header values Write set changes that value
// alone: the values share no array that an append could write into.
func TestAnAppendToAnAnswersHeaderChangesNoOther(t *testing.T) {
	for name, answer := range map[string]func(w http.ResponseWriter, r *http.Request){
		"Write":      func(w http.ResponseWriter, r *http.Request) { errcode.Write(w, errcode.ScenarioNotFound) },
		"ServeError": func(w http.ResponseWriter, r *http.Request) { errcode.ServeError(w, r, errcode.ScenarioNotFound) },
	} {
		w := httptest.NewRecorder()
		answer(w, httptest.NewRequest(http.MethodGet, "/", nil))
		h := w.Header()
		h["Content-Type"] = append(h["Content-Type"], "text/plain")
		assert.Equal(t, []string{"application/json; charset=utf-8", "text/plain"}, h["Content-Type"], name)
		assert.Equal(t, []string{"nosniff"}, h["X-Content-Type-Options"], "%s: the value after Content-Type's is untouched", name)
		h["X-Content-Type-Options"] = append(h["X-Content-Type-Options"], "other")
		assert.Equal(t, []string{"nosniff", "other"}, h["X-Content-Type-Options"], name)
		if name == "ServeError" {
			assert.Equal(t, []string{"Accept-Language, X-Language"}, h["Vary"], "the value after X-Content-Type-Options' is untouched")
		}
	}
}

// TestLocalizeNegotiates checks that Localize answers in the language
// x/text chooses for the request's headers.
func TestLocalizeNegotiates(t *testing.T) {
	messages := map[string]string{"en-US": "Scenario is not exists", "zh-CN": "场景不存在"}
	for _, tt := range []struct{ accept, xlang string }{
		{"", ""},
		{"zh", ""},
		{"zh-CN", ""},
		{"zh-Hans", ""},
		{"zh-CN,zh;q=0.9,en;q=0.8", ""},
		{"en-US,en;q=0.9,zh;q=0.8", ""},
		{"fr;q=0.9,zh;q=0.5", ""},
		{"en;q=0.1,zh;q=0.9", ""},
		{"fr", ""},
		{"", "zh-cn"},
		{"", "zh_CN"},
		{"", "en-us"},
		{"", "en_US"},
		{"zh-CN", "en_US"},
		{"en", "zh-cn"},
		{"zh-CN", "fr_FR"},
		{"zh-CN", "not a tag"},
	} {
		want := errcode.Languages()[xtextChoice(tt.accept, tt.xlang)]
		h := header("Accept-Language", tt.accept, "X-Language", tt.xlang)
		w := serve(h, notFound)
		assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"`+messages[want.String()]+`"}`, w.Body.String(), "%q %q", tt.accept, tt.xlang)
		assert.Equal(t, want, negotiate(h), "%q %q", tt.accept, tt.xlang)
	}
}

// TestServeErrorAnswersInTheLanguageOfItsRequest checks that ServeError
// answers in the language of the request it is given, on any
// ResponseWriter, one of Localize or HandlerFunc included.
func TestServeErrorAnswersInTheLanguageOfItsRequest(t *testing.T) {
	const en, zh = `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, `{"error_code":"octopus.107002","error_msg":"场景不存在"}`
	for name, wrap := range map[string]func(http.Handler) http.Handler{
		"a plain ResponseWriter": func(h http.Handler) http.Handler { return h },
		"Localize":               errcode.Localize,
		"HandlerFunc": func(h http.Handler) http.Handler {
			return errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error { h.ServeHTTP(w, r); return nil })
		},
	} {
		for _, tt := range []struct{ outer, given, want string }{
			{"", "zh", zh},
			{"zh", "zh", zh},
			{"zh", "en", en},
		} {
			rec := httptest.NewRecorder()
			wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				errcode.ServeError(w, request(header("Accept-Language", tt.given)), errcode.ScenarioNotFound)
			})).ServeHTTP(rec, request(header("Accept-Language", tt.outer)))
			assert.Equal(t, http.StatusNotFound, rec.Code, name)
			assert.Equal(t, tt.want, rec.Body.String(), "%s: the request's language, %q, not the handler's, %q", name, tt.given, tt.outer)
			assert.Equal(t, []string{"Accept-Language, X-Language"}, rec.Header()["Vary"], name)
		}
	}
}

func TestWriteOutsideLocalizeHasNoVary(t *testing.T) {
	w := httptest.NewRecorder()
	errcode.Write(w, errcode.ScenarioNotFound)
	assert.NotContains(t, w.Header(), "Vary", "the body is the same for every request")
}

func TestLocalizedErrorsVary(t *testing.T) {
	for _, tt := range []struct {
		before []string
		want   []string
	}{
		{nil, []string{"Accept-Language, X-Language"}},
		{[]string{"Accept-Encoding"}, []string{"Accept-Encoding", "Accept-Language, X-Language"}},
		{[]string{"Origin, accept-language"}, []string{"Origin, accept-language", "X-Language"}},
		{[]string{"Origin", "X-Language"}, []string{"Origin", "X-Language", "Accept-Language"}},
		{[]string{"Accept-Language, X-Language"}, []string{"Accept-Language, X-Language"}},
		{[]string{"*"}, []string{"*"}},
	} {
		for name, answer := range map[string]func(w http.ResponseWriter, r *http.Request){
			"Write under Localize": func(w http.ResponseWriter, r *http.Request) {
				errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					errcode.Write(w, errcode.ScenarioNotFound)
				})).ServeHTTP(w, r)
			},
			"ServeError": func(w http.ResponseWriter, r *http.Request) { errcode.ServeError(w, r, errcode.ScenarioNotFound) },
			"HandlerFunc": func(w http.ResponseWriter, r *http.Request) {
				errcode.HandlerFunc(notFound).ServeHTTP(w, r)
			},
		} {
			w := httptest.NewRecorder()
			if tt.before != nil {
				w.Header()["Vary"] = slices.Clone(tt.before)
			}
			answer(w, httptest.NewRequest(http.MethodGet, "/", nil))
			assert.Equal(t, tt.want, w.Header()["Vary"], "%s after %q", name, tt.before)
		}
	}
}

// TestEachResponseHasItsOwnHeaderValues checks that a middleware editing a
// header value in place after Write changes that response alone.
func TestEachResponseHasItsOwnHeaderValues(t *testing.T) {
	mutate := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.ServeHTTP(w, r)
			for _, k := range []string{"Content-Type", "X-Content-Type-Options", "Vary"} {
				if v := w.Header()[k]; len(v) > 0 {
					v[0] = "mutated"
				}
			}
		})
	}
	for name, h := range map[string]http.Handler{
		"Write":       mutate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { errcode.Write(w, errcode.ScenarioNotFound) })),
		"Localize":    mutate(errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { errcode.Write(w, errcode.ScenarioNotFound) }))),
		"HandlerFunc": mutate(errcode.HandlerFunc(notFound)),
	} {
		for range 2 {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
			assert.Equal(t, "mutated", w.Header().Get("Content-Type"), name)
		}
		w := httptest.NewRecorder()
		errcode.Write(w, errcode.ScenarioNotFound)
		assert.Equal(t, http.Header{
			"Content-Type":           {"application/json; charset=utf-8"},
			"X-Content-Type-Options": {"nosniff"},
		}, w.Header(), "%s: the next response is untouched", name)
		w = httptest.NewRecorder()
		errcode.ServeError(w, httptest.NewRequest(http.MethodGet, "/", nil), errcode.ScenarioNotFound)
		assert.Equal(t, "Accept-Language, X-Language", w.Header().Get("Vary"), name)
	}
}

// TestAllocsWriteConst allows Write of a constant one allocation: the
// header values each response owns (Content-Type, X-Content-Type-Options
// and, when localized, Vary, in one backing array).
func TestAllocsWriteConst(t *testing.T) {
	t.Run("en", func(t *testing.T) {
		w := newDiscardWriter()
		assert.Equal(t, 1.0, allocs(t, func() { errcode.Write(w, errcode.ScenarioNotFound) }))
		require.Equal(t, 404, w.code)
	})
	t.Run("wrapped, no values", func(t *testing.T) {
		w := newDiscardWriter()
		err := errcode.ScenarioNotFound.Wrap(sql.ErrNoRows)
		assert.Equal(t, 1.0, allocs(t, func() { errcode.Write(w, err) }), "the prebuilt body, as for the Code")
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

// TestAllocsWritePlaceholders checks that an answer with values makes its
// body in one buffer, sized for the values however long, cut ones too
// (with their "…"), beside the one backing array of its header values.
func TestAllocsWritePlaceholders(t *testing.T) {
	w := newDiscardWriter()
	for _, value := range []string{"x", strings.Repeat("v", errcode.MaxParamBytes), strings.Repeat("v", 1000)} {
		err := errcode.InvalidRequestParam.With("key", value, "value", value)
		assert.Equal(t, 2.0, allocs(t, func() { errcode.Write(w, err) }), "values of %d bytes", len(value))
	}
}
