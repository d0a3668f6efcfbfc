package gen

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/octopus-go/errcode/internal/spec"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// shopCatalog loads the spec package's fixture, a small page in two
// languages with names and retry policy.
func shopCatalog(t *testing.T) *spec.Catalog {
	t.Helper()
	read := func(name string) *spec.Source {
		data, err := os.ReadFile(filepath.Join("..", "spec", "testdata", name))
		require.NoError(t, err)
		return &spec.Source{Name: name, Data: data}
	}
	c, err := spec.Load(spec.Config{
		Editions: []spec.Source{*read("shop-errors.en-US.txt"), *read("shop-errors.zh-CN.txt")},
		Names:    read("names.txt"),
		Retry:    read("retry.txt"),
	})
	require.NoError(t, err)
	return c
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go test ./internal/gen -update to accept")
}

func TestGoGolden(t *testing.T) {
	got, err := Go(shopCatalog(t))
	require.NoError(t, err)
	golden(t, "shop_gen.go.golden", got)
}

func TestGoIsDeterministic(t *testing.T) {
	a, err := Go(shopCatalog(t))
	require.NoError(t, err)
	b, err := Go(shopCatalog(t))
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Contains(t, string(a), Header+"\n\npackage errcode\n")
}

func TestMarkdownGolden(t *testing.T) {
	golden(t, "shop_reference.md.golden", Markdown(shopCatalog(t)))
}

func TestEscape(t *testing.T) {
	assert.Equal(t, `a \| b &lt;c&gt;`, escape("a | b <c>"))
}
