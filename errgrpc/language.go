package errgrpc

import (
	"context"
	"net/http"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
	"google.golang.org/grpc/metadata"
)

// The catalog's languages and their BCP 47 locales, for LocalizedMessage.
var (
	catalogTags = errcode.Languages()
	locales     = func() []string {
		s := make([]string, len(catalogTags))
		for i, t := range catalogTags {
			s[i] = t.String()
		}
		return s
	}()
)

// langIndex returns the position of tag in catalogTags, or -1 for a
// language the catalog does not have.
func langIndex(tag language.Tag) int {
	for i, t := range catalogTags {
		if t == tag {
			return i
		}
	}
	return -1
}

// locale returns the BCP 47 locale of tag, such as "zh-CN", without
// allocating for a language of the catalog.
func locale(tag language.Tag) string {
	if i := langIndex(tag); i >= 0 {
		return locales[i]
	}
	return tag.String()
}

// negotiate returns the catalog language for a call with the incoming
// metadata of ctx: the one x-language names, else the best match for
// accept-language, else the default, as [errcode.Negotiate] reads the
// X-Language and Accept-Language headers of an HTTP request.
func negotiate(ctx context.Context) language.Tag {
	x := metadata.ValueFromIncomingContext(ctx, "x-language")
	accept := metadata.ValueFromIncomingContext(ctx, "accept-language")
	if x == nil && accept == nil {
		return errcode.Languages()[0]
	}
	h := make(http.Header, 2)
	if x != nil {
		h["X-Language"] = x
	}
	if accept != nil {
		h["Accept-Language"] = accept
	}
	return errcode.Negotiate(h)
}
