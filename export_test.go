package errcode

import "github.com/octopus-go/errcode/internal/wire"

// What the external tests (package errcode_test) need of the package's
// insides, under exported names that exist only in tests.

// The limits of the package, so that tests bound what they check by the
// limits the code keeps to rather than by copies of them.
const (
	MaxBodyBytes    = maxBodyBytes       // what FromResponse and FromBody read and decode
	MaxDrainBytes   = maxDrainBytes      // what FromResponse drains after that
	MaxExcerptBytes = maxExcerptBytes    // an excerpt, before its "…"
	MaxParamBytes   = wire.MaxValueBytes // a placeholder value as a message repeats it
)

// NegotiatorBuilt reports whether the negotiator has been built.
func NegotiatorBuilt() bool { return current.Load() != nil }

// MessageTemplate returns the message of c's row in the language of index
// lang (an index of Languages()) as documented, with its {placeholders}.
func MessageTemplate(c Code, lang int) string { return c.row().message[lang] }

// GeneratedBody returns the body catalog_gen.go holds for c in the
// language of index lang.
func GeneratedBody(c Code, lang int) string { return bodies[c][lang] }

// AppendBody appends the body Write sends for c in the language of index
// lang with the placeholder values params (name, value pairs).
func AppendBody(dst []byte, c Code, lang int, params []string) []byte {
	return appendBody(dst, c, lang, params)
}
