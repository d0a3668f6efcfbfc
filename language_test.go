package errcode_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestNegotiateReadsEveryFieldLine(t *testing.T) {
	for _, tt := range []struct {
		name   string
		header http.Header
		want   string
	}{
		{"Accept-Language fr, then a line zh", http.Header{"Accept-Language": {"fr", "zh"}}, "zh-CN"},
		{"the same as one line", http.Header{"Accept-Language": {"fr, zh"}}, "zh-CN"},
		{"q-values across lines", http.Header{"Accept-Language": {"en;q=0.5", "zh;q=0.9"}}, "zh-CN"},
		{"empty lines are skipped", http.Header{"Accept-Language": {"", "zh", ""}}, "zh-CN"},
		{"X-Language: an empty line, then zh-cn", http.Header{"Accept-Language": {"en"}, "X-Language": {"", "zh-cn"}}, "zh-CN"},
		{"X-Language: a line naming no language, then zh_CN", http.Header{"Accept-Language": {"en"}, "X-Language": {"fr", "zh_CN"}}, "zh-CN"},
		{"X-Language: the first line that names one decides", http.Header{"X-Language": {"en_US", "zh-cn"}}, "en-US"},
		{"X-Language ur: Accept-Language decides", http.Header{"Accept-Language": {"zh-CN"}, "X-Language": {"ur"}}, "zh-CN"},
		{"X-Language zh-TW, a low-confidence guess: Accept-Language decides", http.Header{"Accept-Language": {"en"}, "X-Language": {"zh-TW"}}, "en-US"},
		{"X-Language en-GB, a high-confidence match", http.Header{"Accept-Language": {"zh"}, "X-Language": {"en-GB"}}, "en-US"},
		{"X-Language ur alone: the default", http.Header{"X-Language": {"ur"}}, "en-US"},
	} {
		assert.Equal(t, tt.want, negotiate(tt.header).String(), tt.name)
		assert.Equal(t, tt.want, negotiate(tt.header).String(), tt.name+", from the cache")
	}
}

// TestNegotiateCacheAdmitsNewValuesAfterAFlood checks that after 10,000
// distinct junk values, a new legitimate value is still cached: its second
// lookup allocates nothing.
func TestNegotiateCacheAdmitsNewValuesAfterAFlood(t *testing.T) {
	skipUnderRace(t)
	flood(t, 10_000)
	for _, h := range []http.Header{
		{"Accept-Language": {"zh-Hant-TW,zh;q=0.8,en;q=0.5"}},
		{"Accept-Language": {"fr-CH", "zh;q=0.9"}},
		{"X-Language": {"zh-hans"}},
	} {
		r := &http.Request{Header: h}
		require.Equal(t, zhCN, errcode.Negotiate(r.Header), "%v", h)
		assert.Zero(t, allocs(t, func() { errcode.Negotiate(r.Header) }), "%v: cached", h)
	}
}

func TestLanguagesAndDefault(t *testing.T) {
	assert.Equal(t, "[en-US zh-CN]", fmt.Sprint(errcode.Languages()))
	assert.Equal(t, "en-US", errcode.DefaultLanguage().String())
}

// flood gives the negotiator fresh caches, until the test ends, and fills
// them with n distinct values of each header that name no catalog
// language.
func flood(t *testing.T, n int) {
	t.Helper()
	errcode.SetDefaultLanguage(errcode.DefaultLanguage())
	t.Cleanup(func() { errcode.SetDefaultLanguage(errcode.DefaultLanguage()) })
	for i := range n {
		require.Equal(t, errcode.DefaultLanguage(), negotiate(header("Accept-Language", fmt.Sprintf("de-DE,fr;q=0.%d", i))))
		require.Equal(t, errcode.DefaultLanguage(), negotiate(header("X-Language", fmt.Sprintf("x-%d", i))))
	}
}

// TestNothingNegotiatedAtInit checks that importing the package parses no
// language tag and builds no matcher or cache: a program that only
// compares codes never pays for negotiation.
func TestNothingNegotiatedAtInit(t *testing.T) {
	assert.False(t, builtAtInit, "the negotiator was built at init")
}

func TestAllocsNegotiate(t *testing.T) {
	for _, tc := range negotiationCases {
		t.Run(tc.name, func(t *testing.T) {
			r := request(header(tc.header, tc.value))
			assert.Zero(t, allocs(t, func() { errcode.Negotiate(r.Header) }))
		})
	}
}

// TestAllocsNegotiateAfterFlood checks that common headers stay free
// after a flood of distinct Accept-Language values has filled the cache.
func TestAllocsNegotiateAfterFlood(t *testing.T) {
	skipUnderRace(t)
	flood(t, 1000)
	for _, tc := range negotiationCases {
		r := request(header(tc.header, tc.value))
		assert.Zero(t, allocs(t, func() { errcode.Negotiate(r.Header) }), tc.name)
	}
}

func TestSetDefaultLanguage(t *testing.T) {
	t.Cleanup(func() { errcode.SetDefaultLanguage(language.English) })
	errcode.SetDefaultLanguage(language.Chinese)
	assert.Equal(t, language.MustParse("zh-CN"), errcode.DefaultLanguage())

	w := httptest.NewRecorder()
	errcode.Write(w, errcode.ScenarioNotFound)
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"场景不存在"}`, w.Body.String(), "outside Localize")
	w = serve(http.Header{"Accept-Language": {"fr"}}, notFound)
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"场景不存在"}`, w.Body.String(), "no match")
	w = serve(http.Header{"Accept-Language": {"en-GB"}}, notFound)
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, w.Body.String())

	errcode.SetDefaultLanguage(language.Japanese)
	assert.Equal(t, language.MustParse("zh-CN"), errcode.DefaultLanguage(), "a language the catalog lacks leaves the default")
	errcode.SetDefaultLanguage(language.English)
	assert.Equal(t, language.MustParse("en-US"), errcode.DefaultLanguage())
	assert.Equal(t, []language.Tag{language.MustParse("en-US"), language.MustParse("zh-CN")}, errcode.Languages())
}
