package errcode_test

import (
	"fmt"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryableFollowsTheKindAndTheMethod(t *testing.T) {
	require.Equal(t, errcode.RetryIdempotent, errcode.InternalServerError.RetryKind())
	require.Equal(t, errcode.RetryAnyMethod, errcode.GatewayThrottled.RetryKind())
	require.Equal(t, errcode.NotRetryable, errcode.TokenExpired.RetryKind())
	for _, tt := range retryCases {
		resp, _ := responseTo(t, tt.method, tt.key, tt.status, tt.body)
		err := errcode.FromResponse(resp)
		assert.Equal(t, tt.want, errcode.Retryable(err), "%s key=%t %d: %s", tt.method, tt.key, tt.status, tt.description)
		assert.Equal(t, tt.want, errcode.Retryable(fmt.Errorf("call: %w", err)), "wrapped: %s", tt.description)
	}
}

func TestRetryableWithoutARequestFollowsTheKind(t *testing.T) {
	assert.True(t, errcode.Retryable(errcode.InternalServerError), "the caller knows its request")
	assert.True(t, errcode.Retryable(errcode.InternalServerError.Wrap(nil)))
	assert.True(t, errcode.Retryable(&errcode.ResponseError{StatusCode: 500, Code: errcode.InternalServerError}))
	assert.True(t, errcode.Retryable(&errcode.ResponseError{StatusCode: 502}))
	assert.False(t, errcode.Retryable(&errcode.ResponseError{StatusCode: 502, Method: "POST"}))
	assert.False(t, errcode.Retryable(errcode.TokenExpired))
}
