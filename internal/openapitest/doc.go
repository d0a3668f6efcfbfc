// Package openapitest checks docs/openapi.json, the OpenAPI document that
// "errcode openapi" generates, with kin-openapi, a maintained OpenAPI
// library: the document is valid, every body errcode.Write sends validates
// against the schema of its status's response, and so do the bodies the API
// gateway sends (request_id, the APIG. alias), while malformed ones do not. It is a module of
// its own so that the errcode module keeps its dependencies; it has tests
// only.
package openapitest
