package main

import (
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUsageIsDocComment checks that -h prints the package's doc comment as
// go/ast reads it, and that the command's doc comment is in doc.go only.
func TestUsageIsDocComment(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments)
	require.NoError(t, err)
	require.NotNil(t, f.Doc)
	assert.Equal(t, f.Doc.Text(), usage)
	assert.True(t, strings.HasPrefix(usage, "Errcode explains "), usage)

	main, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments)
	require.NoError(t, err)
	assert.Nil(t, main.Doc, "the doc comment lives in doc.go")
}

// TestSubcommandHelp checks that every subcommand finds its synopsis and
// its section in the usage text.
func TestSubcommandHelp(t *testing.T) {
	for _, cmd := range subcommands {
		assert.NotEmpty(t, cmd.synopsis, cmd.name)
		assert.True(t, strings.HasPrefix(cmd.summary, strings.ToUpper(cmd.name[:1])+cmd.name[1:]+" "), "%s: %q", cmd.name, cmd.summary)
		assert.True(t, strings.HasSuffix(cmd.summary, ".\n"), "%s: %q", cmd.name, cmd.summary)
		assert.NotContains(t, cmd.summary, "\n# ", cmd.name)
	}
	assert.Equal(t, "[-status N] [-grep TEXT] [-lang en|zh] [-json]", listCmd.synopsis)
	assert.Equal(t, "", synopsis("nosuch"))
	assert.Equal(t, "", section("nosuch"))
}

// TestOpenAPIExampleNames checks that the help's example refers to the
// file its command writes, by that name.
func TestOpenAPIExampleNames(t *testing.T) {
	written := regexp.MustCompile(`errcode openapi .*-o (\S+)`).FindAllStringSubmatch(openapiCmd.summary, -1)
	refs := regexp.MustCompile(`"([^"#]*)#/components/`).FindAllStringSubmatch(openapiCmd.summary, -1)
	require.Len(t, written, 1)
	require.NotEmpty(t, refs)
	for _, ref := range refs {
		assert.Equal(t, written[0][1], ref[1])
	}
}
