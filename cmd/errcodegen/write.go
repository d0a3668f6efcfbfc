package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// An output is a file to write and its content.
type output struct {
	path string
	data []byte
}

// writeAll writes every output or none. It stages each output, and a copy
// of the file it replaces, in temporary files beside its path; then it
// renames the outputs into place one by one. If a rename fails, it puts
// back what each path held before (the old file, or no file) and returns
// the failure. It leaves no temporary file behind.
func writeAll(outputs []output) error {
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	staged := make([]string, len(outputs))
	olds := make([]string, len(outputs)) // copies of the old files; "" where there was none
	for i, o := range outputs {
		var err error
		if staged[i], err = stage(o.path, o.data, 0o644); err != nil {
			return err
		}
		temps = append(temps, staged[i])
		if olds[i], err = keepOld(o.path); err != nil {
			return err
		}
		if olds[i] != "" {
			temps = append(temps, olds[i])
		}
	}
	for i, o := range outputs {
		if err := os.Rename(staged[i], o.path); err != nil {
			for j := i - 1; j >= 0; j-- {
				if olds[j] != "" {
					os.Rename(olds[j], outputs[j].path)
				} else {
					os.Remove(outputs[j].path)
				}
			}
			var le *os.LinkError
			if errors.As(err, &le) {
				err = le.Err
			}
			return fmt.Errorf("%s: cannot write: %v", o.path, err)
		}
	}
	return nil
}

// stage writes data to a new temporary file with permissions perm in
// path's directory and returns its name.
func stage(path string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".errcodegen-*")
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
// or "" when path does not exist or is a directory (which the rename into
// place will refuse). Any other kind of file is an error: writeAll could
// not put it back.
func keepOld(path string) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) || err == nil && fi.IsDir():
		return "", nil
	case err != nil:
		return "", err
	case !fi.Mode().IsRegular():
		return "", fmt.Errorf("%s: cannot write: not a regular file", path)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return stage(path, old, fi.Mode().Perm())
}
