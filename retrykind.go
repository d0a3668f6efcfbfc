package errcode

import "net/http"

// A RetryKind says when a request that failed with a documented row may be
// sent again unchanged. docs/retry.txt gives every row's kind, with a reason.
type RetryKind uint8

const (
	// NotRetryable: retrying cannot help; the caller must change something.
	NotRetryable RetryKind = iota
	// RetryAnyMethod: the request was refused before it was processed
	// (throttled, a busy resource, a gateway failing before it forwarded the
	// request), so it may be sent again whatever its method.
	RetryAnyMethod
	// RetryIdempotent: the request may have been processed before it
	// failed (an internal error, a dependency failure, a 502 or 504), so it
	// may be sent again only when it is idempotent: its method is GET, HEAD,
	// OPTIONS, TRACE, PUT or DELETE, or it carries an Idempotency-Key header.
	RetryIdempotent
)

// String returns the kind as docs/retry.txt writes it: "no", "any" or
// "idempotent".
func (k RetryKind) String() string {
	switch k {
	case RetryAnyMethod:
		return "any"
	case RetryIdempotent:
		return "idempotent"
	}
	return "no"
}

// allows reports whether k allows a retry of a request with the given
// method and, when hasKey, an Idempotency-Key header. An empty method is
// an unknown request: it follows k alone.
func (k RetryKind) allows(method string, hasKey bool) bool {
	switch k {
	case RetryAnyMethod:
		return true
	case RetryIdempotent:
		return method == "" || hasKey || idempotent(method)
	}
	return false
}

// idempotent reports whether method is idempotent (RFC 9110, section
// 9.2.2): sending it twice has the effect of sending it once.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}
