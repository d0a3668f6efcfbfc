package errcode

import "github.com/octopus-go/errcode/internal/wire"

// What the external tests (package errcode_test) need of the package's
// insides, under exported names that exist only in tests.

// The limits of the package, so that tests bound what they check by the
// limits the code keeps to rather than by copies of them.
const (
	MaxBodyBytes       = maxBodyBytes       // what FromResponse and FromBody read and decode
	MaxDrainBytes      = maxDrainBytes      // what FromResponse drains after that
	MaxExcerptBytes    = maxExcerptBytes    // an excerpt, before its "…"
	MaxParamBytes      = wire.MaxValueBytes // a placeholder value as a message repeats it
	MaxLanguageBytes   = maxLanguageBytes   // what Negotiate reads of Accept-Language
	MaxLanguageLines   = maxLanguageLines   // the field lines it reads of each header
	MaxLanguageEntries = maxLanguageEntries // the entries it reads of Accept-Language
	MaxRetryAfter      = maxRetryAfter      // the longest wait RetryAfter returns
)

// GeneratedBody returns the body catalog_gen.go holds for c in the
// language of index lang.
func GeneratedBody(c Code, lang int) string { return bodies[c][lang] }

// AppendBody appends the body Write sends for c in the language of index
// lang with the placeholder values params (name, value pairs).
func AppendBody(dst []byte, c Code, lang int, params []string) []byte {
	return appendBody(dst, c, lang, params)
}

// CommonLanguageValues returns the header values Negotiate answers
// without parsing.
func CommonLanguageValues() []string {
	var vs []string
	for _, c := range commonValues {
		vs = append(vs, c.value)
	}
	return vs
}
