package releasetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The consumer's program: what a user of errgrpc writes first.
const consumerMain = `package main

import (
	"context"
	"fmt"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
)

func main() {
	st := errgrpc.Status(context.Background(), errcode.ScenarioNotFound)
	fmt.Println(st.Code(), st.Message())
}
`

// The importable modules, packed into a module proxy in a directory, install
// offline in a module outside the repository, and each is tidy.
func TestPublished(t *testing.T) {
	mods, env := publish(t)
	t.Run("a consumer gets them and runs a program", func(t *testing.T) { consume(t, mods, env) })
	t.Run("each is tidy", func(t *testing.T) { tidy(t, mods, env) })
}

// consume gets every importable module at its version from the packed
// proxy into a module outside the repository, as a user would from the real
// one, and runs a program that calls errgrpc.Status.
func consume(t *testing.T, mods []Module, env []string) {
	consumer := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(consumer, "go.mod"), []byte("module example.com/consumer\n\ngo 1.26.0\n"), 0o666))
	require.NoError(t, os.WriteFile(filepath.Join(consumer, "main.go"), []byte(consumerMain), 0o666))

	get := []string{"get"}
	for _, m := range mods {
		get = append(get, m.Path+"@"+m.Version)
	}
	run(t, consumer, env, get...)
	assert.Equal(t, "NotFound Scenario is not exists\n", run(t, consumer, env, "run", "."))

	gomod, err := os.ReadFile(filepath.Join(consumer, "go.mod"))
	require.NoError(t, err)
	for _, m := range mods {
		assert.Contains(t, string(gomod), m.Path+" "+m.Version, "the consumer requires each module at its version")
	}
}

// tidy checks that outside the workspace each importable module is tidy once
// the packed proxy serves its siblings: go mod tidy would only add the go.sum
// lines of the siblings' versions, which cannot exist before they are
// published.
func tidy(t *testing.T, mods []Module, env []string) {
	var allowed []string // the go.sum lines of the siblings' versions
	for _, m := range mods {
		allowed = append(allowed, "+"+m.Path+" "+m.Version+" h1:", "+"+m.Path+" "+m.Version+"/go.mod h1:")
	}
	for _, m := range mods {
		cmd := exec.Command("go", "mod", "tidy", "-diff")
		cmd.Dir, cmd.Env = m.Dir, env
		out, err := cmd.CombinedOutput()
		if err == nil {
			continue
		}
		changes := 0
		for _, line := range strings.Split(string(out), "\n") {
			if !strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "-") ||
				strings.HasPrefix(line, "+++ ") || strings.HasPrefix(line, "--- ") {
				continue
			}
			changes++
			assert.True(t, slices.ContainsFunc(allowed, func(p string) bool { return strings.HasPrefix(line, p) }),
				"%s: go mod tidy would change %q; only a sibling's go.sum lines may be missing", m.Dir, line)
		}
		assert.NotZero(t, changes, "go mod tidy -diff in %s: %v\n%s", m.Dir, err, out)
	}
}

// publish packs the importable modules into a module proxy in a temporary
// directory and returns them with the environment of a go command that
// resolves modules offline: ours from that proxy, all others from the
// download cache of the module cache, in a module cache of its own so that
// the packed versions never enter the real one.
func publish(t *testing.T) ([]Module, []string) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	mods, err := Importable(root)
	require.NoError(t, err)

	// Into the real module cache, if not there yet: what the workspace's
	// packages import, and what their tests and their dependencies' tests
	// import (go mod tidy loads those too).
	workspace := append(os.Environ(), "GOWORK="+filepath.Join(root, "go.work"))
	run(t, root, workspace, "list", "-deps", "-test", "all")
	cache := strings.TrimSpace(run(t, root, workspace, "env", "GOMODCACHE"))

	proxy := t.TempDir()
	require.NoError(t, WriteProxy(proxy, mods))
	env := append(os.Environ(),
		"GOENV=off", // no setting from the user's go env file, such as GOPRIVATE
		"GOWORK=off",
		"GOPROXY=file://"+proxy+",file://"+filepath.Join(cache, "cache", "download"),
		"GOPRIVATE=", "GONOPROXY=", "GOSUMDB=off", // the packed versions are in no checksum database
		"GOMODCACHE="+t.TempDir(),
		// -modcacherw, so that the temporary module cache can be removed;
		// -trimpath, so that builds do not depend on its directory and the
		// build cache serves them the next time.
		"GOFLAGS=-modcacherw -trimpath",
		"GOTOOLCHAIN=local",
	)
	return mods, env
}

// run runs the go command with args in dir and returns its standard output.
func run(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "go %s in %s:\n%s", strings.Join(args, " "), dir, stderr.String())
	return string(out)
}
