package errcode_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/octopus-go/errcode"
	"github.com/stretchr/testify/assert"
)

func TestErrorFormat(t *testing.T) {
	err := errcode.DatabaseAccessError.Wrap(stackError{"connection refused"})
	assert.Equal(t, "octopus.000131: Database access error: connection refused\nmain.load\n\t/srv/app/store.go:42",
		fmt.Sprintf("%+v", err), "%+v goes through the cause")
	assert.Equal(t, "octopus.000131: Database access error: connection refused", fmt.Sprintf("%v", err))
	assert.Equal(t, "octopus.000131: Database access error: connection refused", fmt.Sprintf("%s", err))
	assert.Equal(t, `"octopus.000131: Database access error: connection refused"`, fmt.Sprintf("%q", err))

	noCause := errcode.InvalidRequestParam.With("key", "k", "value", "v")
	assert.Equal(t, "octopus.000003: Request params [k:v] is invalid", fmt.Sprintf("%+v", noCause))
	plain := errcode.ScenarioNotFound.Wrap(errors.New("no rows"))
	assert.Equal(t, "octopus.107002: Scenario is not exists: no rows", fmt.Sprintf("%+v", plain))
	var nilErr *errcode.Error
	assert.Equal(t, "<nil>", fmt.Sprintf("%+v", nilErr))
}
