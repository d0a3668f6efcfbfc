package errgrpc

import (
	"context"
	"errors"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/octopus-go/errcode"
	"google.golang.org/grpc/status"
)

// ErrorHandler is a grpc-gateway error handler, for
// runtime.WithErrorHandler, that answers as [errcode.ServeError] answers r,
// in the language of its headers X-Language and Accept-Language. A status
// from the backend is the service's own: one that [Status] made gives its
// row with its placeholder values; any other, and a
// *runtime.HTTPStatusError (such as the mux's 400 for a path it cannot
// unescape), the general row of its HTTP status, such as HTTPNotFound
// for codes.NotFound, or else InternalServerError. Neither a status's
// message nor the call's server metadata reaches the response.
func ErrorHandler(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	h := w.Header()
	h.Del("Trailer")
	h.Del("Transfer-Encoding")
	errcode.ServeError(w, r, gatewayError(err))
}

// StreamErrorHandler is a grpc-gateway stream error handler, for
// runtime.WithStreamErrorHandler, that reports a server-streaming call's
// error with the status [Status] makes for the row [ErrorHandler] would
// answer, with its placeholder values: made again, never the backend's as
// it came, whose message and details a backend without errgrpc's
// interceptors may have taken from a dependency. Its language is the one
// the forwarded metadata asks for: a stock gateway forwards
// Accept-Language and drops X-Language. Before the first message the
// gateway sets the HTTP status of the gRPC code
// (runtime.HTTPStatusFromCode), which for FailedPrecondition is 400.
func StreamErrorHandler(ctx context.Context, err error) *status.Status {
	st, _ := answer(outgoing(ctx), gatewayError(err))
	return st
}

// RoutingErrorHandler is a grpc-gateway routing error handler, for
// runtime.WithRoutingErrorHandler, that answers a request the gateway has
// no route for with the general row of the HTTP status the mux chose,
// such as HTTPNotFound, else InternalServerError.
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

// ownError returns the catalog error that st, a status from this
// service's own backend, stands for: the row of its ErrorInfo with the
// placeholder values it holds, or, for a status without one, the general
// row of the HTTP status httpStatus (or, when zero, of st's code), such as
// HTTPNotFound for codes.NotFound.
func ownError(st *status.Status, httpStatus int) error {
	if info := detailsOf(st).info; info != nil {
		if c, ok := rowOf(info); ok {
			var values []string
			for _, name := range c.Placeholders() {
				if v, ok := info.GetMetadata()[name]; ok {
					values = append(values, name, valueOf(v))
				}
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
