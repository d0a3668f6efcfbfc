package errcode_test

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// Secret-looking text that causes carry and that no body may show.
const (
	relDSN   = "postgres://admin:hunter2@db:5432/x"
	relPath  = "/etc/secrets/key.pem"
	relStack = "goroutine 7 [running]:\nmain.(*store).load(0xc000123456)\n\t/srv/app/store.go:42 +0x1d\ncreated by main.main"
)

// relSecrets are the pieces of the secrets above: a body holds none.
var relSecrets = []string{
	relDSN, "hunter2", "admin:", "postgres://", "db:5432",
	relPath, "/etc/secrets", "key.pem",
	"goroutine 7", "store.go", "0xc000123456", "main.main", "[running]",
	"panic", "permission denied", "connection refused",
}

// relCauses are foreign errors wrapping the secrets.
func relCauses() map[string]error {
	return map[string]error{
		"DSN":         fmt.Errorf("dial %s: connection refused", relDSN),
		"file path":   &fs.PathError{Op: "open", Path: relPath, Err: fs.ErrPermission},
		"stack trace": errors.New("store: load failed\n" + relStack),
		"joined":      errors.Join(errors.New(relDSN), &fs.PathError{Op: "stat", Path: relPath, Err: fs.ErrNotExist}),
	}
}

// relServe answers r with h under Localize, in the language of accept
// (none: the default).
func relServe(h http.Handler, accept string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if accept != "" {
		r.Header.Set("Accept-Language", accept)
	}
	rec := httptest.NewRecorder()
	errcode.Localize(h).ServeHTTP(rec, r)
	return rec
}

// relNoLeak checks that a response shows none of the secrets, in its body
// or its headers, and that its body is exactly want.
func relNoLeak(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int, want, what string) {
	t.Helper()
	body := rec.Body.String()
	for _, s := range relSecrets {
		require.NotContains(t, body, s, "%s: the body shows %q", what, s)
		for k, vs := range rec.Header() {
			for _, v := range vs {
				require.NotContains(t, k+": "+v, s, "%s: a header shows %q", what, s)
			}
		}
	}
	require.Equal(t, wantStatus, rec.Code, what)
	require.Equal(t, want, body, what)
}

// relLanguages are the two ways a test asks for each catalog language.
var relLanguages = []struct {
	accept string
	tag    language.Tag
}{{"", language.English}, {"en", language.English}, {"zh", language.Chinese}}

func TestNoLeakForEveryCode(t *testing.T) {
	codes := 0
	for c := range errcode.All() {
		codes++
		for name, cause := range relCauses() {
			for _, l := range relLanguages {
				for _, tc := range []struct {
					how string
					err error
					msg string // the message the body must hold
				}{
					{"Wrap", c.Wrap(cause), c.Message(l.tag)},
					{"With and Wrap", c.With("key", "k", "value", "v").Wrap(cause), c.With("key", "k", "value", "v").Message(l.tag)},
					{"fmt.Errorf %w around both", fmt.Errorf("query %v: %w: %w", cause, c, cause), c.Message(l.tag)},
					{"errors.Join", errors.Join(cause, fmt.Errorf("%s: %w", relDSN, c)), c.Message(l.tag)},
				} {
					what := fmt.Sprintf("%s (%s), %s cause, %s, Accept-Language %q", c.Name(), c, name, tc.how, l.accept)
					rec := relServe(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return tc.err }), l.accept)
					relNoLeak(t, rec, c.Status(), jsonBody(t, c.String(), tc.msg), what)
				}
			}
		}
	}
	require.GreaterOrEqual(t, codes, 70, "every documented row")
}

