package errcode

import (
	"hash/maphash"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// Nothing here runs at init: the catalog's tags, the matcher and the
// caches are built on first use, so that a program that only compares
// codes never pays for them.

var (
	tagsOnce sync.Once
	tagsVal  [numLanguages]language.Tag
)

// tags returns the catalog's languages, parsed from the generated
// languageTags on first use.
func tags() *[numLanguages]language.Tag {
	tagsOnce.Do(func() {
		for i, s := range languageTags {
			tagsVal[i] = language.MustParse(s)
		}
	})
	return &tagsVal
}

// Languages returns the languages of the catalog, English first.
func Languages() []language.Tag { return append([]language.Tag(nil), tags()[:]...) }

// A negotiator picks a catalog language for a request. It is immutable but
// for its caches; SetDefaultLanguage replaces it whole.
type negotiator struct {
	def     int              // index of the default language
	matcher language.Matcher // the catalog's languages, the default first
	order   [numLanguages]int
	// common holds the answers for the header values that browsers and
	// clients commonly send, fixed when the negotiator is made, so that a
	// flood of distinct values never evicts them.
	commonAccept, commonX map[string]int
	accept                cache // Accept-Language value -> language index
	xlang                 cache // X-Language value -> language index, or noLanguage
}

var (
	current     atomic.Pointer[negotiator]
	currentOnce sync.Once
)

// negotiatorNow returns the negotiator in use, making the one with the
// default English on first use.
func negotiatorNow() *negotiator {
	if n := current.Load(); n != nil {
		return n
	}
	currentOnce.Do(func() { current.CompareAndSwap(nil, newNegotiator(wireLanguage)) })
	return current.Load()
}

// SetDefaultLanguage makes the catalog language closest to tag the one
// used when a request asks for none the catalog has, and by [Write] outside
// [Localize] and [HandlerFunc]. It is safe to call at any time, but call it
// before serving: a request being answered while it runs may get either
// language.
func SetDefaultLanguage(tag language.Tag) {
	current.Store(newNegotiator(negotiatorNow().match(tag)))
}

// DefaultLanguage returns the language set by [SetDefaultLanguage].
func DefaultLanguage() language.Tag { return tags()[negotiatorNow().def] }

func newNegotiator(def int) *negotiator {
	t := tags()
	n := &negotiator{def: def}
	supported := make([]language.Tag, 0, numLanguages)
	supported = append(supported, t[def])
	n.order[0] = def
	for i, tag := range t {
		if i != def {
			n.order[len(supported)] = i
			supported = append(supported, tag)
		}
	}
	n.matcher = language.NewMatcher(supported)
	n.accept.seed = maphash.MakeSeed()
	n.xlang.seed = maphash.MakeSeed()
	n.commonAccept = make(map[string]int, len(commonAcceptLanguage))
	for _, v := range commonAcceptLanguage {
		n.commonAccept[v] = n.matchAccept(v)
	}
	n.commonX = make(map[string]int, len(commonXLanguage))
	for _, v := range commonXLanguage {
		n.commonX[v] = n.matchX(v)
	}
	return n
}

// Header values that browsers and clients commonly send, answered from the
// start so that they never pay for x/text's parsing, even during a flood of
// distinct values.
var (
	commonAcceptLanguage = [...]string{
		"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN,zh;q=0.9", "zh-CN,zh-Hans;q=0.9",
		"zh-CN,zh;q=0.8,zh-TW;q=0.7,zh-HK;q=0.5,en-US;q=0.3,en;q=0.2",
		"zh-CN,zh;q=0.9,en;q=0.8,en-GB;q=0.7,en-US;q=0.6",
		"zh-CN", "zh-cn", "zh", "zh-Hans", "zh-Hans-CN",
		"en-US,en;q=0.9", "en-US,en;q=0.5", "en-GB,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8",
		"en-US", "en-us", "en", "en-GB", "*",
	}
	commonXLanguage = [...]string{"zh-cn", "zh_CN", "zh-CN", "zh", "en-us", "en_US", "en-US", "en"}
)

// match returns the index of the catalog language closest to tag, or the
// default's when none is close.
func (n *negotiator) match(tag language.Tag) int {
	_, i, conf := n.matcher.Match(tag)
	if conf == language.No {
		return n.def
	}
	return n.order[i]
}

// langIndex returns the index of the catalog language closest to tag.
func langIndex(tag language.Tag) int {
	for i, t := range tags() {
		if t == tag {
			return i
		}
	}
	return negotiatorNow().match(tag)
}

// Negotiate returns the catalog language for a request with the header h:
// the one its X-Language header names (zh-cn, zh_CN, en-us, en_US), if the catalog has it; else
// the best match for its Accept-Language header, q-values and all; else
// the default.
//
// Every field line counts. X-Language is read line by line: the first
// line that names a catalog language decides. It names one when x/text
// matches it to a catalog language with high confidence (zh, zh-cn, zh_CN,
// en, en-GB, en_US); a tag x/text only relates to a catalog language by a
// low-confidence guess (ur, zh-TW) leaves the decision to Accept-Language.
// The Accept-Language lines are read as one list, joined with ", " as
// RFC 9110 says; there a low-confidence match counts, as x/text's
// language.MatchStrings has it.
//
// Answers for header values seen before come from small caches of fixed
// size, without allocating; a flood of distinct values can evict them, but
// never stops a new value from being cached.
func Negotiate(h http.Header) language.Tag {
	return tags()[negotiate(h)]
}

// negotiate returns the index of the catalog language for a request with
// the header h.
func negotiate(h http.Header) int {
	n := negotiatorNow()
	for _, x := range h["X-Language"] {
		if x == "" {
			continue
		}
		if i := n.xLanguage(x); i != noLanguage {
			return i
		}
	}
	return n.acceptLanguage(h["Accept-Language"])
}

const noLanguage = -1

// acceptLanguage returns the index of the catalog language that
// language.MatchStrings picks for the Accept-Language field lines, joined.
func (n *negotiator) acceptLanguage(lines []string) int {
	switch {
	case len(lines) == 0:
		return n.def
	case len(lines) == 1:
		if lines[0] == "" {
			return n.def
		}
		return n.accept.answer(n.commonAccept, lines[0], n.matchAccept)
	}
	if i, ok := n.accept.getJoined(lines); ok {
		return i
	}
	v := joinLines(lines)
	i := n.matchAccept(v)
	n.accept.put(v, i)
	return i
}

// joinLines joins the non-empty field lines of a list-based header with
// ", ", as RFC 9110 combines them.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l)
	}
	return b.String()
}

