package errcode

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/octopus-go/errcode/internal/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// placeholderRE is the placeholder rule written another way: the oracle
// for the renderer of internal/wire.
var placeholderRE = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// wantBody is the body encoding/json writes for code and text with its
// placeholders filled, a placeholder without a value as its bare name: the
// oracle for Write's bodies.
func wantBody(t *testing.T, code, text string, params []string) string {
	msg := placeholderRE.ReplaceAllStringFunc(text, func(p string) string {
		name := p[1 : len(p)-1]
		v, ok := param(params, name)
		if !ok {
			return name
		}
		if len(v) > maxParamBytes {
			n := maxParamBytes
			for n > 0 && !utf8.RuneStart(v[n]) {
				n--
			}
			return v[:n] + "…"
		}
		return v
	})
	b, err := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{code, msg})
	require.NoError(t, err)
	return string(b)
}

// TestBodiesMatchEncodingJSON checks that Write's bodies, generated and
// rendered with values, are the bodies encoding/json writes, for every row
// and language.
func TestBodiesMatchEncodingJSON(t *testing.T) {
	long := strings.Repeat("é", 100) + "<&>\"\u2028\x00\xff"
	paramSets := [][]string{
		nil,
		{"key", "name", "value", "x"},
		{"key", "a\"b<c>&\\\n", "value", long},
		{"key", "1", "key", "2", "", "empty name"},
		{"value", strings.Repeat("v", 200), "name", "\xe4\xb8", "id", "\u2029"},
	}
	for c := Code(1); c.valid(); c++ {
		r := &rows[c]
		// Every placeholder of the row, with a value.
		var all []string
		for _, name := range r.placeholders {
			all = append(all, name, "<"+name+">")
		}
		for l := range numLanguages {
			require.Equal(t, wantBody(t, r.code, r.message[l], nil), bodies[c][l], "generated body of %s in language %d", c.Name(), l)
			for _, params := range append(paramSets, all) {
				got := appendBody(nil, c, l, params)
				require.Equal(t, wantBody(t, r.code, r.message[l], params), string(got), "%s in language %d, params %q", c.Name(), l, params)
			}
		}
	}
}

func TestMaxParamBytesIsTheRenderersLimit(t *testing.T) {
	assert.Equal(t, wire.MaxValueBytes, maxParamBytes)
}
