package errcode

import (
	"log/slog"
	"os"
	"testing"
)

// builtAtInit records whether package init built the negotiator, before
// any test could.
var builtAtInit bool

func TestMain(m *testing.M) {
	builtAtInit = current.Load() != nil
	// HandlerFunc logs each 5xx to slog.Default; tests that check logs
	// give a logger of their own.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

// TestNothingNegotiatedAtInit checks that importing the package parses no
// language tag and builds no matcher or cache: a program that only
// compares codes never pays for negotiation.
func TestNothingNegotiatedAtInit(t *testing.T) {
	if builtAtInit {
		t.Fatal("the negotiator was built at init")
	}
}
