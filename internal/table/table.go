// Package table reads the pipe tables of the documented error-code pages.
//
// A table is a header line, a separator line such as |---|---|, and the
// lines of cells that follow it. Cells are separated by '|'; a leading and
// a trailing '|' are optional. Everything that is not part of a table
// (prose, JSON examples, blank lines) is ignored, except that a line
// starting with '#' titles the tables that follow it.
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
// A row whose cell count differs from its header's is reported and left out;
// the error, if any, is an ErrorList.
func Read(name string, src []byte) ([]Table, error) {
	var (
		errs   ErrorList
		tables []Table
		title  string
		cur    *Table
	)
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	lines := strings.Split(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		pos := Pos{name, i + 1}
		if !utf8.ValidString(line) {
			errs.Add(pos, "line is not valid UTF-8")
			cur = nil
			continue
		}
		isCells := strings.Contains(line, "|")
		if header := split(line); isCells && i+1 < len(lines) && !isSeparator(line) &&
			isSeparator(strings.TrimSpace(lines[i+1])) && len(split(strings.TrimSpace(lines[i+1]))) == len(header) {
			tables = append(tables, Table{Title: title, Pos: pos, Header: header})
			cur = &tables[len(tables)-1]
			i++ // the separator
			continue
		}
		switch {
		case cur != nil && isCells:
			cells := split(line)
			if len(cells) != len(cur.Header) {
				errs.Add(pos, fmt.Sprintf("row has %d cells, header at line %d has %d", len(cells), cur.Pos.Line, len(cur.Header)))
				continue
			}
			cur.Rows = append(cur.Rows, Row{Pos: pos, Cells: cells})
		case strings.HasPrefix(line, "#"):
			title = strings.TrimSpace(strings.TrimLeft(line, "#"))
			cur = nil
		case isSeparator(line) && cur == nil:
			errs.Add(pos, "table separator without a header line")
		default:
			cur = nil
		}
	}
	return tables, errs.Err()
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
