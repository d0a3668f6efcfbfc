package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workdir copies the spec fixture into a temporary directory and returns it
// with the arguments that generate a package from it.
func workdir(t *testing.T) (dir string, args []string) {
	t.Helper()
	dir = t.TempDir()
	for _, name := range []string{"shop-errors.en-US.txt", "shop-errors.zh-CN.txt", "names.txt", "retry.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "internal", "spec", "testdata", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	return dir, []string{"-o", p("shop_gen.go"), "-ref", p("reference.md"),
		"-names", p("names.txt"), "-retry", p("retry.txt"), p("shop-errors.en-US.txt"), p("shop-errors.zh-CN.txt")}
}

func TestRunWritesDeterministicOutput(t *testing.T) {
	dir, args := workdir(t)
	first := runGolden(t, dir, args)
	ref, err := os.ReadFile(filepath.Join(dir, "reference.md"))
	require.NoError(t, err)
	assert.Contains(t, string(ref), "| 404 | `shop.107002` | `ShopScenarioNotFound` | no | Scenario is not exists | 场景不存在 |")

	second := runGolden(t, dir, args)
	assert.Equal(t, first, second, "two runs give the same bytes")
	assertOnly(t, dir, "names.txt", "reference.md", "retry.txt", "shop-errors.en-US.txt", "shop-errors.zh-CN.txt", "shop_gen.go")
}

func TestRunLeavesOutputUntouchedOnError(t *testing.T) {
	dir, args := workdir(t)
	out, ref := filepath.Join(dir, "shop_gen.go"), filepath.Join(dir, "reference.md")
	require.NoError(t, os.WriteFile(out, []byte("old"), 0o644))
	require.NoError(t, os.WriteFile(ref, []byte("old ref"), 0o644))
	en := filepath.Join(dir, "shop-errors.en-US.txt")
	data, err := os.ReadFile(en)
	require.NoError(t, err)
	bad := strings.Replace(string(data), "404 | shop.107002", "4o4 | shop.107002", 1)
	bad = strings.Replace(bad, "429 | shop.202230", "429 | shop202230", 1)
	require.NoError(t, os.WriteFile(en, []byte(bad), 0o644))

	var stderr bytes.Buffer
	assert.Equal(t, 1, run(args, &stderr))
	assert.Equal(t, en+`:7: status "4o4" is not an HTTP error status (400 to 599)`+"\n"+
		en+`:14: code "shop202230" is not <service>.<digits>, such as octopus.107002`+"\n", stderr.String())
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	got, err = os.ReadFile(ref)
	require.NoError(t, err)
	assert.Equal(t, "old ref", string(got))
	assertOnly(t, dir, "names.txt", "reference.md", "retry.txt", "shop-errors.en-US.txt", "shop-errors.zh-CN.txt", "shop_gen.go")
}

func TestRunRejectsInputThatWouldDropRows(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want string // after the edition's path
	}{
		{"blank line inside a table",
			func(s string) string { return strings.Replace(s, "\n404 | shop.107002", "\n\n404 | shop.107002", 1) },
			":7: blank line inside the table at line 4"},
		{"prose inside a table",
			func(s string) string {
				return strings.Replace(s, "\n404 | shop.107002", "\nMore below.\n404 | shop.107002", 1)
			},
			":7: line inside the table at line 4 is not a row; end the table with a # heading"},
		{"no table",
			func(string) string { return "Shop error codes\r\rNone yet.\r" },
			":1: no table: a table is a header line, a |---| separator line and rows"},
		{"a table without rows",
			func(s string) string { return s[:strings.Index(s, "\n400 | shop.000003")+1] },
			":4: table has no rows"},
		{"status not an error",
			func(s string) string { return strings.Replace(s, "404 | shop.107002", "302 | shop.107002", 1) },
			`:7: status "302" is not an HTTP error status (400 to 599)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, args := workdir(t)
			en := filepath.Join(dir, "shop-errors.en-US.txt")
			data, err := os.ReadFile(en)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(en, []byte(tt.edit(string(data))), 0o644))
			var stderr bytes.Buffer
			assert.Equal(t, 1, run(args, &stderr))
			assert.Equal(t, en+tt.want+"\n", stderr.String())
			assertOnly(t, dir, "names.txt", "retry.txt", "shop-errors.en-US.txt", "shop-errors.zh-CN.txt")
		})
	}
}

func TestRunReadsEveryLineEnding(t *testing.T) {
	for name, eol := range map[string]string{"CRLF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			dir, args := workdir(t)
			for _, f := range []string{"shop-errors.en-US.txt", "shop-errors.zh-CN.txt", "names.txt", "retry.txt"} {
				path := filepath.Join(dir, f)
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(path, []byte(strings.ReplaceAll(string(data), "\n", eol)), 0o644))
			}
			runGolden(t, dir, args)
		})
	}
}

func TestRunRefusesToReplaceASymlink(t *testing.T) {
	dir, args := workdir(t)
	ref := filepath.Join(dir, "reference.md")
	require.NoError(t, os.Symlink("elsewhere.md", ref))
	var stderr bytes.Buffer
	assert.Equal(t, 1, run(args, &stderr))
	assert.Equal(t, ref+": cannot write: not a regular file\n", stderr.String())
	assert.NoFileExists(t, filepath.Join(dir, "shop_gen.go"))
	assertOnly(t, dir, "names.txt", "reference.md", "retry.txt", "shop-errors.en-US.txt", "shop-errors.zh-CN.txt")
}

func TestRunUsage(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, run(nil, &stderr))
	assert.Contains(t, stderr.String(), "usage: errcodegen [flags] EDITION...")
	stderr.Reset()
	assert.Equal(t, 2, run([]string{"-nope"}, &stderr))
	assert.Contains(t, stderr.String(), "flag provided but not defined: -nope")
	stderr.Reset()
	assert.Equal(t, 1, run([]string{"missing.en-US.txt"}, &stderr))
	assert.Contains(t, stderr.String(), "open missing.en-US.txt: no such file or directory")
}

// assertOnly asserts that dir holds exactly the files names: no temporary
// file is left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.Equal(t, names, got)
}

// runGolden runs the generator with args, which write dir/shop_gen.go,
// checks that it succeeds silently and writes the golden file, and returns
// what it wrote.
func runGolden(t *testing.T, dir string, args []string) []byte {
	t.Helper()
	var stderr bytes.Buffer
	require.Equal(t, 0, run(args, &stderr), stderr.String())
	assert.Empty(t, stderr.String())
	got, err := os.ReadFile(filepath.Join(dir, "shop_gen.go"))
	require.NoError(t, err)
	golden, err := os.ReadFile(filepath.Join("..", "..", "internal", "gen", "testdata", "shop_gen.go.golden"))
	require.NoError(t, err)
	assert.Equal(t, string(golden), string(got))
	return got
}
