package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octopus-go/errcode/internal/table"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	enFile    = "shop-errors.en-US.txt"
	zhFile    = "shop-errors.zh-CN.txt"
	namesFile = "names.txt"
	retryFile = "retry.txt"
)

// fixture returns the testdata sources, each changed by edit[name] if set.
func fixture(t *testing.T, edit map[string]func(string) string) map[string]*Source {
	t.Helper()
	srcs := make(map[string]*Source)
	for _, name := range []string{enFile, zhFile, namesFile, retryFile} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(t, err)
		text := string(data)
		if f := edit[name]; f != nil {
			text = f(text)
		}
		srcs[name] = &Source{Name: name, Data: []byte(text)}
	}
	return srcs
}

func config(srcs map[string]*Source) Config {
	return Config{
		Editions: []Source{*srcs[enFile], *srcs[zhFile]},
		Names:    srcs[namesFile],
		Retry:    srcs[retryFile],
	}
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

func TestLoadFixture(t *testing.T) {
	c, err := Load(config(fixture(t, nil)))
	require.NoError(t, err)
	assert.Equal(t, []string{"en-US", "zh-CN"}, c.Langs)
	assert.Equal(t, 0, c.Wire)
	require.Len(t, c.Groups, 2)
	assert.Equal(t, "Common errors", c.Groups[0].Title)
	assert.Equal(t, "Throttling", c.Groups[1].Title)
	assert.Equal(t, "shop-errors", c.Groups[0].Page)

	rows := c.Rows()
	require.Len(t, rows, 5)
	assert.Equal(t, &Row{
		Pos:          table.Pos{File: enFile, Line: 6},
		Status:       400,
		Code:         "shop.000003",
		Name:         "ShopInvalidParam",
		Message:      []string{"Request params [{key}:{value}] is invalid", "请求参数[{key}:{value}]错误"},
		Remediation:  []string{"Correct the parameter [{key}:{value}].", "请确保请求参数[{key}:{value}]正确"},
		Placeholders: []string{"key", "value"},
		Retry:        "no",
		RetryReason:  "The parameter must be corrected.",
	}, rows[0])
	assert.Equal(t, "ShopInvalidParamWith", rows[0].Constructor())
	assert.Empty(t, rows[1].Placeholders)
	assert.Equal(t, "", rows[1].Constructor(), "a row without placeholders has no constructor")
	var names []string
	for _, r := range rows {
		names = append(names, r.Name)
	}
	assert.Equal(t, []string{"ShopInvalidParam", "ShopScenarioNotFound", "ShopTagUsedInSegments", "ShopTagUsedInPackages", "ShopTooManyRequestExceedsThreshold"}, names)
	assert.Equal(t, "any", rows[4].Retry)
	assert.Equal(t, 429, rows[4].Status)
	assert.Equal(t, []string{"Tag Used In Packages", "标签被数据包引用"}, rows[3].Message, "one code, several rows")
}

func TestLoadWithoutNamesOrRetry(t *testing.T) {
	srcs := fixture(t, nil)
	c, err := Load(Config{Editions: []Source{*srcs[zhFile], *srcs[enFile]}})
	require.NoError(t, err)
	assert.Equal(t, []string{"zh-CN", "en-US"}, c.Langs)
	assert.Equal(t, 1, c.Wire, "the Error Message column is English")
	r := c.Rows()[1]
	assert.Equal(t, "ScenarioIsNotExists", r.Name)
	assert.Equal(t, []string{"场景不存在", "Scenario is not exists"}, r.Message)
	assert.Equal(t, table.Pos{File: zhFile, Line: 5}, r.Pos)
	assert.Equal(t, "", r.Retry)
	assert.Equal(t, "Throttling", c.Groups[1].Title, "the title comes from the edition that has one")
}

func TestLoadReportsEachProblem(t *testing.T) {
	tests := []struct {
		name string
		edit map[string]func(string) string
		want string
	}{
		{"status not HTTP",
			map[string]func(string) string{enFile: replace("404 | shop.107002", "4044 | shop.107002")},
			`shop-errors.en-US.txt:7: status "4044" is not an HTTP error status (400 to 599)`},
		{"status below 400",
			map[string]func(string) string{enFile: replace("404 | shop.107002", "302 | shop.107002")},
			`shop-errors.en-US.txt:7: status "302" is not an HTTP error status (400 to 599)`},
		{"informational status",
			map[string]func(string) string{zhFile: replace("| 404 |", "| 100 |")},
			`shop-errors.zh-CN.txt:5: status "100" is not an HTTP error status (400 to 599)`},
		{"status above 599",
			map[string]func(string) string{enFile: replace("429 | shop.202230", "600 | shop.202230")},
			`shop-errors.en-US.txt:14: status "600" is not an HTTP error status (400 to 599)`},
		{"blank line inside a table",
			map[string]func(string) string{enFile: replace("\n404 | shop.107002", "\n\n404 | shop.107002")},
			`shop-errors.en-US.txt:7: blank line inside the table at line 4`},
		{"prose inside a table",
			map[string]func(string) string{zhFile: replace("\nshop.107002", "\nSee also the gateway's codes.\nshop.107002")},
			`shop-errors.zh-CN.txt:5: line inside the table at line 2 is not a row; end the table with a # heading`},
		{"no table in an edition",
			map[string]func(string) string{zhFile: func(string) string { return "商店错误码\n\n没有表格。\n" }},
			`shop-errors.zh-CN.txt:1: no table: a table is a header line, a |---| separator line and rows`},
		{"a table without rows",
			map[string]func(string) string{retryFile: func(s string) string { return s[:strings.Index(s, "shop.000003")] }},
			"retry.txt:2: table has no rows\n" +
				`shop-errors.en-US.txt:6: shop.000003 (400 "Request params [{key}:{value}] is invalid") has no row in retry.txt` + "\n" +
				`shop-errors.en-US.txt:7: shop.107002 (404 "Scenario is not exists") has no row in retry.txt` + "\n" +
				`shop-errors.en-US.txt:8: shop.101006 (409 "Tag Used In Segments") has no row in retry.txt` + "\n" +
				`shop-errors.en-US.txt:9: shop.101006 (409 "Tag Used In Packages") has no row in retry.txt` + "\n" +
				`shop-errors.en-US.txt:14: shop.202230 (429 "Too many request exceeds the threshold") has no row in retry.txt`},
		{"status not a number",
			map[string]func(string) string{zhFile: replace("| 404 |", "| Not Found |")},
			`shop-errors.zh-CN.txt:5: status "Not Found" is not an HTTP error status (400 to 599)`},
		{"code not service.digits",
			map[string]func(string) string{enFile: replace("shop.107002", "shop-107002")},
			`shop-errors.en-US.txt:7: code "shop-107002" is not <service>.<digits>, such as octopus.107002`},
		{"empty cell",
			map[string]func(string) string{enFile: replace("The scenario does not exist.", "")},
			`shop-errors.en-US.txt:7: empty Description cell`},
		{"too few cells",
			map[string]func(string) string{enFile: replace(" Check and try again. |", "")},
			`shop-errors.en-US.txt:7: row has 4 cells, header at line 4 has 5`},
		{"too many cells",
			map[string]func(string) string{zhFile: replace("请检查后重试 |", "请检查后重试 | 多余 |")},
			`shop-errors.zh-CN.txt:5: row has 6 cells, header at line 2 has 5`},
		{"row missing in one edition",
			map[string]func(string) string{zhFile: replace("shop.101006 | 请解除标签引用 | 409 | Tag Used In Packages | 标签被数据包引用 |\n", "")},
			`shop-errors.en-US.txt:9: shop-errors.zh-CN.txt has no row for shop.101006 in its table at line 2`},
		{"extra row in one edition",
			map[string]func(string) string{zhFile: replace("shop.202230 |", "shop.202231 | 请重试 | 503 | Busy | 忙 |\nshop.202230 |")},
			"shop-errors.zh-CN.txt:10: code shop.202231 here, shop.202230 at shop-errors.en-US.txt:14\n" +
				"shop-errors.zh-CN.txt:11: shop-errors.en-US.txt has no row for shop.202230 in its table at line 12"},
		{"different status at the same place",
			map[string]func(string) string{zhFile: replace("| 404 |", "| 410 |")},
			`shop-errors.zh-CN.txt:5: shop.107002 has status 410 here, 404 at shop-errors.en-US.txt:7`},
		{"different message at the same place",
			map[string]func(string) string{zhFile: replace("| Scenario is not exists |", "| Scenario not found |")},
			`shop-errors.zh-CN.txt:5: shop.107002 has message "Scenario not found" here, "Scenario is not exists" at shop-errors.en-US.txt:7`},
		{"same code twice with the same meaning",
			map[string]func(string) string{
				enFile: replace("\n\n## Throttling", "\n409 | shop.101006 | Tag used in segments. | Used. | Delete. |\n\n## Throttling"),
				zhFile: replace("错误码 | 处理措施 | 状态码 | 错误信息 | 描述 |\n|---|---|---|---|---|\nshop.202230",
					"shop.101006 | 删除 | 409 | Tag used in segments. | 引用 |\n错误码 | 处理措施 | 状态码 | 错误信息 | 描述 |\n|---|---|---|---|---|\nshop.202230"),
				retryFile: replace("shop.202230 |", "shop.101006 | 409 | Tag used in segments. | no | Used. |\nshop.202230 |"),
			},
			`shop-errors.en-US.txt:10: shop.101006 is listed again with the same message as at shop-errors.en-US.txt:8`},
		{"placeholders differ between languages",
			map[string]func(string) string{zhFile: replace("| 请求参数[{key}:{value}]错误 |", "| 请求参数[{key}]错误 |")},
			`shop-errors.en-US.txt:6: shop.000003 message has placeholders [{key} {value}] in en-US but [{key}] in zh-CN`},
		{"remediation placeholders differ",
			map[string]func(string) string{enFile: replace("Correct the parameter [{key}:{value}].", "Correct the parameter.")},
			`shop-errors.en-US.txt:6: shop.000003 remediation has placeholders [] in en-US but [{key} {value}] in zh-CN`},
		{"unknown and missing columns",
			map[string]func(string) string{enFile: replace("Description | Solution |\n|---|---|---|---|---|\n400", "Description | Fix |\n|---|---|---|---|---|\n400")},
			"shop-errors.en-US.txt:4: unknown column \"Fix\"\n" +
				"shop-errors.en-US.txt:4: no remediation column (处理措施, Solution, Corrective Action)"},
		{"derived name collides",
			map[string]func(string) string{namesFile: replace("shop.107002 | Scenario is not exists | ShopScenarioNotFound |", "shop.107002 | Scenario is not exists | ShopTagUsedInSegments |")},
			`shop-errors.en-US.txt:8: shop.101006: derived name "ShopTagUsedInSegments" is already the name of shop.107002 at shop-errors.en-US.txt:7; record another in the names file`},
		{"recorded name is a constructor's",
			map[string]func(string) string{namesFile: replace("| ShopScenarioNotFound |", "| ShopInvalidParamWith |")},
			`shop-errors.en-US.txt:7: shop.107002: name recorded at names.txt:9 "ShopInvalidParamWith" is the name of the constructor of shop.000003 at shop-errors.en-US.txt:6; record another in the names file`},
		{"recorded name not an identifier",
			map[string]func(string) string{namesFile: replace("| ShopScenarioNotFound |", "| scenario-not-found |")},
			`shop-errors.en-US.txt:7: shop.107002: name recorded at names.txt:9 "scenario-not-found" is not an exported Go identifier; record a name in the names file`},
		{"recorded name for no row",
			map[string]func(string) string{namesFile: replace("Scenario is not exists | ShopScenarioNotFound", "Scenario was not found | ShopScenarioNotFound")},
			`names.txt:9: no documented row has this code and message`},
		{"row without retry policy",
			map[string]func(string) string{retryFile: replace("shop.107002 | 404 | Scenario is not exists | no | The scenario does not exist. |\n", "")},
			`shop-errors.en-US.txt:7: shop.107002 (404 "Scenario is not exists") has no row in retry.txt`},
		{"retry of no known kind",
			map[string]func(string) string{retryFile: replace("| any |", "| maybe |")},
			`retry.txt:8: retry "maybe" is none of no, any, idempotent`},
		{"retry policy for no row",
			map[string]func(string) string{retryFile: replace("shop.202230 | 429", "shop.202230 | 503")},
			"retry.txt:8: no documented row has this code, status and message\n" +
				`shop-errors.en-US.txt:14: shop.202230 (429 "Too many request exceeds the threshold") has no row in retry.txt`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(config(fixture(t, tt.edit)))
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestLoadReadsEveryLineEnding(t *testing.T) {
	want, err := Load(config(fixture(t, nil)))
	require.NoError(t, err)
	for name, eol := range map[string]string{"CRLF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			toEOL := func(s string) string { return strings.ReplaceAll(s, "\n", eol) }
			got, err := Load(config(fixture(t, map[string]func(string) string{
				enFile: toEOL, zhFile: toEOL, namesFile: toEOL, retryFile: toEOL,
			})))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestLoadReportsBadFiles(t *testing.T) {
	srcs := fixture(t, nil)
	_, err := Load(Config{Editions: []Source{{Name: "shop.txt", Data: srcs[enFile].Data}, *srcs[enFile]}})
	require.Error(t, err)
	assert.Equal(t, "shop.txt: file name must be <page>.<language>.<ext>, such as octopus-error-codes.en-US.txt", err.Error())

	_, err = Load(Config{Editions: []Source{*srcs[enFile], *srcs[zhFile], {Name: "other.zh-CN.txt", Data: srcs[zhFile].Data}}})
	require.Error(t, err)
	assert.Equal(t, "other.zh-CN.txt: page other has no en-US edition", err.Error())

	_, err = Load(Config{Editions: []Source{*srcs[zhFile]}})
	require.Error(t, err)
	assert.Equal(t, "-wire: no edition is in the wire language en", err.Error())
}

func TestDeriveName(t *testing.T) {
	for msg, want := range map[string]string{
		"Scenario is not exists":                      "ScenarioIsNotExists",
		"The API does not exist.":                     "APIDoesNotExist",
		"Request params [{key}:{value}] is invalid":   "RequestParamsIsInvalid",
		"Cce interface error":                         "CCEInterfaceError",
		"Built-in Tag Edit Illegal":                   "BuiltInTagEditIllegal",
		"The following protocol is supported: {xxx}":  "FollowingProtocolIsSupported",
		"Iam role is suspended, permission is denied": "IAMRoleIsSuspendedPermissionIsDenied",
	} {
		assert.Equal(t, want, DeriveName("", msg), msg)
	}
	assert.Equal(t, "GatewayBackendTimeout", DeriveName("Gateway", "Backend timeout."))
}

func TestPlaceholderSet(t *testing.T) {
	assert.Equal(t, []string{"{key}", "{value}"}, placeholderSet("[{value}:{key}] {key} {not a placeholder}"))
	assert.Empty(t, placeholderSet("none"))
}
