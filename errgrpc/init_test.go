package errgrpc_test

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The package does no work at init: importing it costs a service almost
// nothing until a call fails. GODEBUG=inittrace=1 reports the allocations
// of each package's initialization.
func TestNoWorkAtInit(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	m := regexp.MustCompile(`(?m)^init github\.com/octopus-go/errcode/errgrpc @.* (\d+) bytes, (\d+) allocs$`).FindSubmatch(out)
	require.NotNil(t, m, "%s", out)
	allocs, err := strconv.Atoi(string(m[2]))
	require.NoError(t, err)
	assert.Less(t, allocs, 50, "%s", m[0])
}
