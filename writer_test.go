package errcode_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"testing"
	"time"

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

// startRoutes are the ways a handler can start its response, each alone,
// and the status it starts it with.
var startRoutes = []struct {
	name   string
	status int
	start  func(w http.ResponseWriter)
}{
	{"Write", 200, func(w http.ResponseWriter) { w.Write([]byte("id,name\n")) }},
	{"WriteHeader(200)", 200, func(w http.ResponseWriter) { w.WriteHeader(http.StatusOK) }},
	{"WriteHeader(201)", 201, func(w http.ResponseWriter) { w.WriteHeader(http.StatusCreated) }},
	{"Flush", 200, func(w http.ResponseWriter) { w.(http.Flusher).Flush() }},
	{"io.Copy, through ReadFrom where the writer has it", 200, func(w http.ResponseWriter) { io.Copy(w, strings.NewReader("id,name\n")) }},
	{"io.WriteString", 200, func(w http.ResponseWriter) { io.WriteString(w, "id,name\n") }},
	{"http.ResponseController's Flush", 200, func(w http.ResponseWriter) { http.NewResponseController(w).Flush() }},
}

// TestEveryWayOfStartingAResponseAborts starts a response by each route
// alone, then fails, over a real server, with and without a middleware
// that only unwraps between the server and the HandlerFunc: the client
// never reads an error body after the start, and the log says the
// response was aborted with the status it started with.
func TestEveryWayOfStartingAResponseAborts(t *testing.T) {
	middlewares := map[string]func(http.Handler) http.Handler{
		"no middleware": func(h http.Handler) http.Handler { return h },
		"a middleware that only unwraps": func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(unwrapper{w}, r) })
		},
	}
	for mwName, mw := range middlewares {
		for _, route := range startRoutes {
			t.Run(mwName+", "+route.name, func(t *testing.T) {
				opts, logs, seen := observed(nil)
				var serverLog logRecorder
				srv := httptest.NewUnstartedServer(mw(opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
					w.Header().Set("Content-Type", "text/csv")
					route.start(w)
					return errcode.ScenarioNotFound
				}))))
				srv.Config.ErrorLog = log.New(&serverLog, "", 0)
				srv.Start()
				defer srv.Close()

				resp, err := srv.Client().Get(srv.URL)
				if err == nil {
					body, readErr := io.ReadAll(resp.Body)
					resp.Body.Close()
					assert.Equal(t, route.status, resp.StatusCode, "the status the handler started with")
					assert.Equal(t, "text/csv", resp.Header.Get("Content-Type"))
					assert.ErrorIs(t, readErr, io.ErrUnexpectedEOF, "the client's read fails")
					assert.NotContains(t, string(body), "error_code")
				} else {
					assert.ErrorIs(t, err, io.EOF, "nothing but the abort reached the client")
				}
				srv.Close()
				assert.Empty(t, serverLog.String(), "no superfluous WriteHeader")
				recs := logs.records(t)
				require.Len(t, recs, 1)
				assert.Equal(t, true, recs[0]["aborted"])
				assert.Equal(t, float64(route.status), recs[0]["status"])
				assert.NotContains(t, recs[0], "code")
				require.Len(t, *seen, 1)
				assert.Zero(t, (*seen)[0].code)
			})
		}
	}
}

// TestAResponseNotStartedIsAnswered checks the other side of each route:
// a header set and no write leave the response to the error.
func TestAResponseNotStartedIsAnswered(t *testing.T) {
	for name, before := range map[string]func(w http.ResponseWriter){
		"nothing":      func(http.ResponseWriter) {},
		"a header set": func(w http.ResponseWriter) { w.Header().Set("Content-Type", "text/csv") },
	} {
		rec := serve(nil, func(w http.ResponseWriter, r *http.Request) error {
			before(w)
			return errcode.ScenarioNotFound
		})
		assert.Equal(t, http.StatusNotFound, rec.Code, name)
		assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, rec.Body.String(), name)
		assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"), name)
	}
}

