package errcode

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// tags are the catalog's languages, parsed from the generated languageTags.
var tags = func() (t [numLanguages]language.Tag) {
	for i, s := range languageTags {
		t[i] = language.MustParse(s)
	}
	return t
}()

// Languages returns the languages of the catalog, English first.
func Languages() []language.Tag { return append([]language.Tag(nil), tags[:]...) }

// A negotiator picks a catalog language for a request. It is immutable but
// for its caches; SetDefaultLanguage replaces it whole.
type negotiator struct {
	def     int              // index of the default language
	matcher language.Matcher // the catalog's languages, the default first
	order   [numLanguages]int
	accept  cache // Accept-Language value -> language index
	xlang   cache // X-Language value -> language index, or noLanguage
}

var current atomic.Pointer[negotiator]

func init() { SetDefaultLanguage(language.English) }

// SetDefaultLanguage makes the catalog language closest to tag the one
// used when a request asks for none the catalog has, and by [Write] outside
// [Localize]. It is safe to call at any time, but call it before serving:
// a request being answered while it runs may get either language.
func SetDefaultLanguage(tag language.Tag) {
	base := current.Load()
	if base == nil { // at init
		base = newNegotiator(wireLanguage)
	}
	current.Store(newNegotiator(base.match(tag)).warm())
}

// DefaultLanguage returns the language set by [SetDefaultLanguage].
func DefaultLanguage() language.Tag { return tags[current.Load().def] }

func newNegotiator(def int) *negotiator {
	n := &negotiator{def: def}
	supported := make([]language.Tag, 0, numLanguages)
	supported = append(supported, tags[def])
	n.order[0] = def
	for i, t := range tags {
		if i != def {
			n.order[len(supported)] = i
			supported = append(supported, t)
		}
	}
	n.matcher = language.NewMatcher(supported)
	return n
}

// warm caches n's answers for common header values.
func (n *negotiator) warm() *negotiator {
	for _, v := range commonAcceptLanguage {
		n.acceptLanguage(v)
	}
	for _, v := range commonXLanguage {
		n.xLanguage(v)
	}
	return n
}

// Header values that browsers and clients commonly send, cached from the
// start so that they never pay for x/text's parsing, even after a flood of
// distinct values has filled the caches.
var (
	commonAcceptLanguage = []string{
		"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN,zh;q=0.9", "zh-CN,zh-Hans;q=0.9",
		"zh-CN,zh;q=0.8,zh-TW;q=0.7,zh-HK;q=0.5,en-US;q=0.3,en;q=0.2",
		"zh-CN,zh;q=0.9,en;q=0.8,en-GB;q=0.7,en-US;q=0.6",
		"zh-CN", "zh-cn", "zh", "zh-Hans", "zh-Hans-CN",
		"en-US,en;q=0.9", "en-US,en;q=0.5", "en-GB,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8",
		"en-US", "en-us", "en", "en-GB", "*",
	}
	commonXLanguage = []string{"zh-cn", "zh_CN", "zh-CN", "zh", "en-us", "en_US", "en-US", "en"}
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
	for i, t := range tags {
		if t == tag {
			return i
		}
	}
	return current.Load().match(tag)
}

// Negotiate returns the catalog language for r: the one its X-Language
// header names (zh-cn, zh_CN, en-us, en_US), if the catalog has it; else
// the best match for its Accept-Language header, q-values and all; else
// the default. Answers for header values seen before come from a small
// cache, without allocating.
func Negotiate(r *http.Request) language.Tag {
	return tags[negotiate(r.Header)]
}

// negotiate returns the index of the catalog language for a request with
// the header h.
func negotiate(h http.Header) int {
	n := current.Load()
	if x := headerValue(h, "X-Language"); x != "" {
		if i := n.xLanguage(x); i != noLanguage {
			return i
		}
	}
	return n.acceptLanguage(headerValue(h, "Accept-Language"))
}

// headerValue returns the first value of the canonical key k, without the
// allocation of http.Header.Get's key canonicalization.
func headerValue(h http.Header, k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

const noLanguage = -1

// acceptLanguage returns the index of the catalog language that
// language.MatchStrings picks for the Accept-Language value v.
func (n *negotiator) acceptLanguage(v string) int {
	if v == "" {
		return n.def
	}
	if i, ok := n.accept.get(v); ok {
		return i
	}
	_, i := language.MatchStrings(n.matcher, v)
	n.accept.put(v, n.order[i])
	return n.order[i]
}

// xLanguage returns the index of the catalog language that the X-Language
// value v names, or noLanguage when v names none the catalog has.
func (n *negotiator) xLanguage(v string) int {
	if i, ok := n.xlang.get(v); ok {
		return i
	}
	i := noLanguage
	if tag, err := language.Parse(strings.ReplaceAll(v, "_", "-")); err == nil {
		if _, mi, conf := n.matcher.Match(tag); conf != language.No {
			i = n.order[mi]
		}
	}
	n.xlang.put(v, i)
	return i
}

// A cache maps header values to language indexes. Reads take no lock and
// do not allocate; a write copies the map. It holds at most cacheEntries
// values of at most cacheKeyBytes each, so that a flood of distinct headers
// costs a lookup each but never grows memory.
type cache struct {
	m  atomic.Pointer[map[string]int]
	mu sync.Mutex
}

const (
	cacheEntries  = 256
	cacheKeyBytes = 128
)

func (c *cache) get(k string) (int, bool) {
	m := c.m.Load()
	if m == nil {
		return 0, false
	}
	i, ok := (*m)[k]
	return i, ok
}

func (c *cache) put(k string, i int) {
	if len(k) > cacheKeyBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var old map[string]int
	if p := c.m.Load(); p != nil {
		old = *p
	}
	if len(old) >= cacheEntries {
		return
	}
	m := make(map[string]int, len(old)+1)
	for k, v := range old {
		m[k] = v
	}
	m[strings.Clone(k)] = i
	c.m.Store(&m)
}
