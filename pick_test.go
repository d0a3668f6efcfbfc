package errcode_test

import (
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
)

func TestFromResponsePicksTheRowByMessage(t *testing.T) {
	for msg, want := range map[string]errcode.Code{
		"Tag Used In Packages":       errcode.TagUsedInPackages,
		"tag used in packages.":      errcode.TagUsedInPackages,
		"标签被数据仓库引用":                  errcode.TagUsedInDataWarehouse,
		"标签被数据仓库引用。":                 errcode.TagUsedInDataWarehouse,
		"Tag Used In Data Warehouse": errcode.TagUsedInDataWarehouse,
		"something else":             errcode.TagUsedInSegments,
	} {
		re := decode(t, 409, nil, `{"error_code":"octopus.101006","error_msg":"`+msg+`"}`)
		assert.Equal(t, want, re.Code, msg)
		assert.Equal(t, msg, re.Message, "kept as sent")
	}
}

func TestGatewayRowsDecodeByStatusThenMessage(t *testing.T) {
	for status, want := range map[int]errcode.Code{
		400: errcode.GatewayAPIRequestError,
		413: errcode.GatewayRequestEntityTooLarge,
		414: errcode.GatewayRequestURITooLarge,
		494: errcode.GatewayRequestHeadersTooLarge,
		502: errcode.GatewayBackendUnavailable,
		504: errcode.GatewayBackendTimeout,
	} {
		for _, code := range []string{"APIGW.0201", "APIG.0201"} {
			re := decode(t, status, nil, `{"error_code":"`+code+`","error_msg":"some gateway text"}`)
			assert.Equal(t, want, re.Code, "%s %d", code, status)
			assert.Equal(t, code, re.WireCode, "kept as sent")
			assert.ErrorIs(t, re, errcode.GatewayAPIRequestError)
		}
	}
	re := decode(t, 404, nil, `{"error_code":"APIGW.0101","error_msg":"The API does not exist."}`)
	assert.Equal(t, errcode.GatewayAPINotFound, re.Code)
	re = decode(t, 404, nil, `{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment"}`)
	assert.Equal(t, errcode.GatewayAPINotPublished, re.Code)
	re = decode(t, 500, nil, `{"error_code":"APIGW.0201","error_msg":"Backend timeout."}`)
	assert.Equal(t, errcode.GatewayBackendTimeout, re.Code, "no row with the status: the message decides")

	re = decode(t, 401, nil, `{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail"}`)
	assert.Equal(t, errcode.GatewayIAMAuthFailed, re.Code)
	assert.Equal(t, "Incorrect IAM authentication information: decrypt token fail", re.Message)
	assert.False(t, errcode.Retryable(re))
}
