package errcode_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// negotiateLines returns the language Negotiate picks for the field lines
// of Accept-Language and X-Language.
func negotiateLines(accept, xlang []string) string {
	h := http.Header{}
	if accept != nil {
		h["Accept-Language"] = accept
	}
	if xlang != nil {
		h["X-Language"] = xlang
	}
	return errcode.Negotiate(&http.Request{Header: h}).String()
}

func TestNegotiateReadsEveryFieldLine(t *testing.T) {
	for _, tt := range []struct {
		name          string
		accept, xlang []string
		want          string
	}{
		{"Accept-Language fr, then a line zh", []string{"fr", "zh"}, nil, "zh-CN"},
		{"the same as one line", []string{"fr, zh"}, nil, "zh-CN"},
		{"q-values across lines", []string{"en;q=0.5", "zh;q=0.9"}, nil, "zh-CN"},
		{"empty lines are skipped", []string{"", "zh", ""}, nil, "zh-CN"},
		{"X-Language: an empty line, then zh-cn", []string{"en"}, []string{"", "zh-cn"}, "zh-CN"},
		{"X-Language: a line naming no language, then zh_CN", []string{"en"}, []string{"fr", "zh_CN"}, "zh-CN"},
		{"X-Language: the first line that names one decides", nil, []string{"en_US", "zh-cn"}, "en-US"},
		{"X-Language ur: Accept-Language decides", []string{"zh-CN"}, []string{"ur"}, "zh-CN"},
		{"X-Language zh-TW, a low-confidence guess: Accept-Language decides", []string{"en"}, []string{"zh-TW"}, "en-US"},
		{"X-Language en-GB, a high-confidence match", []string{"zh"}, []string{"en-GB"}, "en-US"},
		{"X-Language ur alone: the default", nil, []string{"ur"}, "en-US"},
	} {
		assert.Equal(t, tt.want, negotiateLines(tt.accept, tt.xlang), tt.name)
		assert.Equal(t, tt.want, negotiateLines(tt.accept, tt.xlang), tt.name+", from the cache")
	}
}

// TestNegotiateCacheAdmitsNewValuesAfterAFlood checks that after 10,000
// distinct junk values, a new legitimate value is still cached: its second
// lookup allocates nothing.
func TestNegotiateCacheAdmitsNewValuesAfterAFlood(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	errcode.SetDefaultLanguage(errcode.DefaultLanguage()) // empty caches
	for i := range 10_000 {
		require.Equal(t, "en-US", negotiateLines([]string{fmt.Sprintf("de-DE,fr;q=0.%d", i)}, nil))
		require.Equal(t, "en-US", negotiateLines(nil, []string{fmt.Sprintf("x-%d", i)}))
	}
	for _, h := range []http.Header{
		{"Accept-Language": {"zh-Hant-TW,zh;q=0.8,en;q=0.5"}},
		{"Accept-Language": {"fr-CH", "zh;q=0.9"}},
		{"X-Language": {"zh-hans"}},
	} {
		r := &http.Request{Header: h}
		require.Equal(t, "zh-CN", errcode.Negotiate(r).String(), "%v", h)
		assert.Zero(t, testing.AllocsPerRun(100, func() { errcode.Negotiate(r) }), "%v: cached", h)
	}
}

func TestLanguagesAndDefault(t *testing.T) {
	assert.Equal(t, "[en-US zh-CN]", fmt.Sprint(errcode.Languages()))
	assert.Equal(t, "en-US", errcode.DefaultLanguage().String())
}
