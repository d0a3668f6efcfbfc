// Package errretry makes a github.com/hashicorp/go-retryablehttp client
// retry by the catalog of [github.com/octopus-go/errcode]: each row's retry
// kind, the request's method and Idempotency-Key, and Retry-After.
//
//	client := retryablehttp.NewClient()
//	client.CheckRetry = errretry.CheckRetry
//	client.Backoff = errretry.Backoff
//	client.ErrorHandler = errretry.ErrorHandler
//
// When the retries run out, client.Do returns the last answer's error, for
// which errors.Is(err, errcode.InternalServerError) and errors.As to an
// *errcode.ResponseError hold.
package errretry
