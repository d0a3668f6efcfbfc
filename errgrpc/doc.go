// Package errgrpc carries the error catalog of
// [github.com/octopus-go/errcode] across gRPC and grpc-gateway, both ways:
// a handler returns errcode.ScenarioNotFound, its gRPC client gets an
// error for which errors.Is(err, errcode.ScenarioNotFound) holds, in the
// language it asked for, and a grpc-gateway in front answers the same
// bytes [errcode.Write] would. It is named like otelgrpc: the errcode
// integration for gRPC.
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
// [Status] gives the status a server sends for an error; the server
// interceptors send it. Its code follows the row's HTTP status by the
// mapping google.rpc.Code documents, and, for the statuses it does not
// name, as the table says:
//
//	HTTP status              gRPC code
//	400, 413, 414, 431, 494  InvalidArgument (a request too large must be changed, as any bad one)
//	401                      Unauthenticated
//	403                      PermissionDenied
//	404                      NotFound
//	405, 412, 428            FailedPrecondition (the state, not the request, must change first:
//	                         the gateway's 405 rows are a frozen app or a used-up quota)
//	409                      Aborted (every row: in use, conflicting state, or already exists;
//	                         match the row, not the code, to tell them apart)
//	429                      ResourceExhausted
//	499                      Canceled
//	500                      Internal
//	501                      Unimplemented
//	502, 503                 Unavailable
//	504                      DeadlineExceeded
//	other 4xx                FailedPrecondition
//	other 5xx                Internal
//
// The message is the row's English message, placeholders filled. The
// details follow Google's AIP-193:
//
//   - [errdetails.ErrorInfo] with the domain [Domain] and as reason the
//     row's constant name in UPPER_SNAKE_CASE (SCENARIO_NOT_FOUND), which
//     names one row, even among the three rows of octopus.101006, and
//     stays the same when rows are added. Its metadata holds the wire code
//     ("errorCode": "octopus.107002"), the remediation in the negotiated
//     language ("remediation": no standard detail carries advice without a
//     link, and Help requires one) and each placeholder value by its name
//     ("key", "value"), whole up to 1 KiB, as messages show it (invalid
//     bytes and characters that do not print escaped as in a Go string
//     literal, a backslash as \\), so that a client or the gateway can fill
//     the message in any language;
//   - [errdetails.LocalizedMessage] in the language negotiated from the
//     call's metadata (x-language, then accept-language, as
//     [errcode.Negotiate] reads the headers), its locale a BCP 47 tag
//     such as zh-CN;
//   - [errdetails.RetryInfo] only when the row is retryable and a
//     dependency's wait is relayed ([errcode.Relay]): the catalog knows no
//     other delay.
//
// A cause's text never appears in the status. Anything that is not a row
// of the catalog is answered as [errcode.InternalServerError]
// (octopus.000002, codes.Internal), like a panic; but context.Canceled and
// context.DeadlineExceeded give codes.Canceled and codes.DeadlineExceeded,
// and a status the handler made with the status package passes through as
// it is.
//
// # Dependencies
//
// A status received from another service is not the server's own (as
// gRFC A54 says for gRPC, and errcode for HTTP): [Status], and so the
// server interceptors, answer it as octopus.000002 unless the handler
// relays it with [errcode.Relay]. The client interceptors turn every
// received status into an error that wraps an [*errcode.ResponseError]
// (see [FromStatus]); a status that reached the handler as it came, over
// a connection without them, is known by its ErrorInfo, of any domain,
// and relayed with errcode.Relay(errgrpc.FromStatus(st)). A status
// without an ErrorInfo is the handler's own (status.Error) and passes
// through.
//
// # grpc-gateway
//
// The gateway is the service's own HTTP face, so [ErrorHandler] answers a
// status of the catalog from its backend as the service's own row, with
// [errcode.ServeError]: the same status, headers and body Write gives, in
// the HTTP request's language. A status without the package's ErrorInfo,
// and a request without a route ([RoutingErrorHandler]), get the general
// row of their HTTP status (HTTPNotFound, octopus.400004, for NotFound),
// or octopus.000002.
package errgrpc
