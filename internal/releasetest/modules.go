package releasetest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// A Module is an importable module of the repository, at the version a
// release publishes it.
type Module struct {
	Dir     string // its directory
	Path    string // its module path
	Version string // the version its siblings require, else the newest release
}

// Importable reads the modules that the go.work of the repository at root
// uses, in go.work's order, and checks each go.mod with CheckGoMod. A
// module's Version is the one its siblings require; a module no sibling
// requires is at the newest release that CHANGELOG.md names.
func Importable(root string) ([]Module, error) {
	work, err := os.ReadFile(filepath.Join(root, "go.work"))
	if err != nil {
		return nil, err
	}
	wf, err := modfile.ParseWork("go.work", work, nil)
	if err != nil {
		return nil, err
	}
	changelog, err := os.ReadFile(filepath.Join(root, "CHANGELOG.md"))
	if err != nil {
		return nil, err
	}
	released := Releases(changelog)
	if len(released) == 0 {
		return nil, errors.New("CHANGELOG.md: no release heading such as ## [0.1.0] - 2026-11-30")
	}

	var mods []Module
	var paths []string
	names := map[string]string{} // module path: its go.mod's name in the repository
	gomods := map[string][]byte{}
	for _, u := range wf.Use {
		dir := filepath.Join(root, u.Path)
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err != nil {
			return nil, err
		}
		path := modfile.ModulePath(data)
		if path == "" {
			return nil, fmt.Errorf("%s: no module path", filepath.Join(u.Path, "go.mod"))
		}
		mods = append(mods, Module{Dir: dir, Path: path})
		paths = append(paths, path)
		names[path] = filepath.ToSlash(filepath.Join(u.Path, "go.mod"))
		gomods[path] = data
	}

	var errs []error
	version := map[string]string{} // module path: the version siblings require
	by := map[string]string{}      // module path: the go.mod that first requires it
	for _, m := range mods {
		required, err := CheckGoMod(names[m.Path], gomods[m.Path], paths, released)
		errs = append(errs, err)
		for path, v := range required {
			if w, ok := version[path]; ok && w != v {
				errs = append(errs, fmt.Errorf("%s: requires %s %s, but %s requires %s: siblings must agree on one version",
					names[m.Path], path, v, by[path], w))
				continue
			}
			version[path], by[path] = v, names[m.Path]
		}
	}
	for i := range mods {
		mods[i].Version = version[mods[i].Path]
		if mods[i].Version == "" {
			mods[i].Version = released[0]
		}
	}
	return mods, errors.Join(errs...)
}

// CheckGoMod checks the go.mod file name, data, of an importable module:
// it must have no replace directive (a user's build ignores it), and it may
// require a sibling (one of the module paths siblings) only at a
// release that CHANGELOG.md names, one of released, since that is a version
// a module proxy can serve. It returns the sibling requirements, module path
// to version, and one "file:line: what is wrong" error for each problem.
func CheckGoMod(name string, data []byte, siblings, released []string) (map[string]string, error) {
	f, err := modfile.Parse(name, data, nil)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, r := range f.Replace {
		errs = append(errs, fmt.Errorf("%s:%d: replace %s: a published go.mod must have no replace directive (a user's build ignores it; go.work joins the modules for development)",
			name, r.Syntax.Start.Line, r.Old.Path))
	}
	required := map[string]string{}
	for _, r := range f.Require {
		path, v := r.Mod.Path, r.Mod.Version
		if !slices.Contains(siblings, path) {
			continue
		}
		required[path] = v
		at := fmt.Sprintf("%s:%d: requires %s %s", name, r.Syntax.Start.Line, path, v)
		switch {
		case module.IsPseudoVersion(v):
			errs = append(errs, fmt.Errorf("%s, a pseudo-version: require a release of the sibling, which a module proxy can serve", at))
		case !slices.Contains(released, v):
			errs = append(errs, fmt.Errorf("%s, a version CHANGELOG.md does not name (it names %v)", at, released))
		}
	}
	return required, errors.Join(errs...)
}

var heading = regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]`)

// Releases returns the versions of the release headings of a changelog in
// the form of Keep a Changelog, "## [0.1.0] - 2026-11-30", newest first, as
// tags name them: v0.1.0.
func Releases(changelog []byte) []string {
	var vs []string
	for _, m := range heading.FindAllSubmatch(changelog, -1) {
		vs = append(vs, "v"+string(m[1]))
	}
	return vs
}
