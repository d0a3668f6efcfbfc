package releasetest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	core    = "github.com/octopus-go/errcode"
	errgrpc = "github.com/octopus-go/errcode/errgrpc"
)

func TestImportableOfTheRepository(t *testing.T) {
	mods, err := Importable(filepath.Join("..", ".."))
	require.NoError(t, err)
	var paths []string
	for _, m := range mods {
		paths = append(paths, m.Path)
	}
	assert.Subset(t, paths, []string{core, errgrpc})
}

func TestCheckGoMod(t *testing.T) {
	const head = "module github.com/octopus-go/errcode/errgrpc\n\ngo 1.26.0\n\n"
	siblings := []string{core, errgrpc}
	released := []string{"v0.2.0", "v0.1.0"}
	for _, tt := range []struct{ name, gomod, err string }{
		{"a release", "require github.com/octopus-go/errcode v0.1.0\n", ""},
		{"a third-party module at a pseudo-version", "require golang.org/x/text v0.0.0-20250101000000-0123456789ab\n", ""},
		{
			"a replace",
			"require github.com/octopus-go/errcode v0.1.0\n\nreplace github.com/octopus-go/errcode => ../\n",
			"errgrpc/go.mod:7: replace github.com/octopus-go/errcode: a published go.mod must have no replace directive",
		},
		{
			"a replace of one version",
			"require github.com/octopus-go/errcode v0.1.0\n\nreplace github.com/octopus-go/errcode v0.1.0 => ../\n",
			"errgrpc/go.mod:7: replace github.com/octopus-go/errcode: a published go.mod must have no replace directive",
		},
		{
			"a replace of a third-party module",
			"require golang.org/x/text v0.44.0\n\nreplace golang.org/x/text => ../text\n",
			"errgrpc/go.mod:7: replace golang.org/x/text: a published go.mod must have no replace directive",
		},
		{
			"the version no proxy serves",
			"require github.com/octopus-go/errcode v0.0.0-00010101000000-000000000000\n",
			"errgrpc/go.mod:5: requires github.com/octopus-go/errcode v0.0.0-00010101000000-000000000000, a pseudo-version",
		},
		{
			"a version not released",
			"require github.com/octopus-go/errcode v0.3.0\n",
			"errgrpc/go.mod:5: requires github.com/octopus-go/errcode v0.3.0, a version CHANGELOG.md does not name",
		},
		{
			"a major version the path does not have",
			"require github.com/octopus-go/errcode v2.0.0\n",
			`errgrpc/go.mod:5: require github.com/octopus-go/errcode: version "v2.0.0" invalid`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			required, err := CheckGoMod("errgrpc/go.mod", []byte(head+tt.gomod), siblings, released)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			assert.NotContains(t, required, errgrpc)
		})
	}
}

func TestImportableVersions(t *testing.T) {
	root := repository(t, map[string]string{
		"go.work":      "go 1.26.0\n\nuse (\n\t.\n\t./a\n\t./b\n)\n",
		"CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n## [0.1.0] - 2026-11-30\n",
		"go.mod":       "module example.com/m\n\ngo 1.26.0\n",
		"a/go.mod":     "module example.com/m/a\n\ngo 1.26.0\n\nrequire example.com/m v0.1.0\n",
		"b/go.mod":     "module example.com/m/b\n\ngo 1.26.0\n\nrequire (\n\texample.com/m v0.1.0\n\texample.com/m/a v0.2.0\n)\n",
	})
	mods, err := Importable(root)
	require.NoError(t, err)
	assert.Equal(t, []Module{
		{Dir: root, Path: "example.com/m", Version: "v0.1.0"},
		{Dir: filepath.Join(root, "a"), Path: "example.com/m/a", Version: "v0.2.0"},
		{Dir: filepath.Join(root, "b"), Path: "example.com/m/b", Version: "v0.2.0"},
	}, mods)
}

func TestImportableSiblingsDisagree(t *testing.T) {
	root := repository(t, map[string]string{
		"go.work":      "go 1.26.0\n\nuse (\n\t.\n\t./a\n\t./b\n)\n",
		"CHANGELOG.md": "## [0.2.0] - 2026-12-01\n\n## [0.1.0] - 2026-11-30\n",
		"go.mod":       "module example.com/m\n\ngo 1.26.0\n",
		"a/go.mod":     "module example.com/m/a\n\ngo 1.26.0\n\nrequire example.com/m v0.1.0\n",
		"b/go.mod":     "module example.com/m/b\n\ngo 1.26.0\n\nrequire example.com/m v0.2.0\n",
	})
	_, err := Importable(root)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b/go.mod: requires example.com/m v0.2.0, but a/go.mod requires v0.1.0")
}

func TestReleases(t *testing.T) {
	changelog := "# Changelog\n\n## [Unreleased]\n\n### Added\n\n## [1.0.0-rc.1] - 2027-01-01\n\n## [0.1.0] - 2026-11-30\n\n[0.1.0]: https://example.com\n"
	assert.Equal(t, []string{"v1.0.0-rc.1", "v0.1.0"}, Releases([]byte(changelog)))
	assert.Empty(t, Releases([]byte("# Changelog\n\n## [Unreleased]\n")))
}

// repository writes files into a temporary directory and returns it.
func repository(t *testing.T, files map[string]string) string {
	root := t.TempDir()
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o777))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o666))
	}
	return root
}
