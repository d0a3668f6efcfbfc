package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/internal/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openAPI is the part of the document the tests read.
type openAPI struct {
	OpenAPI    string `json:"openapi"`
	Components struct {
		Schemas struct {
			Error struct {
				Required             []string                  `json:"required"`
				AdditionalProperties any                       `json:"additionalProperties"`
				Properties           map[string]map[string]any `json:"properties"`
			} `json:"Error"`
		} `json:"schemas"`
		Responses map[string]struct {
			Description string `json:"description"`
			Content     map[string]struct {
				Schema   map[string]string `json:"schema"`
				Examples map[string]struct {
					Summary     string          `json:"summary"`
					Description string          `json:"description"`
					Value       json.RawMessage `json:"value"`
				} `json:"examples"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"components"`
}

// runOpenAPIDoc runs errcode openapi with args, requires exit 0 and
// returns the document printed.
func runOpenAPIDoc(t *testing.T, args ...string) (string, openAPI) {
	t.Helper()
	out, errOut, exit := runCmd(t, "", append([]string{"openapi"}, args...)...)
	require.Equal(t, exitOK, exit, errOut)
	require.Empty(t, errOut)
	var doc openAPI
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	return out, doc
}

// codeExamples returns the examples of doc's error_code.
func codeExamples(doc openAPI) []string {
	var codes []string
	for _, v := range doc.Components.Schemas.Error.Properties["error_code"]["examples"].([]any) {
		codes = append(codes, v.(string))
	}
	return codes
}

// responseNames returns the names of doc's responses, sorted.
func responseNames(doc openAPI) []string {
	var names []string
	for name := range doc.Components.Responses {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// TestOpenAPIDocument checks the whole document: every row's bodies, as
// Write sends them, in both languages, under the response of its status;
// the Error schema; and that docs/openapi.json is this document.
func TestOpenAPIDocument(t *testing.T) {
	out, doc := runOpenAPIDoc(t)
	assert.Equal(t, "3.1.0", doc.OpenAPI)
	schema := doc.Components.Schemas.Error
	assert.Equal(t, []string{"error_code", "error_msg"}, schema.Required)
	assert.Nil(t, schema.AdditionalProperties, "other keys allowed")
	var types []string
	for _, name := range []string{"encoded_authorization_message", "error_code", "error_msg", "request_id"} {
		types = append(types, schema.Properties[name]["type"].(string))
	}
	assert.Equal(t, []string{"string", "string", "string", "string"}, types)
	assert.Len(t, schema.Properties, 4)
	pattern, _ := schema.Properties["error_code"]["pattern"].(string)
	assert.Equal(t, `^(octopus\.|APIGW\.|APIG\.)[0-9]+$`, pattern)
	assert.Nil(t, schema.Properties["error_code"]["enum"], "no closed list of codes")

	var codes []string
	examples := 0
	for c := range errcode.All() {
		if !slices.Contains(codes, c.String()) {
			codes = append(codes, c.String())
		}
		resp, ok := doc.Components.Responses[responseName(c.Status())]
		require.True(t, ok, c.Name())
		media := resp.Content["application/json"]
		assert.Equal(t, map[string]string{"$ref": "#/components/schemas/Error"}, media.Schema)
		for _, tag := range errcode.Languages() {
			ex, ok := media.Examples[c.Name()+"."+langKey(tag)]
			require.True(t, ok, "%s %s", c.Name(), tag)
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/", nil)
			req.Header.Set("Accept-Language", tag.String())
			errcode.ServeError(rec, req, c)
			assert.JSONEq(t, rec.Body.String(), string(ex.Value), c.Name())
			if len(c.Placeholders()) == 0 {
				assert.Equal(t, c.Remediation(tag), ex.Description, c.Name())
			} else {
				assert.Equal(t, c.Remediation(tag)+"\n\nThe message is documented as "+strconv.Quote(c.Message(tag))+"; "+
					constructor(c)+" fills its placeholders. This example has no values: they read as their bare names.", ex.Description, c.Name())
			}
			assert.Equal(t, c.String()+" "+c.Name()+" ("+langKey(tag)+")", ex.Summary)
			examples++
		}
	}
	assert.Equal(t, codes, codeExamples(doc))
	for _, code := range codes {
		assert.Regexp(t, pattern, code)
		if alias, ok := wire.Alias(code); ok {
			assert.Regexp(t, pattern, alias)
		}
	}
	n := 0
	for _, resp := range doc.Components.Responses {
		n += len(resp.Content["application/json"].Examples)
	}
	assert.Equal(t, examples, n, "no example without its row")
	assert.Equal(t, []string{
		"BadGateway", "BadRequest", "Conflict", "Error494", "Forbidden", "GatewayTimeout",
		"InternalServerError", "MethodNotAllowed", "NotFound", "PreconditionRequired",
		"RequestEntityTooLarge", "RequestURITooLong", "ServiceUnavailable", "TooManyRequests",
		"Unauthorized",
	}, responseNames(doc))
	assert.Equal(t, "404 Not Found: an error of the catalog, its body an Error.", doc.Components.Responses["NotFound"].Description)

	// A row with placeholders: its documented texts, marked, and the
	// constructor in the description; Write's body, without values, in
	// the example.
	ex := doc.Components.Responses["BadRequest"].Content["application/json"].Examples["InvalidRequestParam.en"]
	assert.Equal(t, "Make sure the request parameter [{key}:{value}] is correct\n\n"+
		`The message is documented as "Request params [{key}:{value}] is invalid"; `+
		"errcode.InvalidRequestParamWith(key, value) fills its placeholders. "+
		"This example has no values: they read as their bare names.", ex.Description)
	assert.JSONEq(t, `{"error_code":"octopus.000003","error_msg":"Request params [key:value] is invalid"}`, string(ex.Value))

	// Rows that share a code are all shown.
	conflict := doc.Components.Responses["Conflict"].Content["application/json"].Examples
	for _, name := range []string{"TagUsedInSegments", "TagUsedInPackages", "TagUsedInDataWarehouse"} {
		assert.Contains(t, conflict, name+".zh")
	}

	generated, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.json"))
	require.NoError(t, err)
	assert.Equal(t, string(generated), out, "docs/openapi.json is stale: run go generate ./...")
	again, _ := runOpenAPIDoc(t)
	assert.Equal(t, out, again)
}

// TestOpenAPISelection checks that -status and CODE arguments select rows,
// the responses of their statuses and their codes only as error_code's
// examples.
func TestOpenAPISelection(t *testing.T) {
	_, doc := runOpenAPIDoc(t, "-status", "404,409")
	assert.Equal(t, []string{"Conflict", "NotFound"}, responseNames(doc))
	var codes []string
	for c := range errcode.All() {
		if (c.Status() == 404 || c.Status() == 409) && !slices.Contains(codes, c.String()) {
			codes = append(codes, c.String())
		}
	}
	assert.Equal(t, codes, codeExamples(doc))

	_, doc = runOpenAPIDoc(t, "ScenarioNotFound", "TagUsedInSegments")
	assert.Equal(t, []string{"Conflict", "NotFound"}, responseNames(doc))
	assert.Equal(t, []string{"octopus.107002", "octopus.101006"}, codeExamples(doc))
	assert.Len(t, doc.Components.Responses["Conflict"].Content["application/json"].Examples, 2)

	// A wire code selects every row of it; a status and a code add up.
	_, doc = runOpenAPIDoc(t, "apig.0201", "-status", "428")
	assert.Equal(t, []string{"BadGateway", "BadRequest", "Error494", "GatewayTimeout", "PreconditionRequired",
		"RequestEntityTooLarge", "RequestURITooLong"}, responseNames(doc))
	assert.Equal(t, []string{"octopus.109005", "APIGW.0201"}, codeExamples(doc))
	assert.Len(t, doc.Components.Responses["BadRequest"].Content["application/json"].Examples, 2)
}

// TestOpenAPIErrors checks the exit statuses of a selection without rows
// and of bad flags, and that nothing is written then.
func TestOpenAPIErrors(t *testing.T) {
	out, errOut, exit := runCmd(t, "", "openapi", "ScenarioNotFund")
	assert.Equal(t, exitUndocumented, exit)
	assert.Empty(t, out)
	assert.Regexp(t, `^errcode: ScenarioNotFund is not documented; nearest: ScenarioNotFound, `, errOut)

	out, errOut, exit = runCmd(t, "", "openapi", "-status", "418")
	assert.Equal(t, exitUndocumented, exit)
	assert.Empty(t, out)
	assert.Equal(t, "errcode: no documented code has status 418\n", errOut)

	for _, s := range []string{"404,", "x", "4040", "404;409"} {
		out, errOut, exit = runCmd(t, "", "openapi", "-status", s)
		assert.Equal(t, exitUsage, exit, s)
		assert.Empty(t, out, s)
		assert.Contains(t, errOut, "is not an HTTP status\n", s)
	}

	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such", "dir", "x.json")
	_, errOut, exit = runCmd(t, "", "openapi", "-o", missing)
	assert.Equal(t, exitUsage, exit)
	assert.Equal(t, "errcode: "+missing+": cannot write: no such file or directory\n", errOut)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

// TestOpenAPIOutputFile checks that -o writes the document to the file,
// replacing what was there, and leaves no temporary file.
func TestOpenAPIOutputFile(t *testing.T) {
	want, _ := runOpenAPIDoc(t, "-status", "429")
	dir := t.TempDir()
	path := filepath.Join(dir, "errors.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	out, errOut, exit := runCmd(t, "", "openapi", "-status", "429", "-o", path)
	require.Equal(t, exitOK, exit, errOut)
	assert.Empty(t, out)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

// TestOpenAPIOutputNotRegular checks that -o refuses a path that is not a
// regular file, a symlink to a file or to a device, or a directory, and
// leaves it as it was.
func TestOpenAPIOutputNotRegular(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.json")
	require.NoError(t, os.WriteFile(target, []byte("old"), 0o644))
	toFile := filepath.Join(dir, "to-file.json")
	require.NoError(t, os.Symlink(target, toFile))
	toDevice := filepath.Join(dir, "to-device.json")
	require.NoError(t, os.Symlink(os.DevNull, toDevice))
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))

	for _, path := range []string{toFile, toDevice, sub} {
		before, err := os.Lstat(path)
		require.NoError(t, err)
		out, errOut, exit := runCmd(t, "", "openapi", "-status", "429", "-o", path)
		assert.Equal(t, exitUsage, exit, path)
		assert.Empty(t, out, path)
		assert.Equal(t, "errcode: "+path+": cannot write: not a regular file\n", errOut)
		after, err := os.Lstat(path)
		require.NoError(t, err)
		assert.Equal(t, before.Mode(), after.Mode(), path)
	}
	got, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary file left")
	entries, err = os.ReadDir(sub)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

// TestResponseName checks the names of responses, from net/http's status
// texts.
func TestResponseName(t *testing.T) {
	for status, want := range map[int]string{
		400: "BadRequest",
		404: "NotFound",
		414: "RequestURITooLong",
		429: "TooManyRequests",
		494: "Error494",
		500: "InternalServerError",
	} {
		assert.Equal(t, want, responseName(status), status)
	}
}
