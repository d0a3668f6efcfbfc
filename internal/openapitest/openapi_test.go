package openapitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// responseNames are the names of the document's responses by HTTP status,
// as "errcode openapi" documents them; a service's API document refers to
// them, so they must not change.
var responseNames = map[int]string{
	400: "BadRequest",
	401: "Unauthorized",
	403: "Forbidden",
	404: "NotFound",
	405: "MethodNotAllowed",
	409: "Conflict",
	413: "RequestEntityTooLarge",
	414: "RequestURITooLong",
	428: "PreconditionRequired",
	429: "TooManyRequests",
	494: "Error494",
	500: "InternalServerError",
	502: "BadGateway",
	503: "ServiceUnavailable",
	504: "GatewayTimeout",
}

// command is the errcode command, built once by TestMain.
var command string

// TestMain builds the errcode command of the module under test for the
// tests of its selections.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "openapitest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	command = filepath.Join(dir, "errcode")
	build := exec.Command("go", "build", "-o", command, "github.com/octopus-go/errcode/cmd/errcode")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building errcode: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// load loads and validates the OpenAPI document data.
func load(t *testing.T, data []byte) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(data)
	require.NoError(t, err)
	require.True(t, doc.IsOpenAPI31OrLater(), doc.OpenAPI)
	require.NoError(t, doc.Validate(context.Background()))
	return doc
}

// body returns the body errcode.Write sends for c to a request that asks
// for the language tag, decoded as JSON.
func body(t *testing.T, c errcode.Code, tag language.Tag) any {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("X-Language", tag.String())
	errcode.ServeError(rec, req, c)
	require.Equal(t, c.Status(), rec.Code)
	var v any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v), rec.Body.String())
	return v
}

// schemaOf returns the JSON schema of the response for status in doc.
func schemaOf(t *testing.T, doc *openapi3.T, status int) *openapi3.Schema {
	t.Helper()
	name, ok := responseNames[status]
	require.True(t, ok, "no response name for status %d", status)
	resp := doc.Components.Responses[name]
	require.NotNil(t, resp, name)
	require.NotNil(t, resp.Value, name)
	media := resp.Value.Content.Get("application/json")
	require.NotNil(t, media, name)
	require.NotNil(t, media.Schema, name)
	require.NotNil(t, media.Schema.Value, name)
	return media.Schema.Value
}

// checkBodies checks that doc has a response for the status of each of
// rows, and one only, and that every body Write sends for each row, in
// every language, validates against its schema and is its example.
func checkBodies(t *testing.T, doc *openapi3.T, rows []errcode.Code) {
	t.Helper()
	var names []string
	for _, c := range rows {
		if name := responseNames[c.Status()]; !slices.Contains(names, name) {
			names = append(names, name)
		}
		schema := schemaOf(t, doc, c.Status())
		for _, tag := range errcode.Languages() {
			v := body(t, c, tag)
			assert.NoError(t, doc.ValidateSchemaJSON(schema, v), "%s %s", c.Name(), tag)

			base, _ := tag.Base()
			media := doc.Components.Responses[responseNames[c.Status()]].Value.Content.Get("application/json")
			ex := media.Examples[c.Name()+"."+base.String()]
			if assert.NotNil(t, ex, "%s %s", c.Name(), tag) {
				assert.Equal(t, v, ex.Value.Value, "%s %s", c.Name(), tag)
				// A row with placeholders also names the constructor that
				// fills them.
				assert.True(t, strings.HasPrefix(ex.Value.Description, c.Remediation(tag)), ex.Value.Description)
				if len(c.Placeholders()) > 0 {
					assert.Contains(t, ex.Value.Description, "errcode."+c.Name()+"With(")
				} else {
					assert.Equal(t, c.Remediation(tag), ex.Value.Description)
				}
			}
		}
	}
	var got []string
	for name := range doc.Components.Responses {
		got = append(got, name)
	}
	assert.ElementsMatch(t, names, got)
}

// all returns every documented row.
func all() []errcode.Code { return slices.Collect(errcode.All()) }

// TestGeneratedDocument validates docs/openapi.json and every body Write
// sends, for every row in both languages, against it.
func TestGeneratedDocument(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.json"))
	require.NoError(t, err)
	doc := load(t, data)
	checkBodies(t, doc, all())
}

