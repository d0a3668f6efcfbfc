package errcode_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// observation is one call of Options.Observe.
type observation struct {
	path string
	code errcode.Code
	err  error
}

// observed returns Options that log to a new logRecorder and record what
// Observe learns.
func observed(level slog.Leveler) (errcode.Options, *logRecorder, *[]observation) {
	logs := new(logRecorder)
	var mu sync.Mutex
	var seen []observation
	return errcode.Options{
		Logger:           logs.logger(),
		ClientErrorLevel: level,
		Observe: func(r *http.Request, c errcode.Code, err error) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, observation{r.URL.Path, c, err})
		},
	}, logs, &seen
}

func TestHandlerFuncLogsAFailedRequestOnce(t *testing.T) {
	opts, logs, seen := observed(nil)
	cause := stackError{"dial tcp 10.0.0.7:5432: connection refused"}
	err := fmt.Errorf("load scenario 7: %w", errcode.DatabaseAccessError.Wrap(cause))
	h := opts.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return err }))

	r := httptest.NewRequest(http.MethodGet, "/scenarios/7", nil)
	r.Header.Set("X-Request-Id", "req-1")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)

	require.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, `{"error_code":"octopus.000131","error_msg":"Database access error"}`, w.Body.String())
	recs := logs.records(t)
	require.Len(t, recs, 1, "one record per failed request")
	assert.Equal(t, map[string]any{
		"level":      "ERROR",
		"msg":        "errcode: request failed",
		"method":     "GET",
		"path":       "/scenarios/7",
		"request_id": "req-1",
		"code":       "octopus.000131",
		"status":     float64(500),
		"error":      "load scenario 7: octopus.000131: Database access error: dial tcp 10.0.0.7:5432: connection refused",
	}, recs[0])
	require.Len(t, *seen, 1)
	assert.Equal(t, observation{"/scenarios/7", errcode.DatabaseAccessError, err}, (*seen)[0])
}

func TestHandlerFuncLogsTheCausesStack(t *testing.T) {
	opts, logs, _ := observed(nil)
	h := opts.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return errcode.DatabaseAccessError.Wrap(stackError{"connection refused"})
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "octopus.000131: Database access error: connection refused\nmain.load\n\t/srv/app/store.go:42",
		recs[0]["error"])
}

func TestHandlerFuncClientErrorLevel(t *testing.T) {
	notFound := errcode.ScenarioNotFound.With("id", "7")
	for name, tc := range map[string]struct {
		level slog.Leveler
		want  []string // levels logged
	}{
		"not logged by default": {nil, nil},
		"at Info":               {slog.LevelInfo, []string{"INFO"}},
		"at Debug":              {slog.LevelDebug, []string{"DEBUG"}},
	} {
		t.Run(name, func(t *testing.T) {
			opts, logs, seen := observed(tc.level)
			h := opts.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return notFound }))
			r := httptest.NewRequest(http.MethodDelete, "/scenarios/7", nil)
			w := httptest.NewRecorder()
			w.Header().Set("X-Request-Id", "set-by-the-service")
			h.ServeHTTP(w, r)
			require.Equal(t, http.StatusNotFound, w.Code)

			var levels []string
			for _, rec := range logs.records(t) {
				levels = append(levels, rec["level"].(string))
				assert.Equal(t, "set-by-the-service", rec["request_id"], "the response's X-Request-Id when the request has none")
				assert.Equal(t, "DELETE", rec["method"])
				assert.Equal(t, "octopus.107002", rec["code"])
				assert.Equal(t, float64(404), rec["status"])
			}
			assert.Equal(t, tc.want, levels)
			assert.Equal(t, []observation{{"/scenarios/7", errcode.ScenarioNotFound, notFound}}, *seen, "observed whether logged or not")
		})
	}
}

func TestHandlerFuncUsesSlogDefaultWithoutOptions(t *testing.T) {
	logs := new(logRecorder)
	old := slog.Default()
	slog.SetDefault(logs.logger())
	t.Cleanup(func() { slog.SetDefault(old) })

	h := errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return errors.New("boom") })
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/jobs", nil))
	h = errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return errcode.ScenarioNotFound })
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/jobs/1", nil))

	recs := logs.records(t)
	require.Len(t, recs, 1, "the 5xx, not the 4xx")
	assert.Equal(t, "ERROR", recs[0]["level"])
	assert.Equal(t, "/jobs", recs[0]["path"])
	assert.Equal(t, "octopus.000002", recs[0]["code"])
	assert.Equal(t, "boom", recs[0]["error"], "a foreign error's text, for the operator")
}

