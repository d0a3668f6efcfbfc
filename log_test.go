package errcode_test

import (
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logged returns the record of logging attr, as JSON decodes it.
func logged(t *testing.T, attr slog.Attr) map[string]any {
	t.Helper()
	var logs logRecorder
	logs.logger().LogAttrs(t.Context(), slog.LevelError, "failed", attr)
	recs := logs.records(t)
	require.Len(t, recs, 1)
	return recs[0]
}

// TestEveryErrorLogsInOneShape checks that a Code, an *Error and a
// *ResponseError log as the same group, whether logged as they are or
// found in a chain by LogAttr.
func TestEveryErrorLogsInOneShape(t *testing.T) {
	dep := &errcode.ResponseError{StatusCode: 401, Code: errcode.TokenExpired, WireCode: "octopus.000102", Message: "m", RequestID: "r1"}
	withValues := errcode.InvalidRequestParam.With("key", "limit", "value", "-1")
	for _, tt := range []struct {
		name string
		err  error
		want map[string]any
	}{
		{"a Code", errcode.ScenarioNotFound, map[string]any{
			"code": "octopus.107002", "status": float64(404), "text": "octopus.107002: Scenario is not exists",
		}},
		{"an *Error", withValues, map[string]any{
			"code": "octopus.000003", "status": float64(400), "params": map[string]any{"key": "limit", "value": "-1"},
			"text": "octopus.000003: Request params [limit:-1] is invalid",
		}},
		{"a *ResponseError", dep, map[string]any{
			"code": "octopus.000102", "status": float64(401),
			"text": "octopus.000102: m (HTTP 401, request id r1)",
		}},
	} {
		direct := logged(t, slog.Any("error", tt.err))["error"]
		assert.Equal(t, tt.want, direct, "%s as itself", tt.name)
		assert.Equal(t, tt.want, logged(t, errcode.LogAttr(tt.err))["error"], "%s by LogAttr", tt.name)

		wrapped := fmt.Errorf("op: %w", tt.err)
		want := map[string]any{}
		for k, v := range tt.want {
			want[k] = v
		}
		want["text"] = "op: " + tt.want["text"].(string)
		assert.Equal(t, want, logged(t, errcode.LogAttr(wrapped))["error"], "%s wrapped", tt.name)
		joined := errors.Join(errors.New("first"), wrapped)
		assert.Equal(t, tt.want["code"], logged(t, errcode.LogAttr(joined))["error"].(map[string]any)["code"], "%s joined", tt.name)
	}
	assert.Equal(t, map[string]any{"text": "disk full"}, logged(t, errcode.LogAttr(errors.New("disk full")))["error"],
		"a foreign error: its text, no code")
	assert.NotContains(t, logged(t, errcode.LogAttr(nil)), "error", "nil: nothing")
}

func TestLogAttrKeepsTheCausesStack(t *testing.T) {
	err := errcode.DatabaseAccessError.Wrap(stackError{"refused"})
	got := logged(t, errcode.LogAttr(err))["error"].(map[string]any)
	assert.Equal(t, "octopus.000131: Database access error: refused\nmain.load\n\t/srv/app/store.go:42", got["text"])
}

func TestLogValue(t *testing.T) {
	var logs logRecorder
	log := logs.logger()
	err := errcode.InvalidRequestParam.With("key", "name", "value", "x").Wrap(errors.New("parse failed"))
	log.Error("request failed", "err", err)
	assert.JSONEq(t, `{"level":"ERROR","msg":"request failed","err":{"code":"octopus.000003","status":400,"params":{"key":"name","value":"x"},"text":"octopus.000003: Request params [name:x] is invalid: parse failed"}}`, logs.String())

	logs = logRecorder{}
	log.Info("plain", "err", errcode.ScenarioNotFound.Wrap(nil))
	assert.JSONEq(t, `{"level":"INFO","msg":"plain","err":{"code":"octopus.107002","status":404,"text":"octopus.107002: Scenario is not exists"}}`, logs.String())
}
