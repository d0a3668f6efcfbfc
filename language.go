package errcode

import (
	"net/http"
	"slices"
	"sync"

	"golang.org/x/text/language"
)

// Limits on what Negotiate reads of a request's headers, so that its work
// is bounded whatever the request sends.
const (
	maxLanguageLines   = 4   // field lines read of each header
	maxLanguageBytes   = 256 // of Accept-Language, its lines joined; of one X-Language value
	maxLanguageEntries = 8   // of Accept-Language
)

// commonValues are header values that clients commonly send, with the
// catalog language x/text matches them to, either header alike, so that
// they cost no parsing.
var commonValues = [...]struct{ value, lang string }{
	{"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"}, {"zh-CN,zh;q=0.9", "zh-CN"}, {"zh-CN", "zh-CN"},
	{"zh-cn", "zh-CN"}, {"zh_CN", "zh-CN"}, {"zh", "zh-CN"},
	{"en-US,en;q=0.9", "en-US"}, {"en-US", "en-US"}, {"en-us", "en-US"}, {"en_US", "en-US"}, {"en", "en-US"},
}

// common returns the index of the catalog language of a common header
// value.
func common(v string) (int, bool) {
	for _, c := range commonValues {
		if c.value == v {
			for i, tag := range languageTags {
				if tag == c.lang {
					return i, true
				}
			}
		}
	}
	return 0, false
}

var (
	languagesOnce sync.Once
	languageSet   [numLanguages]language.Tag
	matcher       language.Matcher
)

// catalogLanguages returns the catalog's languages and their matcher,
// English first and the matcher's default, built on first use rather than
// at init.
func catalogLanguages() (*[numLanguages]language.Tag, language.Matcher) {
	languagesOnce.Do(func() {
		for i, s := range languageTags {
			languageSet[i] = language.MustParse(s)
		}
		matcher = language.NewMatcher(languageSet[:])
	})
	return &languageSet, matcher
}

// Languages returns the languages of the catalog, English first.
func Languages() []language.Tag {
	tags, _ := catalogLanguages()
	return slices.Clone(tags[:])
}

// langIndex returns the index of the catalog language closest to tag.
func langIndex(tag language.Tag) int {
	tags, m := catalogLanguages()
	for i, t := range tags {
		if t == tag {
			return i
		}
	}
	_, i, _ := m.Match(tag)
	return i
}

// Negotiate returns the catalog language for a request with the header h:
// the one its X-Language header names (zh-cn, zh_CN, en-us, en_US), else
// the best match for its Accept-Language header, q-values and all, as
// x/text's language.MatchStrings finds it; else English.
//
// An X-Language value names a catalog language when x/text matches it
// with high confidence (zh, zh-CN, en-GB; not a guess such as zh-TW for
// Chinese); the first of the header's field lines that does decides.
// Accept-Language's field lines count as one list, as RFC 9110 joins them.
// Negotiate reads at most the first 4 field lines of each header, and of
// Accept-Language the first 8 entries that fit whole in 256 bytes; an
// X-Language value longer than 256 bytes names nothing.
func Negotiate(h http.Header) language.Tag {
	tags, _ := catalogLanguages()
	return tags[negotiate(h)]
}

// negotiate returns the index of the catalog language for a request with
// the header h.
func negotiate(h http.Header) int {
	_, m := catalogLanguages()
	xs := h["X-Language"]
	for _, x := range xs[:min(len(xs), maxLanguageLines)] {
		if i, ok := common(x); ok {
			return i
		}
		if x == "" || len(x) > maxLanguageBytes {
			continue
		}
		tag, err := language.Parse(x) // x/text reads "_" as "-"
		if err != nil {
			continue
		}
		if _, i, conf := m.Match(tag); conf >= language.High {
			return i
		}
	}
	accept := acceptLanguage(h["Accept-Language"])
	if i, ok := common(accept); ok || accept == "" {
		return i
	}
	_, i := language.MatchStrings(m, accept)
	return i
}

// acceptLanguage returns the first field lines of an Accept-Language
// header joined with ", ", up to the first maxLanguageEntries entries that
// fit whole in maxLanguageBytes.
func acceptLanguage(lines []string) string {
	var v string
	switch len(lines) {
	case 0:
	case 1:
		v = lines[0]
	default:
		var b []byte
		for _, l := range lines[:min(len(lines), maxLanguageLines)] {
			if l == "" {
				continue
			}
			if len(b) > 0 {
				b = append(b, ", "...)
			}
			b = append(b, l[:min(len(l), maxLanguageBytes+1)]...)
		}
		v = string(b)
	}
	end, entries := 0, 0
	for i := 0; i <= len(v) && i <= maxLanguageBytes && entries < maxLanguageEntries; i++ {
		if i == len(v) || v[i] == ',' {
			end, entries = i, entries+1
		}
	}
	return v[:end]
}
