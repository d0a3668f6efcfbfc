// Package retrytest drives github.com/go-resty/resty/v2, a client that Go
// programs use to call Octopus, against test servers, with errcode's
// FromBody and Retryable. It is a module of its own so that the errcode
// module does not depend on resty; it has tests only. The go-retryablehttp
// adapter is tested in its own module, errretry.
package retrytest
