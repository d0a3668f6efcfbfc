// Package fileout writes the files that the commands generate.
package fileout

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A File is a path to write and the data to write there.
type File struct {
	Path string
	Data []byte
}

// Write writes every file or none, each with permissions 0644. It refuses
// a path that exists and is not a regular file (a symlink such as
// /dev/stdout, a device such as /dev/null, a directory). On failure every
// path holds what it held before, no temporary file is left, and the error
// reads "PATH: cannot write: what is wrong".
func Write(files ...File) error {
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	staged := make([]string, len(files))
	olds := make([]string, len(files)) // copies of the old files; "" where there was none
	for i, f := range files {
		var err error
		if olds[i], err = keepOld(f.Path); err != nil {
			return cannotWrite(f.Path, err)
		}
		if olds[i] != "" {
			temps = append(temps, olds[i])
		}
		if staged[i], err = stage(f.Path, f.Data, 0o644); err != nil {
			return cannotWrite(f.Path, err)
		}
		temps = append(temps, staged[i])
	}
	for i, f := range files {
		if err := rename(staged[i], f.Path); err != nil {
			for j := i - 1; j >= 0; j-- {
				if olds[j] != "" {
					os.Rename(olds[j], files[j].Path)
				} else {
					os.Remove(files[j].Path)
				}
			}
			return cannotWrite(f.Path, err)
		}
	}
	return nil
}

// rename is os.Rename; a test makes it fail.
var rename = os.Rename

// stage writes data to a new temporary file with permissions perm in
// path's directory and returns its name.
func stage(path string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// keepOld stages a copy of the regular file at path and returns its name,
// or "" when path does not exist. Any other kind of file is refused.
func keepOld(path string) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", err
	case !fi.Mode().IsRegular():
		return "", errors.New("not a regular file")
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return stage(path, old, fi.Mode().Perm())
}

// cannotWrite returns the error of writing path, without the name of the
// temporary file or system call that err may carry.
func cannotWrite(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("%s: cannot write: %w", path, err)
}
