package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConstructorIsGenerated checks constructor against the generated
// catalog: each row with placeholders has a function of that name taking
// parameters of those names, and no other row has one.
func TestConstructorIsGenerated(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "..", "catalog_gen.go"), nil, 0)
	require.NoError(t, err)
	generated := map[string]bool{}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || !strings.HasSuffix(fn.Name.Name, "With") {
			continue
		}
		var params []string
		for _, p := range fn.Type.Params.List {
			for _, n := range p.Names {
				params = append(params, n.Name)
			}
		}
		generated["errcode."+fn.Name.Name+"("+strings.Join(params, ", ")+")"] = true
	}
	require.NotEmpty(t, generated)
	n := 0
	for c := range errcode.All() {
		if call := constructor(c); call != "" {
			assert.True(t, generated[call], call)
			n++
		}
	}
	assert.Equal(t, len(generated), n)
	assert.Equal(t, "", constructor(errcode.ScenarioNotFound))
}
