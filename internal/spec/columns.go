package spec

import (
	"strings"

	"github.com/octopus-go/errcode/internal/table"
)

// A column is a field of a table and the header texts that name it.
type column struct {
	field   string
	headers []string
}

// Columns of an edition of an error-code page, in any order.
var editionColumns = []column{
	{"status", []string{"状态码", "Status Code", "HTTP Status Code"}},
	{"code", []string{"错误码", "Error Code"}},
	{"message", []string{"错误信息", "Error Message"}},
	{"description", []string{"描述", "Description"}},
	{"remediation", []string{"处理措施", "Solution", "Corrective Action"}},
}

// Columns of docs/retry.txt.
var retryColumns = []column{
	{"code", []string{"Error Code"}},
	{"status", []string{"Status Code"}},
	{"message", []string{"Error Message"}},
	{"retry", []string{"Retry"}},
	{"reason", []string{"Reason"}},
}

// Columns of the two tables of docs/names.txt.
var (
	prefixColumns = []column{
		{"service", []string{"Service"}},
		{"prefix", []string{"Prefix"}},
	}
	nameColumns = []column{
		{"code", []string{"Error Code"}},
		{"message", []string{"Error Message"}},
		{"name", []string{"Name"}},
	}
)

// index maps each field of cols to its cell index in t's header. It reports
// a header cell that names no field, or names one twice, and a field that no
// header names; ok is false when any was found.
func index(t *table.Table, cols []column, errs *table.ErrorList) (idx map[string]int, ok bool) {
	idx = make(map[string]int, len(cols))
	ok = true
	for i, h := range t.Header {
		f := fieldOf(h, cols)
		switch _, dup := idx[f]; {
		case f == "":
			errs.Addf(t.Pos, "unknown column %q", h)
			ok = false
		case dup:
			errs.Addf(t.Pos, "column %q appears twice", h)
			ok = false
		default:
			idx[f] = i
		}
	}
	for _, c := range cols {
		if _, found := idx[c.field]; !found {
			errs.Addf(t.Pos, "no %s column (%s)", c.field, strings.Join(c.headers, ", "))
			ok = false
		}
	}
	return idx, ok
}

func fieldOf(header string, cols []column) string {
	for _, c := range cols {
		for _, h := range c.headers {
			if strings.EqualFold(h, header) {
				return c.field
			}
		}
	}
	return ""
}

// matches reports whether t's header is made of exactly the columns cols.
func matches(t *table.Table, cols []column) bool {
	if len(t.Header) != len(cols) {
		return false
	}
	for _, h := range t.Header {
		if fieldOf(h, cols) == "" {
			return false
		}
	}
	return true
}

// A record is a complete row of a table, its cells found by field.
type record struct {
	pos   table.Pos
	cells map[string]string
}

// readRecords reads the tables of src whose columns are those that
// columnsOf picks for each, and returns their complete rows, reporting
// each problem.
func readRecords(src *Source, columnsOf func(*table.Table) []column, errs *table.ErrorList) (recs []record) {
	tables, err := table.Read(src.Name, src.Data)
	if err != nil {
		*errs = append(*errs, err.(table.ErrorList)...)
	}
	for _, t := range tables {
		cols := columnsOf(&t)
		idx, ok := index(&t, cols, errs)
		if !ok {
			continue
		}
		for _, r := range t.Rows {
			if !checkCells(r, t.Header, errs) {
				continue
			}
			cells := make(map[string]string, len(idx))
			for f, i := range idx {
				cells[f] = r.Cells[i]
			}
			recs = append(recs, record{r.Pos, cells})
		}
	}
	return recs
}
