package errgrpc_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/octopus-go/errcode/errgrpc"
	"golang.org/x/text/language"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

var sink *status.Status

// Converting a catalog error to the status a server sends, against
// building a status and its details by hand: the ErrorInfo alone, and the
// same details Status sends.
func BenchmarkStatus(b *testing.B) {
	ctx := metadata.NewIncomingContext(context.Background(), metadata.Pairs("x-language", "zh-cn"))
	zh := language.MustParse("zh-CN")
	c := errcode.ScenarioNotFound
	b.Run("catalog", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = errgrpc.Status(ctx, c)
		}
	})
	b.Run("catalog-values", func(b *testing.B) {
		e := errcode.InvalidRequestParam.With("key", "name", "value", "x")
		b.ReportAllocs()
		for b.Loop() {
			sink = errgrpc.Status(ctx, e)
		}
	})
	b.Run("byhand-values", func(b *testing.B) {
		key, value := "name", "x"
		b.ReportAllocs()
		for b.Loop() {
			// By hand, the language is read from the call's metadata and
			// the texts are formatted with the values, as the catalog
			// does.
			locale, local, remedy := "en-US", "Request params [%s:%s] is invalid", "Correct the parameter [%s:%s]."
			if l := metadata.ValueFromIncomingContext(ctx, "x-language"); len(l) > 0 && l[0] == "zh-cn" {
				locale, local, remedy = "zh-CN", "请求参数[%s:%s]错误", "请确保请求参数[%s:%s]正确"
			}
			st, err := status.New(codes.InvalidArgument, fmt.Sprintf("Request params [%s:%s] is invalid", key, value)).WithDetails(&errdetails.ErrorInfo{
				Reason: "INVALID_REQUEST_PARAM", Domain: errgrpc.Domain,
				Metadata: map[string]string{"errorCode": "octopus.000003", "remediation": fmt.Sprintf(remedy, key, value), "key": key, "value": value},
			}, &errdetails.LocalizedMessage{Locale: locale, Message: fmt.Sprintf(local, key, value)})
			if err != nil {
				b.Fatal(err)
			}
			sink = st
		}
	})
	b.Run("byhand-errorinfo", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			st, err := status.New(codes.NotFound, "Scenario is not exists").WithDetails(&errdetails.ErrorInfo{
				Reason: "SCENARIO_NOT_FOUND", Domain: errgrpc.Domain,
				Metadata: map[string]string{"errorCode": "octopus.107002"},
			})
			if err != nil {
				b.Fatal(err)
			}
			sink = st
		}
	})
	b.Run("byhand-same", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			st, err := status.New(codes.NotFound, "Scenario is not exists").WithDetails(&errdetails.ErrorInfo{
				Reason: "SCENARIO_NOT_FOUND", Domain: errgrpc.Domain,
				Metadata: map[string]string{"errorCode": "octopus.107002", "remediation": c.Remediation(zh)},
			}, &errdetails.LocalizedMessage{Locale: "zh-CN", Message: c.Message(zh)})
			if err != nil {
				b.Fatal(err)
			}
			sink = st
		}
	})
}

// A unary call over bufconn that fails with a catalog error, through the
// package's interceptors on both sides, against one that fails with a
// plain status.Error and no interceptors.
func BenchmarkUnaryCall(b *testing.B) {
	ctx := withLanguage(context.Background(), "zh-cn")
	b.Run("catalog", func(b *testing.B) {
		client := startServer(b).health(b, false)
		req := &grpc_health_v1.HealthCheckRequest{Service: errcode.ScenarioNotFound.Name()}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := client.Check(ctx, req); err == nil {
				b.Fatal("no error")
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		client := serve(b, healthServer{}, false).health(b, true)
		req := &grpc_health_v1.HealthCheckRequest{Service: svcStatus}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := client.Check(ctx, req); err == nil {
				b.Fatal("no error")
			}
		}
	})
}
