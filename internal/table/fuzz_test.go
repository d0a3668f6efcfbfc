package table_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/octopus-go/errcode/internal/table"
	"github.com/stretchr/testify/require"
)

// fuzzName is the file name every fuzzed source is read as.
const fuzzName = "fuzz.txt"

// errLine is the form of every line of an error from Read.
var errLine = regexp.MustCompile(`^` + regexp.QuoteMeta(fuzzName) + `(:\d+)?: `)

// FuzzRead feeds any bytes to Read: it must return tables whose rows have as
// many cells as their header, or an ErrorList of "file:line: what is wrong"
// lines, and never panic.
//
//	go test -run '^$' -fuzz '^FuzzRead$' -fuzztime 60s ./internal/table
func FuzzRead(f *testing.F) {
	docs, err := filepath.Glob("../../docs/*.txt")
	require.NoError(f, err)
	require.NotEmpty(f, docs)
	for _, name := range docs {
		src, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(src)
	}
	for _, s := range []string{
		"",
		"|",
		"||\n|-|",
		"a | b\n|---|---|\n1 | 2\n",
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |\n",
		"|---|---|\n",
		"# Title\na|b\n---|---\nx|y\nprose\nx|y\n",
		"\uFEFFa|b\r\n|---|---|\r\n1|2\r\n",
		"a|b\r|---|---|\r1|2\r\r3|4\r",
		"a|b\n|---|---|\n1|2\n\nprose\n3|4\n",
		"a|b\n|---|---|\n\xff|\xfe\n",
		"a|b\n|-|-|\na|b\n|-|-|\n",
		"-\n-\n-",
		"|:|\n|::|\n",
		"a|\n|-|\n\n|\n",
		strings.Repeat("|", 1000) + "\n" + strings.Repeat("|-", 999) + "|\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// Lines end in LF, CRLF or CR.
		lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") +
			strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r") + 1
		tables, err := table.Read(fuzzName, src)
		if err != nil {
			var list table.ErrorList
			require.ErrorAs(t, err, &list)
			require.NotEmpty(t, list)
			msg := strings.Split(err.Error(), "\n")
			require.Len(t, msg, len(list), "one line per problem")
			for i, e := range list {
				require.Regexp(t, errLine, msg[i])
				require.Equal(t, fuzzName, e.Pos.File)
				require.True(t, e.Pos.Line >= 1 && e.Pos.Line <= lines, "line %d of %d", e.Pos.Line, lines)
				require.True(t, utf8.ValidString(msg[i]), "error line %q", msg[i])
			}
		}
		// Plain checks, not require, over every cell: they run on each of
		// the thousands of cells of the documented pages.
		prev := 0
		for _, tb := range tables {
			if tb.Pos.File != fuzzName || tb.Pos.Line <= prev || len(tb.Header) == 0 {
				t.Fatalf("table at %v after line %d, header %q", tb.Pos, prev, tb.Header)
			}
			last := tb.Pos.Line + 1 // the separator
			fuzzCheckCells(t, tb.Pos, tb.Header, len(tb.Header))
			for _, r := range tb.Rows {
				if r.Pos.Line <= last || r.Pos.Line > lines {
					t.Fatalf("row at %v after line %d of %d", r.Pos, last, lines)
				}
				fuzzCheckCells(t, r.Pos, r.Cells, len(tb.Header))
				last = r.Pos.Line
			}
			prev = last
		}
		again, err2 := table.Read(fuzzName, src)
		if !reflect.DeepEqual(tables, again) || !reflect.DeepEqual(err, err2) {
			t.Fatal("Read is not deterministic")
		}
	})
}

// fuzzCheckCells checks the cells of a row or header: as many as the header
// has, each trimmed, valid UTF-8, without '|' or a line break (LF or CR).
func fuzzCheckCells(t *testing.T, pos table.Pos, cells []string, n int) {
	t.Helper()
	if len(cells) != n {
		t.Fatalf("%v: %d cells, header has %d", pos, len(cells), n)
	}
	for _, c := range cells {
		if !utf8.ValidString(c) || strings.ContainsAny(c, "|\n\r") || strings.TrimSpace(c) != c {
			t.Fatalf("%v: cell %q", pos, c)
		}
	}
}
