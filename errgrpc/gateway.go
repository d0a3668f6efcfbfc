package errgrpc

import (
	"context"
	"errors"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrorHandler is a grpc-gateway error handler, for
// runtime.WithErrorHandler, that answers exactly as [errcode.ServeError]
// answers r: the row's HTTP status, the headers Content-Type and
// X-Content-Type-Options, the body {"error_code":...,"error_msg":...} in
// the language of the HTTP request's X-Language and Accept-Language.
//
// The gateway is the service's own HTTP face, so a status from its
// backend is answered as the service's own error, not as a dependency's:
// a status that [Status] made gives its row with its placeholder values;
// any other status the general row of its HTTP equivalent, such as
// HTTPNotFound (octopus.400004) for codes.NotFound or a route the gateway
// does not have, and HTTPGatewayTimeout for codes.DeadlineExceeded, or
// else InternalServerError; an error that is not a status, as Write
// answers it. A *runtime.HTTPStatusError's status chooses the general
// row, such as HTTPBadRequest for the mux's 400 for a path it cannot
// unescape. The status's message never reaches the body, and the server
// metadata of the call is not forwarded as headers.
func ErrorHandler(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	h := w.Header()
	h.Del("Trailer")
	h.Del("Transfer-Encoding")
	errcode.ServeError(w, r, gatewayError(err))
}

// StreamErrorHandler is a grpc-gateway stream error handler, for
// runtime.WithStreamErrorHandler, that reports the error of a
// server-streaming call with the status of the row [ErrorHandler] would
// answer: a status that [Status] made, as the backend sent it; for any
// other error, the status Status makes for that row, so that neither a
// foreign error's text nor a status's message reaches the client. Both
// are in the language of the metadata the gateway forwards: a stock
// gateway forwards Accept-Language (as grpcgateway-accept-language) and
// drops X-Language, which counts only where the gateway's header matcher
// forwards it as x-language. The gateway writes it as the stream's last chunk,
// {"error": status}; before the first message it also sets the HTTP status
// of the gRPC code (runtime.HTTPStatusFromCode), which for a row of HTTP
// status 405, 412 or 428 (FailedPrecondition) is 400, not the row's.
func StreamErrorHandler(ctx context.Context, err error) *status.Status {
	if errcode.CodeOf(err) == errcode.InternalServerError {
		if st, ok := statusIn(err); ok && detailsOf(st).info != nil {
			return st
		}
	}
	st, _ := answer(outgoing(ctx), gatewayError(err))
	return st
}

// RoutingErrorHandler is a grpc-gateway routing error handler, for
// runtime.WithRoutingErrorHandler, that answers a request the gateway has
// no route for with the general row of the HTTP status the gateway
// chose: HTTPNotFound, HTTPMethodNotAllowed or HTTPBadRequest, else
// InternalServerError.
func RoutingErrorHandler(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	errcode.ServeError(w, r, general(httpStatus))
}

// gatewayError returns the error the gateway answers for err: a row of
// the catalog as it is; for a status, as ownError says; for a
// *runtime.HTTPStatusError without one, the general row of its status;
// any other error as it is.
func gatewayError(err error) error {
	if errcode.CodeOf(err) != errcode.InternalServerError {
		return err // a row of the catalog, or nil
	}
	httpStatus := 0
	var hs *runtime.HTTPStatusError
	if errors.As(err, &hs) {
		httpStatus, err = hs.HTTPStatus, hs.Err
	}
	if st, ok := statusIn(err); ok {
		return ownError(st, httpStatus)
	}
	if httpStatus != 0 {
		return general(httpStatus) // the mux's, such as 400 for a malformed path
	}
	return err
}

// ownError returns the catalog error that a status from this service's
// own backend stands for: the row of its ErrorInfo with the placeholder
// values it holds, or, for a status without one, the general row of the
// HTTP status httpStatus (or, when zero, of st's code), such as
// HTTPNotFound for codes.NotFound; else InternalServerError. It returns
// nil for an OK status.
func ownError(st *status.Status, httpStatus int) error {
	if st.Code() == codes.OK {
		return nil
	}
	if info := detailsOf(st).info; info != nil {
		if c, ok := rowOf(info); ok {
			var values []string
			for _, name := range c.Placeholders() {
				if v, ok := info.GetMetadata()[name]; ok {
					values = append(values, name, valueOf(v))
				}
			}
			if values == nil {
				return c
			}
			return c.With(values...)
		}
	}
	if httpStatus == 0 {
		httpStatus = runtime.HTTPStatusFromCode(st.Code())
	}
	return general(httpStatus)
}

// general returns the row of the catalog's general errors that stands for
// an HTTP status, or InternalServerError.
func general(httpStatus int) errcode.Code {
	switch httpStatus {
	case 400:
		return errcode.HTTPBadRequest
	case 401:
		return errcode.HTTPUnauthorized
	case 403:
		return errcode.HTTPForbidden
	case 404:
		return errcode.HTTPNotFound
	case 405:
		return errcode.HTTPMethodNotAllowed
	case 409:
		return errcode.HTTPConflict
	case 502:
		return errcode.HTTPBadGateway
	case 504:
		return errcode.HTTPGatewayTimeout
	}
	return errcode.InternalServerError
}
