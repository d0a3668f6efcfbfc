package releasetest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// WriteProxy packs each module from its directory, at its version, and
// writes it under dir in the layout of a module proxy
// (<escaped module path>/@v/list, <version>.info, .mod and .zip), so that
// GOPROXY=file://dir serves it. Subdirectories that hold a go.mod of their
// own are left out of a module's zip, as a proxy leaves them out.
func WriteProxy(dir string, mods []Module) error {
	for _, m := range mods {
		path, err := module.EscapePath(m.Path)
		if err != nil {
			return err
		}
		version, err := module.EscapeVersion(m.Version)
		if err != nil {
			return err
		}
		var zipped bytes.Buffer
		if err := zip.CreateFromDir(&zipped, module.Version{Path: m.Path, Version: m.Version}, m.Dir); err != nil {
			return err
		}
		gomod, err := os.ReadFile(filepath.Join(m.Dir, "go.mod"))
		if err != nil {
			return err
		}
		info, err := json.Marshal(struct {
			Version string
			Time    time.Time
		}{m.Version, time.Now().UTC().Truncate(time.Second)})
		if err != nil {
			return err
		}

		at := filepath.Join(dir, filepath.FromSlash(path), "@v")
		if err := os.MkdirAll(at, 0o777); err != nil {
			return err
		}
		for name, data := range map[string][]byte{
			"list":            []byte(m.Version + "\n"),
			version + ".info": info,
			version + ".mod":  gomod,
			version + ".zip":  zipped.Bytes(),
		} {
			if err := os.WriteFile(filepath.Join(at, name), data, 0o666); err != nil {
				return err
			}
		}
	}
	return nil
}
