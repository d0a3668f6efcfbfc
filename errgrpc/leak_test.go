package errgrpc_test

import (
	"context"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
)

// No cause, panic value or dependency message reaches a status, its
// details or the gateway's body, for any row, in either language.
func TestNoSecretReachesClients(t *testing.T) {
	ts := startServer(t)
	raw := ts.health(t, true)
	srv := newGateway(t, ts.health(t, false))
	services := []string{svcValues, svcForeign, svcPanic, svcCanceled, svcDeadline, svcDependency, svcRelay, svcThirdParty}
	for c := range errcode.All() {
		services = append(services, svcWrapped+c.Name())
	}
	for _, l := range languages {
		ctx := withLanguage(context.Background(), l.header)
		for _, s := range services {
			_, err := raw.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: s})
			require.Error(t, err, s)
			st := status.Convert(err)
			assert.NotContains(t, st.Message(), secret, s)
			text, merr := protojson.Marshal(st.Proto())
			require.NoError(t, merr)
			assert.NotContains(t, string(text), secret, s)
			assert.NotContains(t, string(text), "boom", s)

			got, _ := get(t, srv, "/v1/check/"+s, nil)
			assert.NotContains(t, got.body, secret, s)
		}
	}
}
