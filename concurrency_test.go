package errcode_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// TestConcurrentUse runs Write, Lookup, Negotiate, FromResponse and the
// middleware (Localize around HandlerFunc) from many goroutines at once,
// through a real server. Run it with -race: the catalog is read-only, and
// no buffer is shared by two calls.
func TestConcurrentUse(t *testing.T) {
	const goroutines, iterations = 16, 200
	codes := slices.Collect(errcode.All())
	require.NotEmpty(t, codes)

	mux := http.NewServeMux()
	mux.Handle("/code/{i}", errcode.Localize(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		i, err := strconv.Atoi(r.PathValue("i"))
		if err != nil || i < 0 || i >= len(codes) {
			return errors.New("bad index " + r.PathValue("i"))
		}
		w.Header().Set("X-Request-Id", r.URL.Query().Get("v"))
		return fmt.Errorf("handler: %w", codes[i].With("key", "k", "value", r.URL.Query().Get("v")).Wrap(errors.New("dial tcp 10.0.0.7:5432: connection refused")))
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: goroutines}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()

	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range iterations {
				if !concurrentStep(t, client, srv.URL, codes, g, i) {
					return
				}
			}
		})
	}
	wg.Wait()
}

// concurrentStep is one iteration of goroutine g; it reports whether all
// went well. It uses assert, not require: it runs off the test goroutine.
func concurrentStep(t *testing.T, client *http.Client, url string, codes []errcode.Code, g, i int) bool {
	idx := (g*31 + i) % len(codes)
	c := codes[idx]
	v := fmt.Sprintf("g%d-i%d", g, i)
	l := requestLanguages[1+i%2] // en, zh
	e := c.With("key", "k", "value", v)

	// The middleware over HTTP, and FromResponse on its answer.
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/code/%d?v=%s", url, idx, v), nil)
	if !assert.NoError(t, err) {
		return false
	}
	req.Header.Set("Accept-Language", l.accept)
	resp, err := client.Do(req)
	if !assert.NoError(t, err) {
		return false
	}
	got := errcode.FromResponse(resp)
	var re *errcode.ResponseError
	ok := assert.ErrorAs(t, got, &re) &&
		assert.Equal(t, c.Status(), re.StatusCode) &&
		assert.Equal(t, c.String(), re.WireCode) &&
		assert.Equal(t, bareNames(e.Message(l.tag)), re.Message, "%s in %s", c, l.accept) &&
		assert.Equal(t, v, re.RequestID) &&
		assert.ErrorIs(t, got, c)
	if !ok {
		return false
	}

	// Negotiate on the same request.
	want := errcode.Languages()[0]
	if l.accept == "zh" {
		want = errcode.Languages()[1]
	}
	if !assert.Equal(t, want, errcode.Negotiate(req.Header)) {
		return false
	}

	// Write outside the middleware answers in English.
	rec := httptest.NewRecorder()
	errcode.Write(rec, e)
	if !assert.Equal(t, jsonBody(t, c.String(), bareNames(e.Message(language.English))), rec.Body.String()) {
		return false
	}

	// Lookup finds the first row of the code.
	first, found := errcode.Lookup(c.String())
	if !assert.True(t, found) || !assert.ErrorIs(t, first, c) || !assert.LessOrEqual(t, first, c) {
		return false
	}

	// FromResponse on bodies that differ by goroutine: what one call
	// decodes shares no memory with another's.
	msg := bareNames(e.Message(l.tag))
	body := fmt.Sprintf(`{"error_code":%q,"error_msg":%q,"request_id":%q}`, c.String(), msg, v)
	resp, _ = response(c.Status(), nil, body)
	got = errcode.FromResponse(resp)
	ok = assert.ErrorAs(t, got, &re) &&
		assert.Equal(t, c.String(), re.WireCode) &&
		assert.Equal(t, msg, re.Message) &&
		assert.Equal(t, v, re.RequestID) &&
		assert.Equal(t, c.RetryKind() == errcode.RetryAnyMethod, errcode.Retryable(got))
	return ok
}