func TestNoLeakForForeignErrors(t *testing.T) {
	for name, cause := range relCauses() {
		for _, l := range relLanguages {
			for how, err := range map[string]error{
				"as it is":  cause,
				"wrapped":   fmt.Errorf("handler: %w", cause),
				"twice":     fmt.Errorf("a: %w", fmt.Errorf("b: %w", cause)),
				"joined":    errors.Join(cause, errors.New(relStack)),
				"formatted": fmt.Errorf("%v", cause),
				"undocumented response": &errcode.ResponseError{
					StatusCode: 502, WireCode: "DB.0001", Message: relDSN, Excerpt: relPath, RequestID: relStack,
				},
			} {
				what := fmt.Sprintf("%s cause %s, Accept-Language %q", name, how, l.accept)
				rec := relServe(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { return err }), l.accept)
				relNoLeak(t, rec, http.StatusInternalServerError,
					jsonBody(t, "octopus.000002", errcode.InternalServerError.Message(l.tag)), what)
			}
		}
	}
}

// A response an upstream sent, with a documented code, is answered with the
// catalog's own text: what the upstream wrote is not passed on.
func TestNoLeakFromUpstreamResponse(t *testing.T) {
	upstream := &errcode.ResponseError{
		StatusCode: 404, Code: errcode.ScenarioNotFound, WireCode: "octopus.107002",
		Message: "scenario " + relPath + " not in " + relDSN, RequestID: relStack,
	}
	for _, l := range relLanguages {
		rec := relServe(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
			return errcode.Relay(fmt.Errorf("calling upstream: %w", upstream))
		}), l.accept)
		relNoLeak(t, rec, http.StatusNotFound,
			jsonBody(t, "octopus.107002", errcode.ScenarioNotFound.Message(l.tag)), "upstream, "+l.accept)
	}
}

// relCaptureLogs sends slog's and log's output to the returned buffer until
// the test ends.
func relCaptureLogs(t *testing.T) *relSyncBuffer {
	var buf relSyncBuffer
	oldSlog, oldOut, oldFlags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() {
		slog.SetDefault(oldSlog)
		log.SetOutput(oldOut)
		log.SetFlags(oldFlags)
	})
	return &buf
}

func TestNoLeakFromPanics(t *testing.T) {
	logs := relCaptureLogs(t)
	for name, v := range map[string]any{
		"a DSN string":          relDSN,
		"a path error":          &fs.PathError{Op: "open", Path: relPath, Err: fs.ErrPermission},
		"a stack trace":         relStack,
		"a Stringer":            relStringer(relDSN),
		"an *Error with cause":  errcode.ScenarioNotFound.Wrap(errors.New(relDSN)),
		"a runtime error":       "index out of range [5] with length 3 at " + relPath,
		"an error from fmt %w":  fmt.Errorf("%s: %w", relDSN, fs.ErrPermission),
		"a wrapped stack trace": fmt.Errorf("panic: %s", relStack),
	} {
		for _, l := range relLanguages {
			rec := relServe(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error { panic(v) }), l.accept)
			relNoLeak(t, rec, http.StatusInternalServerError,
				jsonBody(t, "octopus.000002", errcode.InternalServerError.Message(l.tag)), name+", "+l.accept)
		}
	}
	t.Run("a nil-pointer dereference", func(t *testing.T) {
		rec := relServe(errcode.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
			var p *struct{ secret string }
			return errors.New(p.secret)
		}), "zh")
		relNoLeak(t, rec, http.StatusInternalServerError,
			jsonBody(t, "octopus.000002", errcode.InternalServerError.Message(language.Chinese)), "nil dereference")
	})
	// The panic is for the logs, which keep it.
	require.Contains(t, logs.String(), "hunter2", "the panic value is logged")
	require.Contains(t, logs.String(), "errcode: handler panicked")
}

type relStringer string

func (s relStringer) String() string { return "conn " + string(s) }

// Error text, unlike a body, may carry the cause: it is for logs.
func TestCauseStaysForLogs(t *testing.T) {
	cause := fmt.Errorf("dial %s: connection refused", relDSN)
	err := fmt.Errorf("load: %w", errcode.InternalServerError.Wrap(cause))
	require.ErrorIs(t, err, cause)
	require.True(t, strings.Contains(err.Error(), "hunter2"), "Error() keeps the cause for developers")
}
