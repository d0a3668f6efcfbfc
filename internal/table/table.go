// Package table reads the pipe tables of the documented error-code pages.
//
// A table is a header line, a separator line such as |---|---|, and the
// rows that follow it, up to the next heading (a line starting with '#'),
// the next table's header, or the end of the file. Cells are separated by
// '|'; a leading and a trailing '|' are optional. Inside a table every line
// must be a row: a line without '|' (prose) is an error, and so is a blank
// line followed by more rows; blank lines may only end a table. Outside
// tables, prose and blank lines are ignored, and a heading titles the tables
// that follow it. Lines end in LF, CRLF or CR alike.
package table

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source file.
type Pos struct {
	File string
	Line int // 1-based
}

// String returns "file:line", or "file" when the line is unknown.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// A Table is one table of a source file.
type Table struct {
	Title  string   // text of the last '#' line before the table, without the '#'s
	Pos    Pos      // position of the header line
	Header []string // header cells, trimmed
	Rows   []Row
}

// A Row is one line of cells.
type Row struct {
	Pos   Pos
	Cells []string // trimmed; as many as the header has
}

// Read returns the tables of src, which was read from the file name.
// Each problem is reported with its position, in an ErrorList: a row whose
// cell count differs from its header's (and it is left out), a line inside
// a table that is not a row, a table without rows, and a src without any
// table.
func Read(name string, src []byte) ([]Table, error) {
	var (
		errs   ErrorList
		tables []Table
		title  string
		cur    *Table
		blank  int // the first blank line since cur's last row, or 0
	)
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	lines := splitLines(string(src))
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		pos := Pos{name, i + 1}
		if !utf8.ValidString(line) {
			errs.Add(pos, "line is not valid UTF-8")
			continue
		}
		isCells := strings.Contains(line, "|")
		if header := split(line); isCells && i+1 < len(lines) && !isSeparator(line) &&
			isSeparator(strings.TrimSpace(lines[i+1])) && len(split(strings.TrimSpace(lines[i+1]))) == len(header) {
			tables = append(tables, Table{Title: title, Pos: pos, Header: header})
			cur, blank = &tables[len(tables)-1], 0
			i++ // the separator
			continue
		}
		switch {
		case strings.HasPrefix(line, "#"):
			title = strings.TrimSpace(strings.TrimLeft(line, "#"))
			cur = nil
		case cur == nil:
			if isSeparator(line) {
				errs.Add(pos, "table separator without a header line")
			}
		case line == "":
			if blank == 0 {
				blank = pos.Line
			}
		case !isCells:
			errs.Add(pos, fmt.Sprintf("line inside the table at line %d is not a row; end the table with a # heading", cur.Pos.Line))
			blank = 0
		default:
			if blank != 0 {
				errs.Add(Pos{name, blank}, fmt.Sprintf("blank line inside the table at line %d", cur.Pos.Line))
				blank = 0
			}
			cells := split(line)
			if len(cells) != len(cur.Header) {
				errs.Add(pos, fmt.Sprintf("row has %d cells, header at line %d has %d", len(cells), cur.Pos.Line, len(cur.Header)))
				continue
			}
			cur.Rows = append(cur.Rows, Row{Pos: pos, Cells: cells})
		}
	}
	for _, t := range tables {
		if len(t.Rows) == 0 {
			errs.Add(t.Pos, "table has no rows")
		}
	}
	if len(tables) == 0 {
		errs.Add(Pos{name, 1}, "no table: a table is a header line, a |---| separator line and rows")
	}
	errs.Sort()
	return tables, errs.Err()
}

// splitLines splits s into lines ended by LF, CRLF or CR.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
}

// split returns the trimmed cells of a table line.
func split(line string) []string {
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	cells := strings.Split(line, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// isSeparator reports whether line is a header separator such as |---|:--:|.
func isSeparator(line string) bool {
	if !strings.Contains(line, "-") {
		return false
	}
	for _, c := range split(line) {
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}
