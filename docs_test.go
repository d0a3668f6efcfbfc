package errcode_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The docs cite code by name; every name they cite must exist. This test
// reads the README and docs/*.md and checks, in their `code spans`:
//   - errcode.Name and errgrpc.Name (and errcode.Name.Method): declared by
//     that package, exported;
//   - an unexported name such as appendBody, and a test, fuzz target or
//     benchmark such as FuzzFromResponse: declared somewhere in the
//     repository's Go files;
//   - Type.Method of a type of the package, such as Code.Placeholders.
func TestDocsCiteNamesThatExist(t *testing.T) {
	pkg := declared(t, ".", false)
	grpc := declared(t, "errgrpc", false)
	all := declared(t, ".", true)

	var docs []string
	docs = append(docs, "README.md")
	mds, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	docs = append(docs, mds...)
	require.Greater(t, len(docs), 3)

	fence := regexp.MustCompile("(?s)```.*?```")
	span := regexp.MustCompile("`([^`\n]+)`")
	qualified := regexp.MustCompile(`\b(errcode|errgrpc)\.([A-Z]\w*)(?:\.([A-Za-z]\w*))?`)
	lowerCamel := regexp.MustCompile(`^\*?([a-z][a-z0-9]*[A-Z]\w*)(\(\))?$`)
	testName := regexp.MustCompile(`^(Test|Fuzz|Benchmark|Example)\w+$`)
	method := regexp.MustCompile(`^\*?([A-Z]\w*)\.([A-Z]\w*)(\(\))?$`)
	cited := 0
	for _, doc := range docs {
		if doc == filepath.Join("docs", "reference.md") {
			continue // generated from the tables: names, not code
		}
		text, err := os.ReadFile(doc)
		require.NoError(t, err)
		for _, m := range span.FindAllStringSubmatch(fence.ReplaceAllString(string(text), ""), -1) {
			s := m[1]
			for _, q := range qualified.FindAllStringSubmatch(s, -1) {
				names := pkg
				if q[1] == "errgrpc" {
					names = grpc
				}
				cited++
				assert.True(t, names[q[2]], "%s cites %s, which package %s does not declare", doc, q[0], q[1])
				if q[3] != "" {
					assert.True(t, all[q[3]], "%s cites %s, whose %s is declared nowhere", doc, q[0], q[3])
				}
			}
			if l := lowerCamel.FindStringSubmatch(s); l != nil && !strings.Contains(s, "_") {
				cited++
				assert.True(t, all[l[1]], "%s cites %s, which is declared nowhere", doc, s)
			}
			if testName.MatchString(s) {
				cited++
				assert.True(t, all[s], "%s cites %s, which is declared nowhere", doc, s)
			}
			if mm := method.FindStringSubmatch(s); mm != nil && pkg[mm[1]] {
				cited++
				assert.True(t, all[mm[2]], "%s cites %s, whose %s is declared nowhere", doc, s, mm[2])
			}
		}
	}
	assert.Greater(t, cited, 20, "the docs cite code; the patterns must find it")
}

// declared returns the names declared in the Go files of dir: with
// everywhere, in every Go file below dir (tests included) and every name
// (functions, methods, types, fields, constants, variables); else only the
// exported package-level names of dir's own non-test files.
func declared(t *testing.T, dir string, everywhere bool) map[string]bool {
	names := map[string]bool{}
	fset := token.NewFileSet()
	parse := func(path string) {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		if !everywhere {
			for _, d := range f.Decls {
				for _, n := range topLevel(d) {
					if ast.IsExported(n) {
						names[n] = true
					}
				}
			}
			return
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				names[n.Name.Name] = true
			case *ast.TypeSpec:
				names[n.Name.Name] = true
			case *ast.ValueSpec:
				for _, id := range n.Names {
					names[id.Name] = true
				}
			case *ast.Field:
				for _, id := range n.Names {
					names[id.Name] = true
				}
			}
			return true
		})
	}
	if !everywhere {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				parse(f)
			}
		}
		require.NotEmpty(t, names, dir)
		return names
	}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			parse(path)
		}
		return nil
	}))
	return names
}

// topLevel returns the names a package-level declaration declares, methods
// excluded.
func topLevel(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, id := range s.Names {
					names = append(names, id.Name)
				}
			}
		}
	}
	return names
}
