//go:build race

package errcode_test

// raceEnabled tells tests that count allocations, which the race detector
// changes, to skip.
const raceEnabled = true