// TestGatewayBodies checks that the document accepts every error body a
// client can receive, from Write, from the API gateway with its request_id
// or with the APIG. alias, or with a code documented later, and that the
// validation can fail: a body without a message or a code, or with a code
// of another type or form, does not validate.
func TestGatewayBodies(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.json"))
	require.NoError(t, err)
	doc := load(t, data)
	for status, v := range map[int]string{
		404: mustJSON(t, body(t, errcode.ScenarioNotFound, language.English)),
		429: `{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 minute","request_id":"0b7e44c1d2f3"}`,
		504: `{"error_code":"APIG.0201","error_msg":"Backend timeout.","request_id":"6b0a6c8e2f1d"}`,
		403: `{"error_code":"APIGW.0305","error_msg":"Incorrect authentication information.","request_id":"r","encoded_authorization_message":"4Tf1x"}`,
		409: `{"error_code":"octopus.999001","error_msg":"Something new"}`,
		400: `{"error_code":"APIGW.0999","error_msg":"Some new gateway error","request_id":"r","x_new_key":{"a":1}}`,
	} {
		assert.NoError(t, doc.ValidateSchemaJSON(schemaOf(t, doc, status), decode(t, v)), v)
	}

	schema := schemaOf(t, doc, 404)
	for _, v := range []string{
		`{"error_code":"octopus.107002"}`,
		`{"error_msg":"Scenario is not exists"}`,
		`{"error_code":107002,"error_msg":"Scenario is not exists"}`,
		`{"error_code":"octopus.107002","error_msg":1}`,
		`{"error_code":"octopus.107002","error_msg":null}`,
		`{"error_code":"octopus.107002 ","error_msg":"x"}`,
		`{"error_code":"OCTOPUS.107002","error_msg":"x"}`,
		`{"error_code":"107002","error_msg":"x"}`,
		`{"error_code":"octopus.","error_msg":"x"}`,
		`{"error_code":"APIGW.x","error_msg":"x"}`,
		`{"error_code":"octopus.107002","error_msg":"x","request_id":7}`,
		`"octopus.107002"`,
	} {
		assert.Error(t, doc.ValidateSchemaJSON(schema, decode(t, v)), v)
	}
}

// mustJSON returns v as JSON.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// decode returns the JSON value s.
func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(s), &v), s)
	return v
}

// TestSelections validates the documents errcode openapi prints for a
// selection of statuses and of codes: each is valid, has the responses and
// examples of the selected rows only, validates their bodies, and still
// accepts the body of a row it does not have: an operation's document
// names what it answers, and a client must not fail on what else it gets.
func TestSelections(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		selected func(errcode.Code) bool
		other    errcode.Code
	}{
		{[]string{"-status", "404,409"}, func(c errcode.Code) bool { return c.Status() == 404 || c.Status() == 409 }, errcode.InternalServerError},
		{[]string{"ScenarioNotFound", "TagUsedInSegments"}, func(c errcode.Code) bool {
			return c == errcode.ScenarioNotFound || c == errcode.TagUsedInSegments
		}, errcode.ResourceNotFound},
	} {
		t.Run(fmt.Sprint(tc.args), func(t *testing.T) {
			cmd := exec.Command(command, append([]string{"openapi"}, tc.args...)...)
			out, err := cmd.Output()
			require.NoError(t, err)
			doc := load(t, out)
			var rows []errcode.Code
			for c := range errcode.All() {
				if tc.selected(c) {
					rows = append(rows, c)
				}
			}
			require.NotEmpty(t, rows)
			checkBodies(t, doc, rows)

			// The code of a row not selected is no example, but its body
			// validates.
			require.False(t, tc.selected(tc.other))
			schema := schemaOf(t, doc, rows[0].Status())
			assert.NotContains(t, schema.Properties["error_code"].Value.Examples, tc.other.String())
			assert.Contains(t, schema.Properties["error_code"].Value.Examples, rows[0].String())
			assert.NoError(t, doc.ValidateSchemaJSON(schema, body(t, tc.other, language.English)))
		})
	}
}
