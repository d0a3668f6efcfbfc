package errcode_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestNegotiateReadsTheFieldLines(t *testing.T) {
	for _, tt := range []struct {
		name   string
		header http.Header
		want   string
	}{
		{"no header: English", http.Header{}, "en-US"},
		{"Accept-Language fr, then a line zh", http.Header{"Accept-Language": {"fr", "zh"}}, "zh-CN"},
		{"the same as one line", http.Header{"Accept-Language": {"fr, zh"}}, "zh-CN"},
		{"q-values across lines", http.Header{"Accept-Language": {"en;q=0.5", "zh;q=0.9"}}, "zh-CN"},
		{"empty lines are skipped", http.Header{"Accept-Language": {"", "zh", ""}}, "zh-CN"},
		{"X-Language: an empty line, then zh-cn", http.Header{"Accept-Language": {"en"}, "X-Language": {"", "zh-cn"}}, "zh-CN"},
		{"X-Language: a line naming no language, then zh_CN", http.Header{"Accept-Language": {"en"}, "X-Language": {"fr", "zh_CN"}}, "zh-CN"},
		{"X-Language: a line x/text cannot parse, then zh-Hans", http.Header{"Accept-Language": {"en"}, "X-Language": {"zh-?", "zh-Hans"}}, "zh-CN"},
		{"X-Language: a line too long, then zh-Hans", http.Header{"Accept-Language": {"en"}, "X-Language": {tagOfLength("en", 300), "zh-Hans"}}, "zh-CN"},
		{"X-Language zh_Hans, not a common value: _ read as -", http.Header{"Accept-Language": {"en"}, "X-Language": {"zh_Hans"}}, "zh-CN"},
		{"X-Language en_GB", http.Header{"Accept-Language": {"zh"}, "X-Language": {"en_GB"}}, "en-US"},
		{"X-Language: the first line that names one decides", http.Header{"X-Language": {"en_US", "zh-cn"}}, "en-US"},
		{"X-Language ur: Accept-Language decides", http.Header{"Accept-Language": {"zh-CN"}, "X-Language": {"ur"}}, "zh-CN"},
		{"X-Language zh-TW, a low-confidence guess: Accept-Language decides", http.Header{"Accept-Language": {"en"}, "X-Language": {"zh-TW"}}, "en-US"},
		{"X-Language en-GB, a high-confidence match", http.Header{"Accept-Language": {"zh"}, "X-Language": {"en-GB"}}, "en-US"},
		{"X-Language ur alone: the default", http.Header{"X-Language": {"ur"}}, "en-US"},
	} {
		assert.Equal(t, tt.want, negotiate(tt.header).String(), tt.name)
	}
}

func TestNegotiateAgreesWithXText(t *testing.T) {
	for _, accept := range []string{"zh-CN,zh;q=0.9,en;q=0.8", "en-US,en;q=0.9", "fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5", "zh-Hant-TW", "zh-TW", "ja, zh;q=0.1", "*", "en;q=0, zh;q=0.1"} {
		assert.Equal(t, errcode.Languages()[xtextChoice(accept, "")], negotiate(header("Accept-Language", accept)), accept)
	}
	for _, x := range []string{"zh-cn", "zh_CN", "zh-Hans", "zh_Hans", "en_US", "en-GB", "en_gb", "zh-TW", "zh_TW", "ur", "fr"} {
		for _, accept := range []string{"", "en", "zh"} {
			assert.Equal(t, errcode.Languages()[xtextChoice(accept, x)], negotiate(header("Accept-Language", accept, "X-Language", x)), "%s, Accept-Language %q", x, accept)
		}
	}
}

func TestNegotiateReadsABoundedPart(t *testing.T) {
	filler := strings.Repeat("fr;q=0.1, ", errcode.MaxLanguageBytes/10+1)
	assert.Equal(t, "en-US", negotiate(header("Accept-Language", filler+"zh")).String(), "an entry past the bound is not read")
	assert.Equal(t, "zh-CN", negotiate(header("Accept-Language", filler[:70]+"zh")).String(), "the eighth entry is read")
	assert.Equal(t, "en-US", negotiate(header("Accept-Language", filler[:80]+"zh")).String(), "the ninth entry is not")
	lines := make([]string, errcode.MaxLanguageLines, errcode.MaxLanguageLines+1)
	for i := range lines {
		lines[i] = "fr"
	}
	assert.Equal(t, "en-US", negotiate(http.Header{"Accept-Language": append(lines, "zh")}).String(), "a line past the bound is not read")
	assert.Equal(t, "zh-CN", negotiate(http.Header{"Accept-Language": append(lines[1:], "zh")}).String())
	assert.Equal(t, "en-US", negotiate(http.Header{"Accept-Language": {"en"}, "X-Language": append(lines, "zh-cn")}).String())
	assert.Equal(t, "zh-CN", negotiate(http.Header{"Accept-Language": {"en"}, "X-Language": append(lines[1:], "zh-cn")}).String())
}

