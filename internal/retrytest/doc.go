// Package retrytest drives the retrying HTTP clients that Go programs use to
// call Octopus, github.com/hashicorp/go-retryablehttp and
// github.com/go-resty/resty/v2, against test servers, with errcode's
// CheckRetry, Backoff and FromBody. It is a module of its own so that the
// errcode module does not depend on them; it has tests only.
package retrytest