// TestWhatDoesNotStartAResponse checks, over a real server, that what
// sends nothing final leaves the response to the error: a 103 Early Hints,
// a write deadline and full duplex, through http.ResponseController and a
// middleware that only unwraps.
func TestWhatDoesNotStartAResponse(t *testing.T) {
	for name, before := range map[string]func(w http.ResponseWriter) error{
		"103 Early Hints": func(w http.ResponseWriter) error {
			w.Header().Set("Link", "</a.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			return nil
		},
		"SetWriteDeadline": func(w http.ResponseWriter) error {
			return http.NewResponseController(unwrapper{w}).SetWriteDeadline(time.Now().Add(time.Minute))
		},
		"EnableFullDuplex": func(w http.ResponseWriter) error {
			return http.NewResponseController(unwrapper{w}).EnableFullDuplex()
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				if err := before(w); err != nil {
					return fmt.Errorf("%s: %w", name, err) // a 500 would fail the test
				}
				return errcode.ScenarioNotFound
			}))
			defer srv.Close()
			resp, body := get(t, srv)
			assert.Equal(t, http.StatusNotFound, resp.StatusCode)
			assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, body)
		})
	}
}

// TestAnInformationalStatusDoesNotStartTheResponse checks that a 103
// Early Hints, as in net/http, leaves the response to the error, over a
// real server: the client reads the hint, then the error.
func TestAnInformationalStatusDoesNotStartTheResponse(t *testing.T) {
	opts, logs, seen := observed(slog.LevelInfo)
	srv := httptest.NewServer(opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Link", "</style.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		return errcode.ScenarioNotFound
	})))
	defer srv.Close()
	var hints []int
	trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
		hints = append(hints, code)
		return nil
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, []int{http.StatusEarlyHints}, hints, "the hint went out")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, string(body))
	srv.Close()
	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "octopus.107002", recs[0]["code"])
	assert.NotContains(t, recs[0], "aborted")
	assert.Equal(t, []observation{{"/", errcode.ScenarioNotFound, errcode.ScenarioNotFound}}, *seen)
}

// TestSwitchingProtocolsStartsTheResponse checks that a 101, the one
// informational status that ends the response header, starts the
// response: an error after it aborts.
func TestSwitchingProtocolsStartsTheResponse(t *testing.T) {
	opts, logs, seen := observed(nil)
	rec := httptest.NewRecorder()
	h := opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusSwitchingProtocols)
		return errcode.ScenarioNotFound
	}))
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil)) })
	assert.Equal(t, http.StatusSwitchingProtocols, rec.Code)
	assert.Empty(t, rec.Body.String(), "no error body after the switch")
	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, true, recs[0]["aborted"])
	assert.Equal(t, float64(101), recs[0]["status"])
	require.Len(t, *seen, 1)
	assert.Zero(t, (*seen)[0].code)
}

// TestAHijackedConnectionIsTheHandlers checks that an error after a
// hijack, by the writer's Hijack or through http.ResponseController, is
// logged as aborted and never written to the hijacked connection.
func TestAHijackedConnectionIsTheHandlers(t *testing.T) {
	for name, hijack := range map[string]func(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error){
		"Hijack": func(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error) { return w.(http.Hijacker).Hijack() },
		"http.ResponseController": func(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error) {
			return http.NewResponseController(w).Hijack()
		},
		"through a middleware's Unwrap": func(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error) {
			return http.NewResponseController(unwrapper{w}).Hijack()
		},
	} {
		t.Run(name, func(t *testing.T) {
			opts, logs, seen := observed(nil)
			done := make(chan struct{})
			observe := opts.Observe
			opts.Observe = func(r *http.Request, c errcode.Code, err error) { observe(r, c, err); close(done) }
			srv := httptest.NewServer(opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				conn, rw, err := hijack(w)
				require.NoError(t, err)
				rw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
				rw.Flush()
				conn.Close()
				return errcode.ScenarioNotFound
			})))
			defer srv.Close()
			_, body := get(t, srv)
			assert.Equal(t, "ok", body, "what the handler wrote, and nothing else")
			<-done // a hijacked connection's handler may still run after the client is done
			recs := logs.records(t)
			require.Len(t, recs, 1)
			assert.Equal(t, true, recs[0]["aborted"])
			assert.NotContains(t, recs[0], "status", "no status was sent by the server")
			require.Len(t, *seen, 1)
			assert.Zero(t, (*seen)[0].code)
		})
	}
}