// matchAccept returns the index of the catalog language that
// language.MatchStrings picks for the Accept-Language value v.
func (n *negotiator) matchAccept(v string) int {
	if v == "" {
		return n.def
	}
	_, i := language.MatchStrings(n.matcher, v)
	return n.order[i]
}

// xLanguage returns the index of the catalog language that the X-Language
// value v names, or noLanguage when v names none the catalog has.
func (n *negotiator) xLanguage(v string) int {
	return n.xlang.answer(n.commonX, v, n.matchX)
}

// matchX returns the index of the catalog language that the X-Language
// value v names with at least high confidence, or noLanguage.
func (n *negotiator) matchX(v string) int {
	tag, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
	if err != nil {
		return noLanguage
	}
	if _, i, conf := n.matcher.Match(tag); conf >= language.High {
		return n.order[i]
	}
	return noLanguage
}

// A cache maps header values to language indexes in a fixed number of
// slots, each holding the last value whose seeded hash falls in it. Reads
// take no lock and do not allocate; a write replaces one slot. Memory is
// bounded (cacheSlots values of at most cacheKeyBytes each), and a flood of
// distinct values can only evict other values, never keep a new one out:
// the next request with a value evicted caches it again. The seed is
// random, so that a sender cannot aim at the slot of a given value.
type cache struct {
	seed  maphash.Seed
	slots [cacheSlots]atomic.Pointer[cacheEntry]
}

type cacheEntry struct {
	key  string
	lang int
}

const (
	cacheSlots    = 256
	cacheKeyBytes = 128
)

// answer returns the answer for k from common, else from c, else from
// match, which it then keeps in c.
func (c *cache) answer(common map[string]int, k string, match func(string) int) int {
	if i, ok := common[k]; ok {
		return i
	}
	if i, ok := c.get(k); ok {
		return i
	}
	i := match(k)
	c.put(k, i)
	return i
}

func (c *cache) get(k string) (int, bool) {
	e := c.slots[maphash.String(c.seed, k)%cacheSlots].Load()
	if e == nil || e.key != k {
		return 0, false
	}
	return e.lang, true
}

// getJoined is get for the key joinLines(lines), without joining them.
func (c *cache) getJoined(lines []string) (int, bool) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	n := 0
	for _, l := range lines {
		if l == "" {
			continue
		}
		if n > 0 {
			h.WriteString(", ")
			n += 2
		}
		h.WriteString(l)
		n += len(l)
	}
	e := c.slots[h.Sum64()%cacheSlots].Load()
	if e == nil || len(e.key) != n {
		return 0, false
	}
	k := e.key
	for _, l := range lines {
		if l == "" {
			continue
		}
		if len(k) < len(e.key) {
			if !strings.HasPrefix(k, ", ") {
				return 0, false
			}
			k = k[2:]
		}
		if !strings.HasPrefix(k, l) {
			return 0, false
		}
		k = k[len(l):]
	}
	return e.lang, k == ""
}

func (c *cache) put(k string, lang int) {
	if len(k) > cacheKeyBytes {
		return
	}
	c.slots[maphash.String(c.seed, k)%cacheSlots].Store(&cacheEntry{key: strings.Clone(k), lang: lang})
}

// headerValue returns the first value of the canonical key k, without the
// allocation of http.Header.Get's key canonicalization.
func headerValue(h http.Header, k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}
