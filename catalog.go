package errcode

//go:generate go run ./cmd/errcodegen -o catalog_gen.go -ref docs/reference.md -names docs/names.txt -retry docs/retry.txt docs/octopus-error-codes.en-US.txt docs/octopus-error-codes.zh-CN.txt docs/apigw-error-codes.en-US.txt docs/apigw-error-codes.zh-CN.txt

// The catalog is catalog_gen.go, generated from the tables in docs/: the
// constants, the row type and every row, the body Write sends for each row
// in each language, and lookup, the switch from a wire code (or its APIG.
// alias) to its first row. All of it is static data: importing the package
// builds nothing, and the catalog, never changed, is safe for concurrent use
// without locks.
