package errgrpc

import (
	"context"
	"net/http"
	"sync"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
	"google.golang.org/grpc/metadata"
)

// Bounds on the language metadata read: of each key, the first
// maxLanguageValues values, less those longer than maxLanguageBytes. A
// client's Accept-Language is a few dozen bytes; more is not worth parsing.
const (
	maxLanguageValues = 4
	maxLanguageBytes  = 256
)

// english returns the catalog's English, exactly, so that messages need
// no matching: the language when the metadata asks for none. It is looked
// up on first use, which builds the catalog's languages.
var english = sync.OnceValue(func() language.Tag { return errcode.Languages()[0] })

// negotiate returns the catalog language for a call whose metadata values
// get returns (a copy, which negotiate may change), as [errcode.Negotiate]
// reads the headers X-Language and Accept-Language: from x-language, then
// accept-language, or the grpcgateway-accept-language a grpc-gateway
// forwards.
func negotiate(get func(key string) []string) language.Tag {
	x := bounded(get("x-language"))
	accept := bounded(get("accept-language"))
	if len(accept) == 0 {
		accept = bounded(get("grpcgateway-accept-language"))
	}
	if len(x) == 0 && len(accept) == 0 {
		return english()
	}
	return errcode.Negotiate(http.Header{"X-Language": x, "Accept-Language": accept})
}

// bounded returns the values to read among values, in place.
func bounded(values []string) []string {
	kept := values[:0]
	for _, v := range values[:min(len(values), maxLanguageValues)] {
		if len(v) <= maxLanguageBytes {
			kept = append(kept, v)
		}
	}
	return kept
}

// incoming returns the values of ctx's incoming metadata, for negotiate.
func incoming(ctx context.Context) func(key string) []string {
	return func(key string) []string { return metadata.ValueFromIncomingContext(ctx, key) }
}

// outgoing returns the values of ctx's outgoing metadata, for negotiate:
// those a grpc-gateway forwards to the backend.
func outgoing(ctx context.Context) func(key string) []string {
	md, _ := metadata.FromOutgoingContext(ctx)
	return func(key string) []string { return md[key] }
}
