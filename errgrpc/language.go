package errgrpc

import (
	"context"
	"net/http"

	"github.com/octopus-go/errcode"
	"golang.org/x/text/language"
	"google.golang.org/grpc/metadata"
)

// negotiate returns the catalog language for a call with the incoming
// metadata of ctx: the one x-language names, else the best match for
// accept-language, else the default, as [errcode.Negotiate] reads the
// X-Language and Accept-Language headers of an HTTP request.
func negotiate(ctx context.Context) language.Tag {
	x := metadata.ValueFromIncomingContext(ctx, "x-language")
	accept := metadata.ValueFromIncomingContext(ctx, "accept-language")
	if x == nil && accept == nil {
		return english
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