// tagOfLength returns a language tag of n bytes, n at least 6: prefix, a
// language, then private-use subtags.
func tagOfLength(prefix string, n int) string {
	s := prefix + "-x"
	for n-len(s) >= 11 {
		s += "-abcdefgh"
	}
	if r := n - len(s); r == 10 {
		s += "-abcd-abcd"
	} else if r >= 2 {
		s += "-" + strings.Repeat("z", r-1)
	}
	return s
}

// TestNegotiateReadsUpToTheByteBound checks each bound at its edge: 256
// bytes are read, 257 are not.
func TestNegotiateReadsUpToTheByteBound(t *testing.T) {
	m := language.NewMatcher(errcode.Languages())
	for n, want := range map[int]string{errcode.MaxLanguageBytes: "zh-CN", errcode.MaxLanguageBytes + 1: "en-US"} {
		x := tagOfLength("zh", n)
		require.Len(t, x, n)
		_, i, conf := m.Match(language.MustParse(x))
		require.Equal(t, "zh-CN", errcode.Languages()[i].String(), "x/text reads %d bytes of X-Language as Chinese", n)
		require.GreaterOrEqual(t, conf, language.High)
		assert.Equal(t, want, negotiate(http.Header{"Accept-Language": {"en"}, "X-Language": {x}}).String(), "X-Language of %d bytes", n)

		accept := tagOfLength("fr", n-len(";q=0.1, zh")) + ";q=0.1, zh"
		require.Len(t, accept, n)
		_, i = language.MatchStrings(m, accept)
		require.Equal(t, "zh-CN", errcode.Languages()[i].String(), "x/text reads %d bytes of Accept-Language as Chinese", n)
		assert.Equal(t, want, negotiate(header("Accept-Language", accept)).String(), "Accept-Language of %d bytes, zh last", n)
	}
}

// TestNegotiateCountsEntriesAcrossLines checks that the eight entries
// Negotiate reads of Accept-Language are counted across its field lines
// as in one list.
func TestNegotiateCountsEntriesAcrossLines(t *testing.T) {
	m := language.NewMatcher(errcode.Languages())
	four := "fr;q=0.1, fr;q=0.1, fr;q=0.1, fr;q=0.1"
	for _, tt := range []struct {
		lines []string
		want  string
	}{
		{[]string{four, "fr;q=0.1, fr;q=0.1, fr;q=0.1, zh"}, "zh-CN"},     // zh is the eighth
		{[]string{four, "fr;q=0.1, fr;q=0.1, fr;q=0.1, fr, zh"}, "en-US"}, // the ninth
		{[]string{"", four, "", "fr;q=0.1, fr;q=0.1, fr;q=0.1, zh"}, "zh-CN"},
	} {
		joined := strings.Join(tt.lines, ", ")
		if tt.want == "zh-CN" {
			_, i := language.MatchStrings(m, joined)
			require.Equal(t, tt.want, errcode.Languages()[i].String(), "x/text reads %q so", joined)
		}
		assert.Equal(t, tt.want, negotiate(http.Header{"Accept-Language": tt.lines}).String(), "%q", tt.lines)
	}
}

func TestNegotiateAnswersCommonValuesAsXTextDoes(t *testing.T) {
	m := language.NewMatcher(errcode.Languages())
	for _, v := range errcode.CommonLanguageValues() {
		_, i := language.MatchStrings(m, v)
		assert.Equal(t, errcode.Languages()[i], negotiate(header("Accept-Language", v)), "Accept-Language %s", v)
		tag, _, conf := m.Match(language.Make(strings.ReplaceAll(v, "_", "-")))
		if !strings.Contains(v, ",") {
			require.GreaterOrEqual(t, conf, language.High, v)
			assert.Equal(t, tag.String()[:2], negotiate(header("X-Language", v)).String()[:2], "X-Language %s", v)
		}
		if h := (http.Header{"Accept-Language": {v}}); !raceEnabled {
			assert.Zero(t, allocs(t, func() { errcode.Negotiate(h) }), v)
		}
	}
}

