// Package sdktest checks errcode's error bodies against the decoder of the
// Huawei Cloud Go SDK, github.com/huaweicloud/huaweicloud-sdk-go-v3
// (sdkerr.NewServiceResponseError), which Go programs use to call services
// on Huawei Cloud: the SDK reads every body ServeError sends, in every
// catalog language, as sent. Its benchmarks measure that decoder beside
// errcode.FromResponse, errcode.FromBody and a plain encoding/json decode of
// the same response. It is a module of its own so that the errcode module
// does not depend on the SDK; it has tests only.
package sdktest