// TestAPanicAfterAnAnswerAborts checks that a handler that answered with
// Write, then panicked, has its response aborted: its end is unknown.
func TestAPanicAfterAnAnswerAborts(t *testing.T) {
	opts, logs, _ := observed(nil)
	srv := httptest.NewServer(opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		errcode.Write(w, errcode.ScenarioNotFound)
		w.(http.Flusher).Flush()
		panic("after the answer")
	})))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	srv.Close()
	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "errcode: handler panicked", recs[0]["msg"])
	assert.Equal(t, true, recs[0]["aborted"])
	assert.Equal(t, float64(404), recs[0]["status"])
}

// TestWriteGoesThroughOtherMiddleware checks that Write, inside a
// HandlerFunc, writes through the wrapper another middleware put around
// the writer, so that the wrapper sees the status.
func TestWriteGoesThroughOtherMiddleware(t *testing.T) {
	var recorded int
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "zh")
	errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		sr := &statusRecorder{ResponseWriter: w}
		errcode.Write(recorderThatUnwraps{sr}, errcode.TokenExpired)
		recorded = sr.status
		return nil
	}).ServeHTTP(rec, r)
	assert.Equal(t, http.StatusUnauthorized, recorded, "the wrapper saw the status")
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.Equal(t, `{"error_code":"octopus.000102","error_msg":"请求token过期"}`, rec.Body.String(), "in the request's language, found through the wrapper")
}

// flushErrorOnly is a middleware's ResponseWriter that can flush only by
// FlushError, as http.ResponseController finds it.
type flushErrorOnly struct {
	http.ResponseWriter
	flushes int
}

func (f *flushErrorOnly) FlushError() error {
	f.flushes++
	return http.NewResponseController(f.ResponseWriter).Flush()
}

// TestAWriterThatOnlyHasFlushErrorCanFlush checks that the writer a
// handler gets is an http.Flusher when the one it wraps flushes by
// FlushError alone, and that a flush through it starts the response.
func TestAWriterThatOnlyHasFlushErrorCanFlush(t *testing.T) {
	inner := &flushErrorOnly{ResponseWriter: httptest.NewRecorder()}
	opts, logs, _ := observed(nil)
	h := opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		f, ok := w.(http.Flusher)
		require.True(t, ok, "FlushError is a way to flush")
		f.Flush()
		return errcode.ScenarioNotFound
	}))
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { h.ServeHTTP(inner, httptest.NewRequest(http.MethodGet, "/", nil)) },
		"flushed: the response started")
	assert.Equal(t, 1, inner.flushes)
	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, true, recs[0]["aborted"])
}

// TestALateWriteKeepsTheFirstError checks what a HandlerFunc logs when
// its handler, after starting the response, calls Write with errors and
// returns nil: the first error, and none for a nil one.
func TestALateWriteKeepsTheFirstError(t *testing.T) {
	for name, tt := range map[string]struct {
		late []error
		want string // the error logged, "" for no record
	}{
		"two errors: the first":         {[]error{errcode.DatabaseAccessError, errcode.ScenarioNotFound}, "octopus.000131: Database access error"},
		"nil, then an error: the error": {[]error{nil, (*errcode.Error)(nil), errcode.ScenarioNotFound}, "octopus.107002: Scenario is not exists"},
		"nil and a typed nil: nothing":  {[]error{nil, (*errcode.Error)(nil)}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			opts, logs, _ := observed(nil)
			rec := httptest.NewRecorder()
			serve := func() {
				opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
					io.WriteString(w, "id,name\n")
					for _, err := range tt.late {
						errcode.Write(w, err)
					}
					return nil
				})).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			}
			if tt.want == "" {
				assert.NotPanics(t, serve)
				assert.Empty(t, logs.records(t))
			} else {
				assert.PanicsWithValue(t, http.ErrAbortHandler, serve)
				recs := logs.records(t)
				require.Len(t, recs, 1)
				assert.Equal(t, tt.want, recs[0]["error"])
			}
			assert.Equal(t, "id,name\n", rec.Body.String(), "no error body after the start")
		})
	}
}

// recorderThatUnwraps is a status recorder that unwraps, as middleware
// should since Go 1.20.
type recorderThatUnwraps struct{ *statusRecorder }

func (r recorderThatUnwraps) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// contentHeaders are headers that describe a response's content, as a
// handler sets them before it fails.
var contentHeaders = http.Header{
	"Cache-Control":       {"public, max-age=86400"},
	"Content-Disposition": {"attachment; filename=scenarios.csv"},
	"Content-Encoding":    {"gzip"},
	"Content-Language":    {"fr"},
	"Content-Range":       {"bytes 0-99/1000"},
	"Etag":                {`"v7"`},
	"Expires":             {"Thu, 01 Dec 2099 16:00:00 GMT"},
	"Last-Modified":       {"Mon, 02 Jan 2006 15:04:05 GMT"},
}