func TestOptionsHandlerCoversAMux(t *testing.T) {
	outer, outerLogs, _ := observed(nil)
	inner, innerLogs, _ := observed(nil)
	mux := http.NewServeMux()
	mux.Handle("/a", errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return errors.New("a") }))
	mux.Handle("/b", inner.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return errors.New("b") })))
	h := outer.Handler(mux)
	for _, path := range []string{"/a", "/b"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		require.Equal(t, http.StatusInternalServerError, w.Code)
	}
	require.Len(t, outerLogs.records(t), 1)
	assert.Equal(t, "/a", outerLogs.records(t)[0]["path"])
	require.Len(t, innerLogs.records(t), 1, "the Options nearest to the handler win")
	assert.Equal(t, "/b", innerLogs.records(t)[0]["path"])
}

func TestHandlerFuncPanicIsLoggedWithItsStack(t *testing.T) {
	opts, logs, seen := observed(nil)
	h := opts.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		panic("secret: token=abc123")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/p", nil))
	require.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`, w.Body.String())

	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "errcode: handler panicked", recs[0]["msg"])
	assert.Equal(t, "octopus.000002", recs[0]["code"])
	text := recs[0]["error"].(string)
	assert.True(t, strings.HasPrefix(text, "octopus.000002: Internal server error: panic: secret: token=abc123\ngoroutine "), text)
	assert.Contains(t, text, "handler_test.go", "the stack where it panicked")
	require.Len(t, *seen, 1)
	assert.Equal(t, errcode.InternalServerError, (*seen)[0].code)
	panicked := errors.Unwrap((*seen)[0].err)
	require.Error(t, panicked, "the panic, kept as the cause")
	assert.Equal(t, "panic: secret: token=abc123", fmt.Sprintf("%v", panicked), "the stack only with %+v")
	assert.Equal(t, "panic: secret: token=abc123", fmt.Sprintf("%s", panicked))
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%+v", panicked), "panic: secret: token=abc123\ngoroutine "))
}

// csvServer serves a streaming handler that writes two CSV rows, flushes
// them, and then fails with fail.
func csvServer(t *testing.T, opts errcode.Options, fail func() error) (*httptest.Server, *logRecorder) {
	t.Helper()
	var serverLog logRecorder
	srv := httptest.NewUnstartedServer(opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/csv")
		io.WriteString(w, "id,name\n1,a\n")
		w.(http.Flusher).Flush()
		return fail()
	})))
	srv.Config.ErrorLog = log.New(&serverLog, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &serverLog
}

func TestHandlerFuncAbortsAStartedResponse(t *testing.T) {
	for name, fail := range map[string]func() error{
		"an error": func() error { return fmt.Errorf("row 2: %w", errcode.DatabaseAccessError) },
		"a panic":  func() error { panic("row 2: db gone") },
	} {
		t.Run(name, func(t *testing.T) {
			opts, logs, seen := observed(nil)
			srv, serverLog := csvServer(t, opts, fail)
			resp, err := srv.Client().Get(srv.URL + "/export")
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the client's read fails")
			assert.Equal(t, "id,name\n1,a\n", string(body), "no error body after the content")

			srv.Close()
			assert.Empty(t, serverLog.String(), "no superfluous WriteHeader, and net/http logs no abort")
			recs := logs.records(t)
			require.Len(t, recs, 1)
			assert.Equal(t, "ERROR", recs[0]["level"])
			assert.Equal(t, true, recs[0]["aborted"])
			assert.Equal(t, float64(200), recs[0]["status"], "the status already sent")
			assert.NotContains(t, recs[0], "code", "no code was sent")
			require.Len(t, *seen, 1)
			assert.Zero(t, (*seen)[0].code, "Observe learns that no code was sent")
		})
	}
}

func TestHandlerFuncAbortsALateWrite(t *testing.T) {
	opts, logs, _ := observed(nil)
	srv, _ := csvServer(t, opts, func() error { return nil })
	srv.Config.Handler = opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		io.WriteString(w, "id,name\n1,a\n")
		w.(http.Flusher).Flush()
		errcode.Write(w, errcode.DatabaseAccessError) // and return nil
		return nil
	}))
	resp, err := srv.Client().Get(srv.URL)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, "id,name\n1,a\n", string(body))
	require.Len(t, logs.records(t), 1)
}

func TestHandlerFuncAnswerWrittenByTheHandler(t *testing.T) {
	opts, logs, seen := observed(nil)
	h := opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		err := errcode.DatabaseAccessError
		errcode.Write(w, err)
		return err // answered already: logged, not aborted, not answered again
	}))
	w := httptest.NewRecorder()
	require.NotPanics(t, func() { h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil)) })
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, `{"error_code":"octopus.000131","error_msg":"Database access error"}`, w.Body.String())
	require.Len(t, logs.records(t), 1)
	assert.Equal(t, []observation{{"/", errcode.DatabaseAccessError, errcode.DatabaseAccessError}}, *seen)
}

// dependency serves the Octopus error c, as another service would.
func dependency(t *testing.T, c errcode.Code) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "dep-1")
		errcode.Write(w, c)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// callDependency returns the error of a GET of url.
func callDependency(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	if err := errcode.FromResponse(resp); err != nil {
		return fmt.Errorf("fetch scenario: %w", err)
	}
	return resp.Body.Close()
}

func TestHandlerFuncAnswersADependencysErrorAsOurs(t *testing.T) {
	for _, c := range []errcode.Code{errcode.TokenExpired, errcode.PermissionDenied, errcode.ScenarioNotFound, errcode.GatewayThrottled} {
		t.Run(c.Name(), func(t *testing.T) {
			dep := dependency(t, c)
			opts, logs, seen := observed(nil)
			srv := httptest.NewServer(opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				return callDependency(dep.URL)
			})))
			defer srv.Close()

			resp, err := http.Get(srv.URL + "/scenarios/7")
			require.NoError(t, err)
			got := errcode.FromResponse(resp)
			var re *errcode.ResponseError
			require.ErrorAs(t, got, &re)
			assert.Equal(t, http.StatusInternalServerError, re.StatusCode, "the caller did nothing wrong")
			assert.Equal(t, "octopus.000002", re.WireCode)
			assert.Equal(t, "Internal server error", re.Message)

			recs := logs.records(t)
			require.Len(t, recs, 1)
			assert.Equal(t, "octopus.000002", recs[0]["code"], "the code sent")
			assert.Equal(t, float64(500), recs[0]["status"])
			logged := recs[0]["error"].(string)
			assert.Contains(t, logged, c.String()+": ", "the dependency's own code, for the operator")
			assert.Contains(t, logged, "(HTTP "+strconv.Itoa(c.Status())+", request id dep-1)")
			require.Len(t, *seen, 1)
			assert.Equal(t, errcode.InternalServerError, (*seen)[0].code)
		})
	}
}

func TestHandlerFuncRelaysADependencysErrorWhenAsked(t *testing.T) {
	dep := dependency(t, errcode.GatewayThrottled)
	srv := httptest.NewServer(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return errcode.Relay(callDependency(dep.URL))
	}))
	defer srv.Close()
	r, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	r.Header.Set("X-Language", "zh-cn")
	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Equal(t, `{"error_code":"APIGW.0308","error_msg":"请求达到流控阈值"}`, string(body),
		"the documented row, in the caller's language")
}

func TestHandlerFunc(t *testing.T) {
	w := serve(nil, func(w http.ResponseWriter, r *http.Request) error {
		_, err := w.Write([]byte("ok"))
		return err
	})
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, "ok", w.Body.String())

	w = serve(http.Header{"X-Language": {"zh_CN"}}, func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("tag 3: %w", errcode.TagUsedInDataWarehouse)
	})
	assert.Equal(t, 409, w.Code)
	assert.Equal(t, `{"error_code":"octopus.101006","error_msg":"标签被数据仓库引用"}`, w.Body.String())
}

func TestHandlerFuncRecoversPanics(t *testing.T) {
	w := serve(nil, func(http.ResponseWriter, *http.Request) error {
		panic("secret: token=abc123")
	})
	assert.Equal(t, 500, w.Code)
	assert.Equal(t, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`, w.Body.String())
	assert.NotContains(t, w.Body.String(), "abc123")

	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		serve(nil, func(http.ResponseWriter, *http.Request) error { panic(http.ErrAbortHandler) })
	})
}

