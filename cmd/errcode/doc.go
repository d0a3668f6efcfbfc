// Errcode explains the error codes of Octopus, Huawei Cloud's
// autonomous-driving service, and of the API gateway in front of it: what a
// code means, what to do about it, and what an error response says.
//
// Usage:
//
//	errcode explain [-lang en|zh] [-json] CODE...
//	errcode list [-status N] [-grep TEXT] [-lang en|zh] [-json]
//	errcode decode [-lang en|zh] [-json] [FILE]
//	errcode openapi [-status N,...] [-o FILE] [CODE...]
//
// Errcode alone prints these lines; 'errcode help' (or -h) prints this
// text, and 'errcode COMMAND -h' one command's section of it and its flags.
// A mistyped command gets the nearest command's name.
//
// The flags -lang and -json are common to explain, list and decode:
//
//	-lang en|zh
//		print one language only (text output; -json always has every one)
//	-json
//		print a JSON array of objects with the keys code, status, name,
//		retryable (errcode.Retryable's answer, true or false; for a row,
//		no request being known, true only when retry is any), retry (the
//		retry kind: no, any or idempotent), message and remediation,
//		objects keyed by language ({"en": ..., "zh": ...}), and for a row
//		with placeholders, placeholders (their names) and constructor (the
//		call that fills them, errcode.InvalidRequestParamWith(key, value))
//
// Flags may come before or after the arguments. Results go to standard
// output, errors to standard error. The exit status is 0 on success, 1 when
// a code is not documented (explain suggests the nearest documented codes,
// decode reads a response without a documented code) or list matches no row,
// and 2 for a usage error (an empty CODE among them) or input that cannot be
// read. The -h flag prints help and exits 0. Text the command did not write,
// what a response sent or an argument it echoes, is printed with its control
// characters escaped as Go writes them in a string (\n, \x1b, \u202e), so
// that it can neither act on the terminal nor forge a line.
//
// # Explain
//
// Explain prints every documented row of each CODE: its wire code, constant
// name, HTTP status, retry kind (no: retrying cannot help; any: the request
// was not processed, so any request may be sent again; idempotent: it may
// have been processed, so only an idempotent request may be sent again), and
// its message and remediation in English and in Chinese, as documented,
// placeholders marked ("Request params [{key}:{value}] is invalid"). A row
// with placeholders also names them and the generated constructor that fills
// them, errcode.InvalidRequestParamWith(key, value). A CODE is a wire code
// in any case, with or without the octopus. prefix (107002, octopus.107002),
// APIG. for APIGW. (apig.0308 is APIGW.0308), or a constant name in any case
// (ScenarioNotFound). A wire code documented on several rows, such as
// octopus.101006 or APIGW.0201, prints every row; a constant name prints its
// one row. Explain exits 1 if a CODE is not documented, and suggests the
// nearest documented codes.
//
// # List
//
// List prints the catalog as a table of code, status, name and message (as
// documented, placeholders marked), in English unless -lang says otherwise.
// The -status N flag keeps the rows with HTTP status N; the -grep TEXT flag
// keeps the rows whose code, name, message or remediation, in either
// language, contains TEXT without regard to case. List exits 1 when no row
// matches.
//
// # Decode
//
// Decode reads an error response from FILE, or from standard input when
// FILE is absent or "-", in one of three forms: a body such as
// {"error_code":"octopus.107002","error_msg":"Scenario is not exists"}; a
// whole response as curl -i prints it, status line and headers included; or
// the transcript curl -v (or -sv) writes to standard error and output
// together, its response headers prefixed "< ", its request "> ". After
// interim responses (100 Continue, redirects followed with -L) it reads the
// last response, and from a transcript the request it answers: method,
// target and headers, Idempotency-Key among them; after redirects, the
// first request too, which is the one a retry sends, and whose method and
// Idempotency-Key decide. It decodes the response
// as errcode.FromResponse does, with that request when known, and prints
// the status, the request (unknown unless a transcript shows it), the code,
// message and request id as sent, whether to retry (errcode.Retryable for
// this response and request), and, for a documented code, the row: what it
// means and what to do. An undocumented code is shown as such; a body that
// is not a JSON error is shown as an excerpt; a bare body has no status,
// shown as unknown. With -json, each object has a key sent, what the
// response carried: status (0 when unknown), code, message, request_id,
// retry_after_seconds and excerpt; retryable is then the advice for this
// response, and retry is absent for an undocumented code. Decode exits 1
// when the response is an error without a documented code, and then names
// on standard error the nearest documented code and the explain command for
// it: for a code in a form the catalog does not document (OCTOPUS.107002,
// 107002 sent as a number), the code meant. A bare word such as 107002 or
// ScenarioNotFound is taken for a code typed, not a response, and pointed
// to explain.
//
// # Openapi
//
// Openapi prints an OpenAPI 3.1 document of components, as indented JSON,
// for a service's own API document to reference. Its schema Error accepts
// every error body of Octopus and of its API gateway, the body
// errcode.Write sends among them: error_code, a code of the catalog's
// form (octopus., APIGW. or the gateway's alias APIG., then digits) whose
// examples are the documented codes, and error_msg, both strings and
// required; any other key, such as the gateway's request_id, is allowed.
// It has a response per HTTP status, named by its status text without
// spaces (BadRequest, NotFound, TooManyRequests; Error494 for a status
// net/http has no text for), whose examples are the bodies Write sends for
// each row with that status, in English and Chinese, named NAME.en and
// NAME.zh (ScenarioNotFound.en) and described by the row's remediation,
// and for a row with placeholders by its documented message and the
// constructor that fills them (the example, without values, has their bare
// names).
// The -status flag (-status 404,409) and CODE arguments, read as explain
// reads them, select the rows an operation can answer: a row is in the
// document if its status is one of -status or a CODE names it. The
// document then has only the responses of their statuses, and only their
// codes as error_code's examples; Error still accepts any error body, so
// that a client does not fail on an error its operation did not list.
// Without either, it has every row; docs/openapi.json is that document,
// written by go generate. The -o flag writes the document to FILE instead
// of standard output, replacing FILE whole or not at all; a FILE that
// exists must be a regular file: a symlink (/dev/stdout), a device
// (/dev/null) or a directory is refused, as errcodegen refuses it, and
// left as it is. For example, a service writes the errors of one
// operation to errors.json:
//
//	errcode openapi -status 404,409 -o errors.json
//
// and its own document refers to them by that file's name:
//
//	responses:
//	  "404": {$ref: "errors.json#/components/responses/NotFound"}
//	  "409": {$ref: "errors.json#/components/responses/Conflict"}
//
// Openapi exits 1 if a CODE or status has no documented row.
package main
