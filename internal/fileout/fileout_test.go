package fileout

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	require.NoError(t, os.WriteFile(a, []byte("old a"), 0o600))

	require.NoError(t, Write(File{a, []byte("new a")}, File{b, []byte("new b")}))
	assertFile(t, a, "new a", 0o644)
	assertFile(t, b, "new b", 0o644)
	assertOnly(t, dir, "a", "b")
}

// TestWriteRefusesNotRegular checks that Write refuses a symlink, a device
// and a directory, leaves each as it was, and writes no other file.
func TestWriteRefusesNotRegular(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	require.NoError(t, os.WriteFile(target, []byte("old"), 0o644))
	toFile := filepath.Join(dir, "to-file")
	require.NoError(t, os.Symlink(target, toFile))
	toDevice := filepath.Join(dir, "to-device")
	require.NoError(t, os.Symlink(os.DevNull, toDevice))
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.MkdirAll(filepath.Join(sub, "inside"), 0o755))
	first := filepath.Join(dir, "first")

	for _, path := range []string{toFile, toDevice, os.DevNull, sub} {
		before, err := os.Lstat(path)
		require.NoError(t, err)
		err = Write(File{first, []byte("new")}, File{path, []byte("new")})
		assert.EqualError(t, err, path+": cannot write: not a regular file")
		after, err := os.Lstat(path)
		require.NoError(t, err)
		assert.Equal(t, before.Mode(), after.Mode(), path)
	}
	assertFile(t, target, "old", 0o644)
	link, err := os.Readlink(toFile)
	require.NoError(t, err)
	assert.Equal(t, target, link)
	assert.DirExists(t, filepath.Join(sub, "inside"))
	assertOnly(t, dir, "sub", "target", "to-device", "to-file")
}

// TestWriteRestoresOnFailure makes the rename of the third file fail: the
// first is put back with its permissions, the second, new, is removed.
func TestWriteRestoresOnFailure(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")
	require.NoError(t, os.WriteFile(a, []byte("old a"), 0o600))
	require.NoError(t, os.WriteFile(c, []byte("old c"), 0o644))
	rename = func(oldpath, newpath string) error {
		if newpath == c {
			return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EXDEV}
		}
		return os.Rename(oldpath, newpath)
	}
	t.Cleanup(func() { rename = os.Rename })

	err := Write(File{a, []byte("new a")}, File{b, []byte("new b")}, File{c, []byte("new c")})
	assert.EqualError(t, err, c+": cannot write: invalid cross-device link")
	assert.ErrorIs(t, err, syscall.EXDEV)
	assertFile(t, a, "old a", 0o600)
	assert.NoFileExists(t, b)
	assertFile(t, c, "old c", 0o644)
	assertOnly(t, dir, "a", "c")
}

// TestWriteStageFailure checks that a file that cannot be staged, its
// directory missing, stops Write before it changes any path.
func TestWriteStageFailure(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	require.NoError(t, os.WriteFile(a, []byte("old a"), 0o644))
	missing := filepath.Join(dir, "no", "such", "dir", "b")

	err := Write(File{a, []byte("new a")}, File{missing, []byte("new b")})
	assert.EqualError(t, err, missing+": cannot write: no such file or directory")
	assertFile(t, a, "old a", 0o644)
	assertOnly(t, dir, "a")
}

// assertFile asserts that path is a regular file holding data with
// permissions perm.
func assertFile(t *testing.T, path, data string, perm os.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, data, string(got), path)
	fi, err := os.Lstat(path)
	require.NoError(t, err)
	assert.Equal(t, perm, fi.Mode(), path)
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