func TestHandlerFuncKeepsTheLanguageThroughAnyWrapper(t *testing.T) {
	const zhBody = `{"error_code":"octopus.107002","error_msg":"场景不存在"}`
	returns := errcode.HandlerFunc(notFound)
	writes := errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		errcode.Write(w, errcode.ScenarioNotFound) // plain Write, on the HandlerFunc's w
		return nil
	})
	timeout := func(h http.Handler) http.Handler { return http.TimeoutHandler(h, time.Minute, "timeout") }
	for name, h := range map[string]http.Handler{
		"Localize, access log, HandlerFunc returning":   errcode.Localize(accessLog(returns)),
		"Localize, access log, HandlerFunc with Write":  errcode.Localize(accessLog(writes)),
		"access log, HandlerFunc, no Localize":          accessLog(returns),
		"HandlerFunc with Write, no Localize":           writes,
		"Localize, TimeoutHandler, HandlerFunc":         errcode.Localize(timeout(returns)),
		"Localize, TimeoutHandler, HandlerFunc, Write":  errcode.Localize(timeout(writes)),
		"TimeoutHandler, Localize, HandlerFunc":         timeout(errcode.Localize(returns)),
		"TimeoutHandler, HandlerFunc, no Localize":      timeout(returns),
		"TimeoutHandler, HandlerFunc with Write":        timeout(writes),
		"access log, Localize, access log, HandlerFunc": accessLog(errcode.Localize(accessLog(writes))),
	} {
		r := httptest.NewRequest(http.MethodGet, "/scenarios/7", nil)
		r.Header.Set("X-Language", "zh-cn")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		assert.Equal(t, http.StatusNotFound, w.Code, name)
		assert.Equal(t, zhBody, w.Body.String(), name)
		assert.Equal(t, []string{"Accept-Language, X-Language"}, w.Header()["Vary"], name)
	}
}

