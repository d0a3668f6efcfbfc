package main

//go:generate go run . openapi -o ../../docs/openapi.json

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/internal/fileout"
	"github.com/octopus-go/errcode/internal/wire"
	"golang.org/x/text/language"
)

// runOpenAPI runs "errcode openapi" with args, the arguments after the
// command name.
func runOpenAPI(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet(openapiCmd, stderr)
	statusList := fs.String("status", "", "only the rows with these HTTP `statuses`, comma-separated (404,409)")
	out := fs.String("o", "", "write the document to `file` instead of standard output")
	codes, exit, ok := parseArgs(openapiCmd, fs, args, stdout, stderr)
	if !ok {
		return exit
	}
	if exit, ok = checkCodes(openapiCmd, codes, stderr); !ok {
		return exit
	}
	statuses, err := parseStatuses(*statusList)
	if err != nil {
		fmt.Fprintf(stderr, "errcode openapi: %v\n", err)
		return usageError(openapiCmd, stderr)
	}
	rows, exit := selectRows(statuses, codes, stderr)
	if exit != exitOK {
		return exit
	}
	doc, err := openAPIDocument(rows)
	if err != nil {
		fmt.Fprintf(stderr, "errcode openapi: %v\n", err)
		return exitUsage
	}
	if *out == "" {
		stdout.Write(doc)
		return exitOK
	}
	if err := fileout.Write(fileout.File{Path: *out, Data: doc}); err != nil {
		fmt.Fprintf(stderr, "errcode: %s\n", escape(err.Error()))
		return exitUsage
	}
	return exitOK
}

// parseStatuses returns the statuses of the -status value s, such as
// "404,409"; none for "".
func parseStatuses(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var statuses []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 100 || n > 999 {
			return nil, fmt.Errorf("-status %s: %q is not an HTTP status", escape(s), escape(f))
		}
		statuses = append(statuses, n)
	}
	return statuses, nil
}

// selectRows returns the rows the document describes, in catalog order:
// every row when neither statuses nor codes are given, else each row whose
// status is one of statuses or that one of codes names (as explain reads
// a CODE: every row of a wire code, the one row of a constant name). It
// reports a status or CODE without a documented row to stderr and returns
// exitUndocumented.
func selectRows(statuses []int, codes []string, stderr io.Writer) ([]errcode.Code, int) {
	picked := map[errcode.Code]bool{}
	exit := exitOK
	for _, s := range statuses {
		found := false
		for c := range errcode.All() {
			if c.Status() == s {
				picked[c], found = true, true
			}
		}
		if !found {
			fmt.Fprintf(stderr, "errcode: no documented code has status %d\n", s)
			exit = exitUndocumented
		}
	}
	for _, arg := range codes {
		rows := resolve(arg, stderr)
		if len(rows) == 0 {
			exit = exitUndocumented
		}
		for _, c := range rows {
			picked[c] = true
		}
	}
	var rows []errcode.Code
	for c := range errcode.All() {
		if picked[c] || len(statuses) == 0 && len(codes) == 0 {
			rows = append(rows, c)
		}
	}
	return rows, exit
}

// The OpenAPI 3.1 document of components, as encoding/json writes it: the
// fields of a struct in their order, the keys of a map sorted.
type (
	apiDocument struct {
		OpenAPI    string        `json:"openapi"`
		Info       apiInfo       `json:"info"`
		Components apiComponents `json:"components"`
	}
	apiInfo struct {
		Title       string `json:"title"`
		Version     string `json:"version"`
		Description string `json:"description"`
	}
	apiComponents struct {
		Schemas   map[string]apiSchema   `json:"schemas"`
		Responses map[string]apiResponse `json:"responses"`
	}
	apiSchema struct {
		Type        string               `json:"type"`
		Description string               `json:"description,omitempty"`
		Required    []string             `json:"required,omitempty"`
		Properties  map[string]apiSchema `json:"properties,omitempty"`
		Pattern     string               `json:"pattern,omitempty"`
		Examples    []string             `json:"examples,omitempty"`
	}
	apiResponse struct {
		Description string                  `json:"description"`
		Content     map[string]apiMediaType `json:"content"`
	}
	apiMediaType struct {
		Schema   apiRef                `json:"schema"`
		Examples map[string]apiExample `json:"examples"`
	}
	apiRef struct {
		Ref string `json:"$ref"`
	}
	apiExample struct {
		Summary     string          `json:"summary"`
		Description string          `json:"description"`
		Value       json.RawMessage `json:"value"`
	}
)

// errorSchema is the name of the error body's schema in the document.
const errorSchema = "Error"

