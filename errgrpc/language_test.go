package errgrpc

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/metadata"
)

// The language comes from the incoming metadata as errcode.Negotiate reads
// the headers: every x-language value, then accept-language, or the one a
// grpc-gateway forwards.
func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		md   metadata.MD
		want string
	}{
		{nil, "en-US"},
		{metadata.Pairs("x-language", "zh-cn"), "zh-CN"},
		{metadata.Pairs("x-language", "zh_CN"), "zh-CN"},
		{metadata.Pairs("accept-language", "zh-CN,zh;q=0.9"), "zh-CN"},
		{metadata.Pairs("x-language", "en-us", "accept-language", "zh"), "en-US"},
		{metadata.Pairs("x-language", "fr", "accept-language", "zh"), "zh-CN"},
		{metadata.Pairs("grpcgateway-accept-language", "zh-CN,zh;q=0.9"), "zh-CN"},
		{metadata.Pairs("x-language", "zh-cn", "grpcgateway-accept-language", "en"), "zh-CN"},
		{metadata.Pairs("accept-language", "en", "grpcgateway-accept-language", "zh"), "en-US"},
	} {
		ctx := context.Background()
		if tc.md != nil {
			ctx = metadata.NewIncomingContext(ctx, tc.md)
		}
		assert.Equal(t, tc.want, negotiate(incoming(ctx)).String(), tc.md)
	}
}

// Hostile metadata costs what the values errcode.Negotiate reads cost: of
// each key, the first four values, and of those 256 bytes.
func TestNegotiateBounded(t *testing.T) {
	first := []string{"zh-CN,zh;q=0.9", "en;q=0.1", "en;q=0.1", "en;q=0.1"}
	huge := strings.Repeat("en-US;q=0.5,", 1<<20/12)
	for _, tc := range []struct {
		name       string
		md, sameAs metadata.MD
		want       string
	}{
		{"many values", metadata.MD{"accept-language": append(slices.Clone(first), slices.Repeat([]string{"en"}, 10000)...)},
			metadata.MD{"accept-language": first}, "zh-CN"},
		{"long values", metadata.MD{"x-language": {huge}, "grpcgateway-accept-language": {huge}},
			metadata.MD{"x-language": {huge[:257]}, "grpcgateway-accept-language": {huge[:257]}}, "en-US"},
	} {
		ctx := metadata.NewIncomingContext(context.Background(), tc.md)
		assert.Equal(t, tc.want, negotiate(incoming(ctx)).String(), tc.name)
		want := metadata.NewIncomingContext(context.Background(), tc.sameAs)
		assert.Equal(t, testing.AllocsPerRun(10, func() { negotiate(incoming(want)) }),
			testing.AllocsPerRun(10, func() { negotiate(incoming(ctx)) }), tc.name)
	}
}
