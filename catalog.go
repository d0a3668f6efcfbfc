package errcode

import (
	"strings"
)

//go:generate go run ./cmd/errcodegen -o catalog_gen.go -ref docs/reference.md -names docs/names.txt -retry docs/retry.txt docs/octopus-error-codes.en-US.txt docs/octopus-error-codes.zh-CN.txt docs/apigw-error-codes.en-US.txt docs/apigw-error-codes.zh-CN.txt

// A row is one documented error, as the generator writes it.
type row struct {
	name        string
	code        string
	status      int
	retry       RetryKind
	message     [numLanguages]string
	remediation [numLanguages]string
}

// What the catalog derives from rows once, at init. The catalog never
// changes after init, so it is safe for concurrent use without locks.
var (
	// bodies holds each row's response body in each language, its
	// placeholders as documented.
	bodies = buildBodies()
	// byCode maps each wire code, and its alias, to its rows in page order.
	byCode = buildIndex()
	// primary maps each row to the first row with its wire code: rows match
	// each other in errors.Is when their primaries are equal.
	primary = buildPrimary()
)

// gatewayPrefix is the documented prefix of the API gateway's codes, and
// gatewayAlias the one some gateway deployments send instead.
const (
	gatewayPrefix = "APIGW."
	gatewayAlias  = "APIG."
)

func buildBodies() [][numLanguages]string {
	b := make([][numLanguages]string, len(rows))
	for c := range rows[1:] {
		for l := range numLanguages {
			b[c+1][l] = string(appendTemplate(nil, templates[c+1][l], nil))
		}
	}
	return b
}

func buildIndex() map[string][]Code {
	m := make(map[string][]Code, 2*len(rows))
	for c := 1; c < len(rows); c++ {
		code := rows[c].code
		m[code] = append(m[code], Code(c))
		if rest, ok := strings.CutPrefix(code, gatewayPrefix); ok {
			m[gatewayAlias+rest] = append(m[gatewayAlias+rest], Code(c))
		}
	}
	return m
}

func buildPrimary() []Code {
	p := make([]Code, len(rows))
	for c := 1; c < len(rows); c++ {
		p[c] = byCode[rows[c].code][0]
	}
	return p
}
