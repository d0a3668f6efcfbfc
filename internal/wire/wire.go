// Package wire holds the rules that the generator and the runtime share, so
// that each has one definition: where a placeholder is in a message, how a
// message and an error body are rendered, a message's normal form, and the
// API gateway's alias.
//
// The generator (cmd/errcodegen) uses them to write what the runtime needs
// as static data; the runtime (package errcode) uses the same functions for
// what only exists at run time, such as placeholder values.
package wire

import "strings"

// GatewayPrefix is the documented prefix of the API gateway's codes, and
// GatewayAlias the prefix some gateway deployments send instead:
// APIG.0201 is APIGW.0201.
const (
	GatewayPrefix = "APIGW."
	GatewayAlias  = "APIG."
)

// Alias returns the alias under which a gateway code may also be sent,
// "APIG.0201" for "APIGW.0201"; ok is false for a code of another service.
func Alias(code string) (alias string, ok bool) {
	rest, ok := strings.CutPrefix(code, GatewayPrefix)
	if !ok {
		return "", false
	}
	return GatewayAlias + rest, true
}

// Unalias returns the documented code for an alias, "APIGW.0201" for
// "APIG.0201", and any other code unchanged.
func Unalias(code string) string {
	if rest, ok := strings.CutPrefix(code, GatewayAlias); ok {
		return GatewayPrefix + rest
	}
	return code
}
