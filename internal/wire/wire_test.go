package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAlias(t *testing.T) {
	alias, ok := Alias("APIGW.0201")
	assert.True(t, ok)
	assert.Equal(t, "APIG.0201", alias)
	_, ok = Alias("octopus.107002")
	assert.False(t, ok)
	_, ok = Alias("APIG.0201")
	assert.False(t, ok, "an alias has no alias")

	assert.Equal(t, "APIGW.0201", Unalias("APIG.0201"))
	assert.Equal(t, "APIGW.0201", Unalias("APIGW.0201"))
	assert.Equal(t, "octopus.107002", Unalias("octopus.107002"))
	assert.Equal(t, "apig.0201", Unalias("apig.0201"), "the prefix is matched as documented, in capitals")
}
