// Package errgrpc carries the error catalog of
// [github.com/octopus-go/errcode] over gRPC and grpc-gateway: a handler
// returns errcode.ScenarioNotFound, its gRPC client gets an error for which
// errors.Is(err, errcode.ScenarioNotFound) holds, in the language it asked
// for, and a grpc-gateway in front answers the bytes [errcode.ServeError]
// would.
//
//	o := errgrpc.Options{Logger: logger, Observe: observe}
//	s := grpc.NewServer(
//		grpc.ChainUnaryInterceptor(o.UnaryServerInterceptor()),
//		grpc.ChainStreamInterceptor(o.StreamServerInterceptor()))
//	conn, err := grpc.NewClient(target, ...,
//		grpc.WithChainUnaryInterceptor(errgrpc.UnaryClientInterceptor()),
//		grpc.WithChainStreamInterceptor(errgrpc.StreamClientInterceptor()))
//	mux := runtime.NewServeMux(
//		runtime.WithErrorHandler(errgrpc.ErrorHandler),
//		runtime.WithStreamErrorHandler(errgrpc.StreamErrorHandler),
//		runtime.WithRoutingErrorHandler(errgrpc.RoutingErrorHandler))
//
// # Statuses
//
// The status of a row ([Status]) has the gRPC code of the row's HTTP
// status, as google.rpc.Code maps them and, for the statuses it does not
// name, as this table says:
//
//	HTTP status              gRPC code
//	400, 413, 414, 431, 494  InvalidArgument
//	401                      Unauthenticated
//	403                      PermissionDenied
//	404                      NotFound
//	405, 412, 428            FailedPrecondition
//	409                      Aborted
//	429                      ResourceExhausted
//	499                      Canceled
//	501                      Unimplemented
//	502, 503                 Unavailable
//	504                      DeadlineExceeded
//	other 4xx                FailedPrecondition
//	500, other 5xx           Internal
//
// Its message is the row's English message, with the error's placeholder
// values. Its details follow AIP-193:
//
//   - an [errdetails.ErrorInfo] in [Domain], whose reason is the row's
//     constant name in UPPER_SNAKE_CASE (SCENARIO_NOT_FOUND) and whose
//     metadata holds the wire code ([MetadataCode]), the remediation
//     ([MetadataRemediation]) and each placeholder value by its name,
//     whole up to 1 KiB, as messages show it: invalid bytes and characters
//     that do not print escaped as in a Go string literal, a backslash as
//     \\;
//   - an [errdetails.LocalizedMessage] in the language that the call's
//     metadata asks for, as [errcode.Negotiate] reads the headers
//     X-Language and Accept-Language, within its bounds: from x-language,
//     then accept-language or else the grpcgateway-accept-language a
//     grpc-gateway forwards;
//   - an [errdetails.RetryInfo] when a retryable row relays a dependency's
//     wait.
//
// # Dependencies
//
// A status received from another service is not the server's own (as
// gRFC A54 says, and errcode for HTTP): Status, and so the server
// interceptors, answer it as octopus.000002 unless the handler relays it
// with [errcode.Relay]. The client interceptors turn every received status
// into an error that wraps an [*errcode.ResponseError] (see [FromStatus]);
// a status that reached the handler as it came, over a connection without
// them, is known by its ErrorInfo, of any domain, and is relayed with
// errcode.Relay(errgrpc.FromStatus(st)). A status without an ErrorInfo is
// the handler's own (status.Error) and passes as it is.
//
// # grpc-gateway
//
// The gateway is the service's own HTTP face: [ErrorHandler] answers a
// status from its backend as the service's own row, with
// [errcode.ServeError], in the HTTP request's language. A status without
// the package's ErrorInfo, and a request without a route
// ([RoutingErrorHandler]), get the general row of their HTTP status
// (HTTPNotFound, octopus.400004, for NotFound), or octopus.000002. A
// stream's error ([StreamErrorHandler]) is the status Status makes for
// that same row: the gateway passes on no status as the backend sent it.
package errgrpc