func TestHandlerFuncLogRecordsAreBounded(t *testing.T) {
	opts, logs, _ := observed(slog.LevelInfo)
	h := opts.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return errcode.InvalidRequestParamWith("name", strings.Repeat("v", 1<<20)).Wrap(errors.New(strings.Repeat("c", 1<<20)))
	}))
	r := httptest.NewRequest(http.MethodGet, "/"+strings.Repeat("p", 1<<20), nil)
	r.Header.Set("X-Request-Id", strings.Repeat("中", 300<<10))
	h.ServeHTTP(httptest.NewRecorder(), r)
	require.Len(t, logs.records(t), 1)
	assert.Less(t, len(logs.String()), 12<<10, "a record of at most about 10 KiB whatever the request")
	rec := logs.records(t)[0]
	assert.Equal(t, strings.Repeat("中", 42)+"…", rec["request_id"], "cut at a character")
	assert.Equal(t, "/"+strings.Repeat("p", 1<<10-1)+"…", rec["path"])
	assert.True(t, strings.HasPrefix(rec["error"].(string), "octopus.000003: Request params [name:"+strings.Repeat("v", 128)+"…] is invalid: ccc"))
	assert.True(t, strings.HasSuffix(rec["error"].(string), "c…"))
}

// TestAHijackedHandlerFuncDoesNotPanic checks that an error after a
// hijack is logged as aborted, but not by a panic: the connection is the
// handler's, and there is no response to abort.
func TestAHijackedHandlerFuncDoesNotPanic(t *testing.T) {
	opts, logs, seen := observed(nil)
	spy := new(spyWriter)
	h := opts.Handler(errcode.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, _, err := w.(http.Hijacker).Hijack()
		require.NoError(t, err)
		return errcode.ScenarioNotFound
	}))
	require.NotPanics(t, func() { h.ServeHTTP(spy, httptest.NewRequest(http.MethodGet, "/", nil)) })
	assert.Equal(t, []string{"Hijack"}, spy.calls)
	assert.Empty(t, spy.statuses)
	assert.Empty(t, spy.writes)
	recs := logs.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, true, recs[0]["aborted"])
	require.Len(t, *seen, 1)
	assert.Zero(t, (*seen)[0].code)
}

// TestAllocsHandlerFuncLogsNothingItNeedNot checks that a record the
// logger would drop costs nothing: a 4xx at a level the logger does not
// log allocates as much as a 4xx that Options do not log at all.
func TestAllocsHandlerFuncLogsNothingItNeedNot(t *testing.T) {
	info := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	err := errcode.ScenarioNotFound.Wrap(errors.New("no rows"))
	fn := errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return err })
	r := httptest.NewRequest(http.MethodGet, "/scenarios/7", nil)
	cost := func(o errcode.Options) float64 {
		h := o.Handler(fn)
		w := newDiscardWriter()
		return allocs(t, func() {
			clear(w.h)
			h.ServeHTTP(w, r)
		})
	}
	assert.Equal(t, cost(errcode.Options{Logger: info}), cost(errcode.Options{Logger: info, ClientErrorLevel: slog.LevelDebug}))
}

func TestHandlerFuncLogsARelayedErrorOnce(t *testing.T) {
	opts, logs, _ := observed(nil)
	dep := errcode.FromBody(401, http.Header{"X-Request-Id": {"dep-1"}}, []byte(`{"error_code":"octopus.000102","error_msg":"The request token expires"}`), nil)
	h := opts.Handler(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return errcode.Relay(dep) }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusUnauthorized, w.Code)
	assert.Equal(t, "octopus.000102: The request token expires (HTTP 401, request id dep-1)", errcode.Relay(dep).Error(), "said once")
	assert.Equal(t, "octopus.000102: The request token expires (HTTP 401, request id dep-1)", fmt.Sprintf("%+v", errcode.Relay(dep)))
	require.Empty(t, logs.records(t), "a 4xx is not logged by default")
	var re *errcode.ResponseError
	require.ErrorAs(t, errcode.Relay(dep), &re, "the chain is kept")
	assert.Equal(t, "dep-1", re.RequestID)
}
