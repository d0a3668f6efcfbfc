package errcode_test

import (
	"log/slog"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// HandlerFunc logs each 5xx to slog.Default; tests that check logs
	// give a logger of their own.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}
