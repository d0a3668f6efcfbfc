package errcode_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestCodeDescribesItsRow(t *testing.T) {
	c := errcode.ScenarioNotFound
	assert.Equal(t, "octopus.107002", c.String())
	assert.Equal(t, "ScenarioNotFound", c.Name())
	assert.Equal(t, 404, c.Status())
	assert.Equal(t, "octopus.107002: Scenario is not exists", c.Error())
	assert.Equal(t, "Scenario is not exists", c.Message(language.English))
	assert.Equal(t, "场景不存在", c.Message(language.Chinese))
	assert.Equal(t, "场景不存在", c.Message(language.MustParse("zh-Hans-CN")))
	assert.Equal(t, "Scenario is not exists", c.Message(language.French), "an unknown language gets the default")
	assert.Equal(t, "请检查后重试", c.Remediation(language.SimplifiedChinese))
	assert.Equal(t, "Check and try again", c.Remediation(language.AmericanEnglish))
	assert.Equal(t, errcode.NotRetryable, c.RetryKind())
	assert.Equal(t, errcode.RetryAnyMethod, errcode.TooManyRequests.RetryKind())
	assert.Equal(t, 428, errcode.JobPreconditionFailed.Status())
	assert.Equal(t, 500, errcode.DataRepeated.Status())
}

func TestZeroCodeIsNoRow(t *testing.T) {
	var c errcode.Code
	assert.Equal(t, "errcode.Code(0)", c.String())
	assert.Equal(t, "errcode.Code(9999)", errcode.Code(9999).String())
	assert.Equal(t, 0, c.Status())
	assert.Equal(t, "errcode.Code(0): undocumented code", c.Error())
	assert.NotErrorIs(t, errcode.ScenarioNotFound, c)
}

// TestTheCodeAfterTheLastIsNoRow checks the first Code past the catalog,
// Code(len(rows)): no row, no panic, and Write answers it as any other
// error.
func TestTheCodeAfterTheLastIsNoRow(t *testing.T) {
	var last errcode.Code
	for c := range errcode.All() {
		last = c
	}
	require.Equal(t, errcode.GatewayIAMUserForbiddenInRegion, last)
	next := last + 1
	require.Equal(t, errcode.Code(112), next, "111 rows after the empty row 0")
	assert.Equal(t, "errcode.Code(112)", next.String())
	assert.Equal(t, "errcode.Code(112): undocumented code", next.Error())
	assert.Empty(t, next.Name())
	assert.Zero(t, next.Status())
	assert.Empty(t, next.Message(language.English))
	assert.Empty(t, next.Remediation(language.Chinese))
	assert.Nil(t, next.Placeholders())
	assert.Equal(t, errcode.NotRetryable, next.RetryKind())
	_, err := next.MarshalText()
	assert.EqualError(t, err, "errcode: cannot marshal undocumented errcode.Code(112)")
	assert.False(t, next.Is(next), "no wire code to match, not even its own")
	assert.False(t, next.Is(errcode.ScenarioNotFound))
	assert.NotErrorIs(t, errcode.ScenarioNotFound, next)
	assert.NotErrorIs(t, errcode.ScenarioNotFound.Wrap(nil), errcode.Code(60000))
	assert.Equal(t, errcode.InternalServerError, errcode.CodeOf(next))
	e := next.With("key", "k")
	assert.Equal(t, "errcode.Code(112): ", e.Error())
	rec := httptest.NewRecorder()
	errcode.Write(rec, fmt.Errorf("op: %w", next))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, `{"error_code":"octopus.000002","error_msg":"Internal server error"}`, rec.Body.String())
}

func TestPlaceholdersNameTheRowsPlaceholders(t *testing.T) {
	assert.Equal(t, []string{"key", "value"}, errcode.InvalidRequestParam.Placeholders())
	assert.Equal(t, []string{"xxx"}, errcode.GatewayProtocolNotSupported.Placeholders())
	assert.Empty(t, errcode.ScenarioNotFound.Placeholders())
	e := errcode.InvalidRequestParam.With("key", "name", "key", "id")
	v, ok := e.Value("key")
	assert.True(t, ok)
	assert.Equal(t, "id", v, "the last value given")
	_, ok = e.Value("value")
	assert.False(t, ok)
}

func TestCodesMarshalAsTheirNames(t *testing.T) {
	for c := range errcode.All() {
		b, err := json.Marshal(struct{ C errcode.Code }{c})
		require.NoError(t, err)
		assert.Equal(t, `{"C":"`+c.Name()+`"}`, string(b))
		var back struct{ C errcode.Code }
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, c, back.C, c.Name())
	}
	var c errcode.Code
	require.NoError(t, json.Unmarshal([]byte(`"octopus.107002"`), &c))
	assert.Equal(t, errcode.ScenarioNotFound, c)
	require.NoError(t, json.Unmarshal([]byte(`"APIG.0308"`), &c))
	assert.Equal(t, errcode.GatewayThrottled, c, "a wire code as sent")
	for _, text := range []string{`"octopus.999999"`, `"107002"`, `"scenarionotfound"`, `" ScenarioNotFound"`, `""`} {
		assert.EqualError(t, json.Unmarshal([]byte(text), &c), "errcode: unknown code "+text, "lenient reading is the command's")
	}
	_, err := json.Marshal(errcode.Code(0))
	assert.ErrorContains(t, err, "errcode: cannot marshal undocumented errcode.Code(0)")
}

