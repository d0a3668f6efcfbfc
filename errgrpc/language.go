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
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errcode.DefaultLanguage()
	}
	h := make(http.Header, 2)
	if v := md["x-language"]; len(v) > 0 {
		h["X-Language"] = v
	}
	if v := md["accept-language"]; len(v) > 0 {
		h["Accept-Language"] = v
	}
	return errcode.Negotiate(&http.Request{Header: h})
}
