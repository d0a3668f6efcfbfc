package main

import (
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
)

// TestRowsOf checks what a person may type for a code: a constant name or a
// wire code in any case, with or without octopus., APIG. for APIGW.; every
// row of a wire code, the one row of a name.
func TestRowsOf(t *testing.T) {
	for arg, want := range map[string][]errcode.Code{
		"ScenarioNotFound":   {errcode.ScenarioNotFound},
		" scenarionotfound ": {errcode.ScenarioNotFound},
		"octopus.107002":     {errcode.ScenarioNotFound},
		"OCTOPUS.107002":     {errcode.ScenarioNotFound},
		"107002":             {errcode.ScenarioNotFound},
		"APIGW.0308":         {errcode.GatewayThrottled},
		"apig.0308":          {errcode.GatewayThrottled},
		"101006":             {errcode.TagUsedInSegments, errcode.TagUsedInPackages, errcode.TagUsedInDataWarehouse},
		"TagUsedInPackages":  {errcode.TagUsedInPackages},
		"":                   nil,
		"octopus.":           nil,
		"999999":             nil,
		"0308":               nil,
		"APIGW.308":          nil,
		"octopus.107002x":    nil,
		"Scenario":           nil,
	} {
		assert.Equal(t, want, rowsOf(arg), "%q", arg)
	}
}

// TestDistance checks the edit distance.
func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"OCTOPUS.107002", "OCTOPUS.107003", 1},
		{"场景", "场所", 1},
	} {
		assert.Equal(t, tc.want, distance(tc.a, tc.b), "%q %q", tc.a, tc.b)
	}
}