// TestAnErrorDropsTheHeadersOfTheContent checks, over a real server, that
// an error answered for a handler does not keep the headers the handler
// set for the content it did not send: an error body labelled gzip cannot
// be read, and one marked public for a day is cached. The headers a
// middleware outside set stay, with their values, as http.Error keeps
// them, since such a middleware may, for one, compress what it is given.
func TestAnErrorDropsTheHeadersOfTheContent(t *testing.T) {
	handlers := map[string]errcode.HandlerFunc{
		"returned to HandlerFunc": func(w http.ResponseWriter, r *http.Request) error {
			maps.Copy(w.Header(), contentHeaders)
			return errcode.ScenarioNotFound
		},
		"written by Write": func(w http.ResponseWriter, r *http.Request) error {
			maps.Copy(w.Header(), contentHeaders)
			errcode.Write(w, errcode.ScenarioNotFound)
			return nil
		},
		"written by ServeError": func(w http.ResponseWriter, r *http.Request) error {
			maps.Copy(w.Header(), contentHeaders)
			errcode.ServeError(w, r, errcode.ScenarioNotFound)
			return nil
		},
	}
	wrappers := map[string]func(errcode.HandlerFunc) http.Handler{
		"HandlerFunc": func(h errcode.HandlerFunc) http.Handler { return h },
		"Localize": func(h errcode.HandlerFunc) http.Handler {
			return errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h(w, r) }))
		},
	}
	for hName, h := range handlers {
		for wName, wrap := range wrappers {
			if hName == "returned to HandlerFunc" && wName == "Localize" {
				continue
			}
			t.Run(hName+", "+wName, func(t *testing.T) {
				outside := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Cache-Control", "no-store") // a middleware's, for every response
					w.Header().Set("X-Frame-Options", "DENY")
					wrap(h).ServeHTTP(w, r)
				})
				srv := httptest.NewServer(outside)
				defer srv.Close()
				resp, body := get(t, srv) // the body reads: it is not labelled gzip
				assert.Equal(t, http.StatusNotFound, resp.StatusCode)
				assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, body)
				assert.Equal(t, []string{"no-store"}, resp.Header["Cache-Control"], "the middleware's value")
				assert.Equal(t, []string{"DENY"}, resp.Header["X-Frame-Options"])
				for name := range contentHeaders {
					if name != "Cache-Control" {
						assert.NotContains(t, resp.Header, name)
					}
				}
			})
		}
	}
}

// TestAnErrorWrittenThroughAHandlersWrapperKeepsItsHeaders checks the
// other side: Write through a wrapper of the handler's own keeps the
// headers, as http.Error does, for the wrapper may compress what it is
// given.
func TestAnErrorWrittenThroughAHandlersWrapperKeepsItsHeaders(t *testing.T) {
	rec := httptest.NewRecorder()
	errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Encoding", "gzip")
		errcode.Write(unwrapper{w}, errcode.ScenarioNotFound)
		return nil
	}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
}

// TestWriteNilKeepsTheHandlersHeaders checks that Write(w, nil), which
// answers nothing, leaves the headers a handler set for its content, under
// Localize and HandlerFunc alike, for the content it then sends.
func TestWriteNilKeepsTheHandlersHeaders(t *testing.T) {
	for name, wrap := range map[string]func(http.HandlerFunc) http.Handler{
		"Localize": func(h http.HandlerFunc) http.Handler { return errcode.Localize(h) },
		"HandlerFunc": func(h http.HandlerFunc) http.Handler {
			return errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error { h(w, r); return nil })
		},
	} {
		rec := httptest.NewRecorder()
		wrap(func(w http.ResponseWriter, r *http.Request) {
			maps.Copy(w.Header(), contentHeaders)
			errcode.Write(w, nil)
			io.WriteString(w, "content")
		}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		assert.Equal(t, http.StatusOK, rec.Code, name)
		assert.Equal(t, "content", rec.Body.String(), name)
		for h, v := range contentHeaders {
			assert.Equal(t, v, rec.Header()[h], "%s: %s", name, h)
		}
	}
}
