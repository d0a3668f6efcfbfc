package errcode_test

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
)

// Secret-looking text that causes carry and that no body may show.
const (
	secretDSN   = "postgres://admin:hunter2@db:5432/x"
	secretPath  = "/etc/secrets/key.pem"
	secretStack = "goroutine 7 [running]:\nmain.(*store).load(0xc000123456)\n\t/srv/app/store.go:42 +0x1d\ncreated by main.main"
)

// internalServerError is the message of octopus.000002 in English and in
// Chinese, as documented.
var internalServerError = [2]string{"Internal server error", "内部服务出现错误"}

// secrets are the pieces of the secrets above: a body holds none.
var secrets = []string{
	secretDSN, "hunter2", "admin:", "postgres://", "db:5432",
	secretPath, "/etc/secrets", "key.pem",
	"goroutine 7", "store.go", "0xc000123456", "main.main", "[running]",
	"panic", "permission denied", "connection refused",
}

// secretCauses are foreign errors wrapping the secrets.
func secretCauses() map[string]error {
	return map[string]error{
		"DSN":         fmt.Errorf("dial %s: connection refused", secretDSN),
		"file path":   &fs.PathError{Op: "open", Path: secretPath, Err: fs.ErrPermission},
		"stack trace": errors.New("store: load failed\n" + secretStack),
		"joined":      errors.Join(errors.New(secretDSN), &fs.PathError{Op: "stat", Path: secretPath, Err: fs.ErrNotExist}),
	}
}

// assertNoLeak checks that a response shows none of the secrets, in its body
// or its headers, and that its body is exactly want.
func assertNoLeak(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int, want, what string) {
	t.Helper()
	body := rec.Body.String()
	for _, s := range secrets {
		assert.NotContains(t, body, s, "%s: the body shows %q", what, s)
		for k, vs := range rec.Header() {
			for _, v := range vs {
				assert.NotContains(t, k+": "+v, s, "%s: a header shows %q", what, s)
			}
		}
	}
	assert.Equal(t, wantStatus, rec.Code, what)
	assert.Equal(t, want, body, what)
}

func TestNoLeakForEveryCode(t *testing.T) {
	docs := documentedMessages(t)
	codes := 0
	for c := range errcode.All() {
		codes++
		for name, cause := range secretCauses() {
			for _, l := range requestLanguages {
				documented := docs[c][languageIndex(l.tag)]
				for _, tc := range []struct {
					how string
					err error
					msg string // the message the body must hold
				}{
					{"Wrap", c.Wrap(cause), bareNames(documented)},
					{"With and Wrap", c.With("key", "k", "value", "v").Wrap(cause), fill(documented, []string{"key", "k", "value", "v"})},
					{"fmt.Errorf %w around both", fmt.Errorf("query %v: %w: %w", cause, c, cause), bareNames(documented)},
					{"errors.Join", errors.Join(cause, fmt.Errorf("%s: %w", secretDSN, c)), bareNames(documented)},
				} {
					what := fmt.Sprintf("%s (%s), %s cause, %s, Accept-Language %q", c.Name(), c, name, tc.how, l.accept)
					rec := serve(header("Accept-Language", l.accept), func(http.ResponseWriter, *http.Request) error { return tc.err })
					assertNoLeak(t, rec, c.Status(), jsonBody(t, c.String(), tc.msg), what)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, codes, 70, "every documented row")
}

func TestNoLeakForForeignErrors(t *testing.T) {
	for name, cause := range secretCauses() {
		for _, l := range requestLanguages {
			for how, err := range map[string]error{
				"as it is":  cause,
				"wrapped":   fmt.Errorf("handler: %w", cause),
				"twice":     fmt.Errorf("a: %w", fmt.Errorf("b: %w", cause)),
				"joined":    errors.Join(cause, errors.New(secretStack)),
				"formatted": fmt.Errorf("%v", cause),
				"undocumented response": &errcode.ResponseError{
					StatusCode: 502, WireCode: "DB.0001", Message: secretDSN, Excerpt: secretPath, RequestID: secretStack,
				},
			} {
				what := fmt.Sprintf("%s cause %s, Accept-Language %q", name, how, l.accept)
				rec := serve(header("Accept-Language", l.accept), func(http.ResponseWriter, *http.Request) error { return err })
				assertNoLeak(t, rec, http.StatusInternalServerError,
					jsonBody(t, "octopus.000002", internalServerError[languageIndex(l.tag)]), what)
			}
		}
	}
}

// A response an upstream sent, with a documented code, is answered with the
// catalog's own text: what the upstream wrote is not passed on.
func TestNoLeakFromUpstreamResponse(t *testing.T) {
	upstream := &errcode.ResponseError{
		StatusCode: 404, Code: errcode.ScenarioNotFound, WireCode: "octopus.107002",
		Message: "scenario " + secretPath + " not in " + secretDSN, RequestID: secretStack,
	}
	for _, l := range requestLanguages {
		rec := serve(header("Accept-Language", l.accept), func(http.ResponseWriter, *http.Request) error {
			return errcode.Relay(fmt.Errorf("calling upstream: %w", upstream))
		})
		assertNoLeak(t, rec, http.StatusNotFound,
			jsonBody(t, "octopus.107002", [2]string{"Scenario is not exists", "场景不存在"}[languageIndex(l.tag)]), "upstream, "+l.accept)
	}
}

func TestNoLeakFromPanics(t *testing.T) {
	logs := captureLogs(t)
	for name, v := range map[string]any{
		"a DSN string":          secretDSN,
		"a path error":          &fs.PathError{Op: "open", Path: secretPath, Err: fs.ErrPermission},
		"a stack trace":         secretStack,
		"a Stringer":            secretStringer(secretDSN),
		"an *Error with cause":  errcode.ScenarioNotFound.Wrap(errors.New(secretDSN)),
		"a runtime error":       "index out of range [5] with length 3 at " + secretPath,
		"an error from fmt %w":  fmt.Errorf("%s: %w", secretDSN, fs.ErrPermission),
		"a wrapped stack trace": fmt.Errorf("panic: %s", secretStack),
	} {
		for _, l := range requestLanguages {
			rec := serve(header("Accept-Language", l.accept), func(http.ResponseWriter, *http.Request) error { panic(v) })
			assertNoLeak(t, rec, http.StatusInternalServerError,
				jsonBody(t, "octopus.000002", internalServerError[languageIndex(l.tag)]), name+", "+l.accept)
		}
	}
	t.Run("a nil-pointer dereference", func(t *testing.T) {
		rec := serve(header("Accept-Language", "zh"), func(http.ResponseWriter, *http.Request) error {
			var p *struct{ secret string }
			return errors.New(p.secret)
		})
		assertNoLeak(t, rec, http.StatusInternalServerError,
			jsonBody(t, "octopus.000002", internalServerError[1]), "nil dereference")
	})
	// The panic is for the logs, which keep it.
	assert.Contains(t, logs.String(), "hunter2", "the panic value is logged")
	assert.Contains(t, logs.String(), "errcode: handler panicked")
}

type secretStringer string

func (s secretStringer) String() string { return "conn " + string(s) }

// Error text, unlike a body, may carry the cause: it is for logs.
func TestCauseStaysForLogs(t *testing.T) {
	cause := fmt.Errorf("dial %s: connection refused", secretDSN)
	err := fmt.Errorf("load: %w", errcode.InternalServerError.Wrap(cause))
	assert.ErrorIs(t, err, cause)
	assert.True(t, strings.Contains(err.Error(), "hunter2"), "Error() keeps the cause for developers")
}