type pathError struct{ path string }

func (e *pathError) Error() string { return "open " + e.path }

func TestIsMatchesByWireCodeAtAnyDepth(t *testing.T) {
	deep := fmt.Errorf("handler: %w", fmt.Errorf("service: %w", fmt.Errorf("store: %w", errcode.ScenarioNotFound)))
	joined := errors.Join(errors.New("other"), fmt.Errorf("x: %w", errcode.TokenExpired.Wrap(&pathError{"/tmp/x"})))

	assert.ErrorIs(t, deep, errcode.ScenarioNotFound)
	assert.NotErrorIs(t, deep, errcode.TagNotFound)
	assert.ErrorIs(t, joined, errcode.TokenExpired)
	assert.NotErrorIs(t, joined, errcode.TokenInvalid)
	var pe *pathError
	require.ErrorAs(t, joined, &pe, "the cause stays reachable")
	assert.Equal(t, "/tmp/x", pe.path)

	assert.ErrorIs(t, errcode.InvalidRequestParam.With("key", "k"), errcode.InvalidRequestParam)
	assert.ErrorIs(t, errcode.ScenarioNotFound, errcode.ScenarioNotFound.Wrap(nil), "an *Error target matches too")
	assert.NotErrorIs(t, errcode.HTTPBadRequest, errcode.RequestValidationFailed, "same message, other code")

	// A *ResponseError target matches by its documented wire code.
	assert.ErrorIs(t, deep, &errcode.ResponseError{StatusCode: 404, Code: errcode.ScenarioNotFound})
	assert.ErrorIs(t, errcode.TagUsedInSegments, &errcode.ResponseError{Code: errcode.TagUsedInDataWarehouse}, "another row of the code")
	assert.NotErrorIs(t, deep, &errcode.ResponseError{StatusCode: 404, Code: errcode.TagNotFound})
	assert.NotErrorIs(t, deep, &errcode.ResponseError{StatusCode: 404, WireCode: "octopus.107002"}, "no documented row")
	assert.NotErrorIs(t, deep, (*errcode.ResponseError)(nil))
	assert.NotErrorIs(t, errcode.Code(0), &errcode.ResponseError{})
}

func TestRowsOfOneCodeMatchEachOther(t *testing.T) {
	err := fmt.Errorf("delete tag: %w", errcode.TagUsedInPackages)
	for _, c := range []errcode.Code{errcode.TagUsedInSegments, errcode.TagUsedInPackages, errcode.TagUsedInDataWarehouse} {
		assert.ErrorIs(t, err, c, c.Name())
	}
	var row errcode.Code
	require.ErrorAs(t, err, &row)
	assert.Equal(t, errcode.TagUsedInPackages, row, "errors.As tells the exact row")
	assert.ErrorIs(t, errcode.GatewayBackendTimeout, errcode.GatewayRequestEntityTooLarge)
}

func TestLookup(t *testing.T) {
	c, ok := errcode.Lookup("octopus.107002")
	assert.True(t, ok)
	assert.Equal(t, errcode.ScenarioNotFound, c)
	c, ok = errcode.Lookup("octopus.101006")
	assert.True(t, ok)
	assert.Equal(t, errcode.TagUsedInSegments, c, "the first of several rows")
	c, ok = errcode.Lookup("APIG.0308")
	assert.True(t, ok)
	assert.Equal(t, errcode.GatewayThrottled, c)
	for _, code := range []string{"", "octopus.402009", "OCTOPUS.107002", "107002", "APIGW.9999"} {
		c, ok = errcode.Lookup(code)
		assert.False(t, ok, code)
		assert.Zero(t, c, code)
	}
	for c := range errcode.All() {
		got, ok := errcode.Lookup(c.String())
		require.True(t, ok, c.Name())
		assert.Equal(t, c.String(), got.String())
	}
}

func TestAllListsEveryRowOnce(t *testing.T) {
	var names []string
	seen := map[string]bool{}
	for c := range errcode.All() {
		assert.False(t, seen[c.Name()], c.Name())
		seen[c.Name()] = true
		names = append(names, c.Name())
	}
	assert.Len(t, names, 70+41)
	assert.Equal(t, "HTTPBadRequest", names[0])
	assert.Equal(t, "GatewayIAMUserForbiddenInRegion", names[len(names)-1])
	n := 0
	for range errcode.All() {
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n, "All stops when the loop does")
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

func TestPlaceholdersIsACopy(t *testing.T) {
	p := errcode.InvalidRequestParam.Placeholders()
	require.Equal(t, []string{"key", "value"}, p)
	p[0] = "changed"
	assert.Equal(t, []string{"key", "value"}, errcode.InvalidRequestParam.Placeholders())
	assert.Nil(t, errcode.Code(0).Placeholders())
	assert.Nil(t, errcode.Code(60000).Placeholders())
}
