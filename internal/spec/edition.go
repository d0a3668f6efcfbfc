package spec

import (
	"strconv"
	"strings"

	"github.com/octopus-go/errcode/internal/table"
)

// An edition is one page in one language.
type edition struct {
	file   string
	lang   string
	tables []editionTable
}

type editionTable struct {
	pos     table.Pos
	title   string
	entries []entry
}

// An entry is one row of an edition.
type entry struct {
	pos         table.Pos
	status      int
	code        string
	message     string
	description string
	remediation string
}

// readEdition reads the tables of one edition, checking every cell.
func readEdition(src Source, lang string, errs *table.ErrorList) *edition {
	e := &edition{file: src.Name, lang: lang}
	tables, err := table.Read(src.Name, src.Data)
	if err != nil {
		*errs = append(*errs, err.(table.ErrorList)...)
	}
	for _, t := range tables {
		idx, ok := index(&t, editionColumns, errs)
		if !ok {
			continue
		}
		et := editionTable{pos: t.Pos, title: t.Title}
		for _, r := range t.Rows {
			cell := func(field string) string { return r.Cells[idx[field]] }
			en := entry{
				pos:         r.Pos,
				code:        cell("code"),
				message:     cell("message"),
				description: cell("description"),
				remediation: cell("remediation"),
			}
			if checkCells(r, t.Header, errs) {
				en.status = checkStatus(r.Pos, cell("status"), errs)
				checkCode(r.Pos, en.code, errs)
			}
			et.entries = append(et.entries, en)
		}
		e.tables = append(e.tables, et)
	}
	return e
}

// checkCells reports each empty cell of r.
func checkCells(r table.Row, header []string, errs *table.ErrorList) bool {
	ok := true
	for i, c := range r.Cells {
		if c == "" {
			errs.Addf(r.Pos, "empty %s cell", header[i])
			ok = false
		}
	}
	return ok
}

// checkStatus returns s as an HTTP error status, or reports that it is not
// one: Write would send a status below 400 as an interim or successful
// response, and FromResponse would read it as no error.
func checkStatus(pos table.Pos, s string, errs *table.ErrorList) int {
	n, err := strconv.Atoi(s)
	if err != nil || len(s) != 3 || n < 400 || n > 599 {
		errs.Addf(pos, "status %q is not an HTTP error status (400 to 599)", s)
		return 0
	}
	return n
}

// checkCode reports a code that is not <service>.<digits>.
func checkCode(pos table.Pos, code string, errs *table.ErrorList) {
	if !validCode(code) {
		errs.Addf(pos, "code %q is not <service>.<digits>, such as octopus.107002", code)
	}
}

func validCode(code string) bool {
	service, digits, ok := strings.Cut(code, ".")
	if !ok || service == "" || digits == "" {
		return false
	}
	for _, c := range []byte(service) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