// openAPIDocument returns the OpenAPI 3.1 document of components for rows:
// the schema "Error" of every error body Octopus and its API gateway send,
// [errcode.Write]'s among them: error_code, a code of the form of
// [codePattern] whose examples are the wire codes of rows, and error_msg,
// both strings and required; other keys, such as the gateway's request_id,
// allowed. And one response per status of rows,
// named by [responseName], whose examples are the bodies Write sends for
// each of its rows in each catalog language, named NAME.LANG (such as
// ScenarioNotFound.en) and described by the row's remediation. The same
// rows give the same bytes.
func openAPIDocument(rows []errcode.Code) ([]byte, error) {
	var codes []string
	responses := map[string]apiResponse{}
	for _, c := range rows {
		if !slices.Contains(codes, c.String()) {
			codes = append(codes, c.String())
		}
		name := responseName(c.Status())
		resp, ok := responses[name]
		if !ok {
			resp = apiResponse{
				Description: statusText(c.Status()) + ": an error of the catalog, its body an " + errorSchema + ".",
				Content: map[string]apiMediaType{"application/json": {
					Schema:   apiRef{"#/components/schemas/" + errorSchema},
					Examples: map[string]apiExample{},
				}},
			}
			responses[name] = resp
		}
		for _, tag := range errcode.Languages() {
			body, err := writtenBody(c, tag.String())
			if err != nil {
				return nil, err
			}
			resp.Content["application/json"].Examples[c.Name()+"."+langKey(tag)] = apiExample{
				Summary:     c.String() + " " + c.Name() + " (" + langKey(tag) + ")",
				Description: exampleDescription(c, tag),
				Value:       body,
			}
		}
	}
	doc := apiDocument{
		OpenAPI: "3.1.0",
		Info: apiInfo{
			Title:   "Octopus error responses",
			Version: "1.0.0",
			Description: "The error responses of Octopus and of the API gateway in front of it, " +
				"as github.com/octopus-go/errcode writes them. Generated by errcode openapi; do not edit.",
		},
		Components: apiComponents{
			Schemas: map[string]apiSchema{errorSchema: {
				Type: "object",
				Description: "The body of an error response, from Octopus or from the API gateway in front of it; " +
					"keys other than these may come too.",
				Required: []string{"error_code", "error_msg"},
				Properties: map[string]apiSchema{
					"error_code": {
						Type: "string",
						Description: "The wire code of the error: a documented code (the examples), one documented later, " +
							"or the APIG. alias of an APIGW. code, which some gateway deployments send.",
						Pattern:  codePattern(),
						Examples: codes,
					},
					"error_msg": {
						Type:        "string",
						Description: "The documented message, in the language negotiated from X-Language or Accept-Language.",
					},
					"request_id": {
						Type:        "string",
						Description: "The id of the request, which the API gateway adds to its error bodies.",
					},
					"encoded_authorization_message": {
						Type:        "string",
						Description: "Why IAM denied the request, encoded for IAM to decode; sent with some authorization failures.",
					},
				},
			}},
			Responses: responses,
		},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exampleDescription returns the description of c's example in the
// language tag: its remediation, and for a row with placeholders its
// documented message and the constructor that fills them, the example
// having no values.
func exampleDescription(c errcode.Code, tag language.Tag) string {
	if len(c.Placeholders()) == 0 {
		return c.Remediation(tag)
	}
	return fmt.Sprintf("%s\n\nThe message is documented as %q; %s fills its placeholders. "+
		"This example has no values: they read as their bare names.",
		c.Remediation(tag), c.Message(tag), constructor(c))
}

// codePattern returns the regular expression of a wire code of the catalog's
// services, documented or not: one of their prefixes or its alias (such as
// octopus., APIGW. and APIG.) and digits.
func codePattern() string {
	var prefixes []string
	for c := range errcode.All() {
		codes := []string{c.String()}
		if alias, ok := wire.Alias(c.String()); ok {
			codes = append(codes, alias)
		}
		for _, code := range codes {
			if p := regexp.QuoteMeta(code[:strings.LastIndex(code, ".")+1]); !slices.Contains(prefixes, p) {
				prefixes = append(prefixes, p)
			}
		}
	}
	return "^(" + strings.Join(prefixes, "|") + ")[0-9]+$"
}

// responseName returns the name of the response for an HTTP status in the
// document: its status text without spaces or punctuation (NotFound,
// TooManyRequests, RequestURITooLong), or ErrorNNN for a status that
// net/http has no text for (Error494).
func responseName(status int) string {
	name := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, http.StatusText(status))
	if name == "" {
		return "Error" + strconv.Itoa(status)
	}
	return name
}

// writtenBody returns the body that errcode.ServeError writes for c to a
// request that asks for the language lang with X-Language, after checking
// that it is JSON sent with c's status.
func writtenBody(c errcode.Code, lang string) (json.RawMessage, error) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("X-Language", lang)
	errcode.ServeError(rec, req, c)
	body := rec.Body.Bytes()
	if rec.Code != c.Status() || !json.Valid(body) {
		return nil, fmt.Errorf("%s: Write answered %d %q", c.Name(), rec.Code, body)
	}
	return body, nil
}
