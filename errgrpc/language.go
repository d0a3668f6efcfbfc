package errgrpc

import (
	"context"
	"net/http"
	"sync"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
	"google.golang.org/grpc/metadata"
)

// english returns the catalog's English, exactly, so that messages need
// no matching: the language when the metadata asks for none. It is looked
// up on first use, which builds the catalog's languages.
var english = sync.OnceValue(func() language.Tag { return errcode.Languages()[0] })

// negotiate returns the catalog language for a call whose metadata values
// get returns, as [errcode.Negotiate] reads the headers X-Language and
// Accept-Language (a few of their values, of bounded size): from
// x-language, then accept-language or else the grpcgateway-accept-language
// a grpc-gateway forwards.
func negotiate(get func(key string) []string) language.Tag {
	x, accept := get("x-language"), get("accept-language")
	if len(accept) == 0 {
		accept = get("grpcgateway-accept-language")
	}
	if len(x) == 0 && len(accept) == 0 {
		return english()
	}
	return errcode.Negotiate(http.Header{"X-Language": x, "Accept-Language": accept})
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
