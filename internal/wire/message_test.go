package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Internal server error":       "internal server error",
		" Internal server error. ":    "internal server error",
		"Internal server error . .\t": "internal server error",
		"请求参数校验失败。":                   "请求参数校验失败",
		"Backend timeout...":          "backend timeout",
		"Version 1.2 is old":          "version 1.2 is old",
		"":                            "",
		" . ":                         "",
	} {
		assert.Equal(t, want, Normalize(in), "%q", in)
	}
}