// TestNegotiateCostsTheSameWhateverTheHeaders checks that a hostile
// request costs no more than a long but ordinary one: at most as many
// allocations.
func TestNegotiateCostsTheSameWhateverTheHeaders(t *testing.T) {
	skipUnderRace(t)
	ordinary := http.Header{"Accept-Language": {"zh-Hant-TW,zh-Hant;q=0.9,zh-TW;q=0.8,zh;q=0.7,en-GB;q=0.6,en-US;q=0.5,en;q=0.4,ja;q=0.3"}}
	ceiling := allocs(t, func() { errcode.Negotiate(ordinary) })
	t.Log("allocations of an ordinary header of eight entries:", ceiling)
	many := make([]string, 1000)
	for i := range many {
		many[i] = fmt.Sprintf("x-%d;q=0.%d", i, i%10)
	}
	huge := strings.Repeat("de-DE-1996-x-", 1<<20/13)
	for name, h := range map[string]http.Header{
		"1,000 field lines":    {"Accept-Language": many, "X-Language": many},
		"a 1 MiB value":        {"Accept-Language": {huge}, "X-Language": {huge}},
		"1,000 lines of 1 MiB": {"Accept-Language": slicesRepeat(huge, 1000)},
	} {
		assert.LessOrEqual(t, allocs(t, func() { errcode.Negotiate(h) }), ceiling+1, name)
	}
}

// TestNegotiateCopiesABoundedPart checks that Negotiate copies no more of
// long Accept-Language field lines than of short ones: the first 256 bytes
// or so of each line it reads.
func TestNegotiateCopiesABoundedPart(t *testing.T) {
	line := func(n int) string { return strings.Repeat("fr;q=0.1, ", n/10) + "zh" }
	short := http.Header{"Accept-Language": slicesRepeat(line(300), 4)}
	long := http.Header{"Accept-Language": slicesRepeat(line(1<<20), 4)}
	require.Equal(t, errcode.Negotiate(short), errcode.Negotiate(long))
	ceiling := allocatedBytes(t, func() { errcode.Negotiate(short) })
	t.Log("bytes allocated for four lines of 300 bytes:", ceiling)
	assert.LessOrEqual(t, allocatedBytes(t, func() { errcode.Negotiate(long) }), ceiling+64<<10, "four lines of 1 MiB: no copy of them")
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestLocalizeNegotiatesOnlyToAnswerAnError(t *testing.T) {
	skipUnderRace(t)
	many := slicesRepeat("fr;q=0.5, de;q=0.4, zh;q=0.3", 1000)
	ok := errcode.Localize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	plain := httptest.NewRequest("GET", "/", nil)
	hostile := httptest.NewRequest("GET", "/", nil)
	hostile.Header["Accept-Language"] = many
	w := newDiscardWriter()
	base := allocs(t, func() { ok.ServeHTTP(w, plain) })
	assert.Equal(t, base, allocs(t, func() { ok.ServeHTTP(w, hostile) }), "a success negotiates nothing")
}

func TestLanguages(t *testing.T) {
	assert.Equal(t, []language.Tag{language.MustParse("en-US"), language.MustParse("zh-CN")}, errcode.Languages())
	errcode.Languages()[0] = language.French
	assert.Equal(t, "en-US", errcode.Languages()[0].String(), "a copy")
	w := httptest.NewRecorder()
	errcode.Write(w, errcode.ScenarioNotFound)
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, w.Body.String(), "English outside Localize")
	w = serve(http.Header{"Accept-Language": {"fr"}}, notFound)
	assert.Equal(t, `{"error_code":"octopus.107002","error_msg":"Scenario is not exists"}`, w.Body.String(), "English when nothing matches")
}

// TestNoWorkAtInit checks that importing the package does nothing:
// GODEBUG=inittrace=1 prints a line for each package whose init runs or
// allocates, and none for this one.
func TestNoWorkAtInit(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again")
	}
	if testing.CoverMode() != "" {
		t.Skip("coverage registers the package at init")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "init golang.org/x/text", "the trace is on")
	assert.NotRegexp(t, `(?m)^init github\.com/octopus-go/errcode @`, string(out))
}

// TestAllocsNegotiateWithoutALanguage checks that a request that names no
// language costs no allocation.
func TestAllocsNegotiateWithoutALanguage(t *testing.T) {
	for name, h := range map[string]http.Header{
		"no header":                {},
		"empty headers":            {"Accept-Language": {""}, "X-Language": {""}},
		"an empty Accept-Language": {"Accept-Language": {""}},
	} {
		assert.Zero(t, allocs(t, func() { errcode.Negotiate(h) }), name)
		require.Equal(t, "en-US", errcode.Negotiate(h).String(), name)
	}
}
