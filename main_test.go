package errcode_test

import (
	"log/slog"
	"os"
	"testing"

	"github.com/octopus-go/errcode"
)

// builtAtInit records whether package init built the negotiator, before
// any test could.
var builtAtInit bool

func TestMain(m *testing.M) {
	builtAtInit = errcode.NegotiatorBuilt()
	// HandlerFunc logs each 5xx to slog.Default; tests that check logs
	// give a logger of their own.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}
