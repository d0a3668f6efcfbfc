package spec_test

import (
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/octopus-go/errcode/internal/spec"
	"github.com/octopus-go/errcode/internal/table"
	"github.com/octopus-go/errcode/internal/wire"
	"github.com/stretchr/testify/require"
)

// The names the fuzzed editions are read as: one page, in English and Chinese.
const (
	fuzzEN = "page.en-US.txt"
	fuzzZH = "page.zh-CN.txt"
)

var (
	// fuzzErrLine is the form of every line of an error from Load.
	fuzzErrLine = regexp.MustCompile(`^page\.(en-US|zh-CN)\.txt(:\d+)?: `)
	// fuzzCode is the form of a checked wire code.
	fuzzCode = regexp.MustCompile(`^[A-Za-z]+\.[0-9]+$`)
)

// FuzzLoad feeds any two byte strings to Load as the English and Chinese
// editions of one page: it must give a checked catalog, or no catalog and
// an ErrorList of "file:line: what is wrong" lines, and never panic.
//
//	go test -run '^$' -fuzz '^FuzzLoad$' -fuzztime 60s ./internal/spec
func FuzzLoad(f *testing.F) {
	read := func(name string) []byte {
		b, err := os.ReadFile("../../docs/" + name)
		require.NoError(f, err)
		return b
	}
	octoEN, octoZH := read("octopus-error-codes.en-US.txt"), read("octopus-error-codes.zh-CN.txt")
	gwEN, gwZH := read("apigw-error-codes.en-US.txt"), read("apigw-error-codes.zh-CN.txt")
	f.Add(octoEN, octoZH)
	f.Add(gwEN, gwZH)
	f.Add(octoEN, gwZH)
	f.Add(octoZH, octoEN)
	const (
		head   = "Status Code | Error Code | Error Message | Description | Solution |\n|---|---|---|---|---|\n"
		headZH = "状态码 | 错误码 | 错误信息 | 描述 | 处理措施 |\n|---|---|---|---|---|\n"
	)
	for _, p := range [][2]string{
		{head + "404 | octopus.107002 | Scenario is not exists | Scenario not found | Check the ID |\n",
			headZH + "404 | octopus.107002 | Scenario is not exists | 场景不存在 | 请检查ID |\n"},
		{head + "400 | octopus.000003 | Request params [{key}:{value}] is invalid | P [{key}:{value}] | Fix [{key}:{value}] |\n",
			headZH + "400 | octopus.000003 | Request params [{key}:{value}] is invalid | 参数[{key}]错误 | 修正[{key}:{value}] |\n"},
		{head + "404 | octopus.107002 | Scenario is not exists | a | b |\n409 | octopus.107002 | Scenario is not exists. | c | d |\n",
			headZH + "404 | octopus.107002 | Scenario is not exists | 甲 | 乙 |\n409 | octopus.107002 | Scenario is not exists. | 丙 | 丁 |\n"},
		{head + "4040 | octopus | | a | b |\n", headZH + "404 | x.1 | m | 甲 | 乙 | 丙 |\n"},
		{"Error Code | Error Code |\n|---|---|\n", "x|\n|-|\n"},
		{head, headZH + "500 | APIGW.0101 | Internal | 内部 | 重试 |\n"},
		{"", ""},
		{head + "404 | octopus.1 | 9 | a | b |\n", headZH + "404 | octopus.1 | 9 | 甲 | 乙 |\n"},
	} {
		f.Add([]byte(p[0]), []byte(p[1]))
	}
	f.Fuzz(func(t *testing.T, en, zh []byte) {
		c, err := spec.Load(spec.Config{Editions: []spec.Source{{Name: fuzzEN, Data: en}, {Name: fuzzZH, Data: zh}}})
		if err != nil {
			require.Nil(t, c, "no catalog with an error")
			var list table.ErrorList
			require.ErrorAs(t, err, &list)
			require.NotEmpty(t, list)
			lines := strings.Split(err.Error(), "\n")
			require.Len(t, lines, len(list), "one line per problem")
			for _, l := range lines {
				if !fuzzErrLine.MatchString(l) {
					t.Fatalf("error line %q is not file:line: message", l)
				}
			}
			return
		}
		require.NotNil(t, c)
		require.Equal(t, []string{"en-US", "zh-CN"}, c.Langs)
		require.Equal(t, 0, c.Wire)
		names := make(map[string]bool)
		for _, r := range c.Rows() {
			require.True(t, r.Status >= 400 && r.Status <= 599, "status %d", r.Status)
			require.Regexp(t, fuzzCode, r.Code)
			require.True(t, token.IsIdentifier(r.Name) && token.IsExported(r.Name), "name %q", r.Name)
			require.False(t, names[r.Name], "name %q given twice", r.Name)
			names[r.Name] = true
			for _, texts := range [][]string{r.Message, r.Remediation} {
				require.Len(t, texts, 2)
				for _, s := range texts {
					require.NotEmpty(t, s)
				}
			}
			require.ElementsMatch(t, wire.Placeholders(r.Message[0]), wire.Placeholders(r.Message[1]))
			require.ElementsMatch(t, wire.Placeholders(r.Remediation[0]), wire.Placeholders(r.Remediation[1]))
			require.Equal(t, wire.Placeholders(r.Message[0], r.Remediation[0]), r.Placeholders)
			require.Equal(t, fuzzEN, r.Pos.File)
		}
	})
}
