package table

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadFindsTablesAmongProse(t *testing.T) {
	src := "\uFEFFError codes\r\n" +
		"Prose | with a pipe but no separator after it.\n" +
		"{\n\"error_code\": \"octopus.402009\"\n}\n" +
		"## First\n" +
		"A | B |\n" +
		"|---|:--:|\n" +
		"1 | x |\r\n" +
		"| 2 | y\n" +
		"C | D |\n" +
		"|---|---|\n" +
		"3 | z |\n" +
		"\n" +
		"# Prose under a heading\n" +
		"trailing prose\n"
	tables, err := Read("p.txt", []byte(src))
	require.NoError(t, err)
	require.Len(t, tables, 2)

	assert.Equal(t, "First", tables[0].Title)
	assert.Equal(t, Pos{"p.txt", 7}, tables[0].Pos)
	assert.Equal(t, []string{"A", "B"}, tables[0].Header)
	assert.Equal(t, []Row{
		{Pos{"p.txt", 9}, []string{"1", "x"}},
		{Pos{"p.txt", 10}, []string{"2", "y"}},
	}, tables[0].Rows)

	assert.Equal(t, "First", tables[1].Title, "a title holds until the next one")
	assert.Equal(t, []string{"C", "D"}, tables[1].Header)
	assert.Equal(t, []Row{{Pos{"p.txt", 13}, []string{"3", "z"}}}, tables[1].Rows)
}

func TestReadReportsEachBadRow(t *testing.T) {
	src := "A | B | C |\n|---|---|---|\n1 | 2 |\n1 | 2 | 3 | 4 |\n1 | 2 | 3 |\n|---|\n"
	tables, err := Read("t.txt", []byte(src))
	require.Error(t, err)
	assert.Equal(t, "t.txt:3: row has 2 cells, header at line 1 has 3\n"+
		"t.txt:4: row has 4 cells, header at line 1 has 3\n"+
		"t.txt:6: row has 1 cells, header at line 1 has 3", err.Error())
	require.Len(t, tables, 1)
	assert.Len(t, tables[0].Rows, 1, "good rows are kept")
}

func TestReadReportsStraySeparatorAndInvalidUTF8(t *testing.T) {
	_, err := Read("t.txt", []byte("prose\n\n|---|---|\nbad \xff line\n"))
	require.Error(t, err)
	assert.Equal(t, "t.txt:1: no table: a table is a header line, a |---| separator line and rows\n"+
		"t.txt:3: table separator without a header line\n"+
		"t.txt:4: line is not valid UTF-8", err.Error())
}

func TestReadReportsEveryLineInsideATableThatIsNotARow(t *testing.T) {
	const head = "# Errors\nA | B |\n|---|---|\n"
	tests := []struct {
		name, src, want string
	}{
		{"blank line, then rows", head + "1 | x |\n\n2 | y |\n",
			"t.txt:5: blank line inside the table at line 2"},
		{"blank lines, then rows", head + "1 | x |\n\n \n\t\n2 | y |\n",
			"t.txt:5: blank line inside the table at line 2"},
		{"prose", head + "1 | x |\nSee below.\n2 | y |\n",
			"t.txt:5: line inside the table at line 2 is not a row; end the table with a # heading"},
		{"prose after a blank line", head + "1 | x |\n\nNotes follow.\n",
			"t.txt:6: line inside the table at line 2 is not a row; end the table with a # heading"},
		{"each problem", head + "1 | x |\n\n2 | y |\nprose\n3 | z |\n\n4 | w |\n",
			"t.txt:5: blank line inside the table at line 2\n" +
				"t.txt:7: line inside the table at line 2 is not a row; end the table with a # heading\n" +
				"t.txt:9: blank line inside the table at line 2"},
		{"a table without rows", head + "\n# Next\nC | D |\n|---|---|\n1 | 2 |\n",
			"t.txt:2: table has no rows"},
		{"no table", "Only prose.\n\n# And a heading\n",
			"t.txt:1: no table: a table is a header line, a |---| separator line and rows"},
		{"empty", "",
			"t.txt:1: no table: a table is a header line, a |---| separator line and rows"},
		{"a header without a separator is no table", "A | B |\n1 | x |\n",
			"t.txt:1: no table: a table is a header line, a |---| separator line and rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("t.txt", []byte(tt.src))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestReadEndsTablesAtHeadingsAndTheEnd(t *testing.T) {
	src := "Intro | with a pipe.\n\n# One\nA | B |\n|---|---|\n1 | x |\n2 | y |\n\n\n# Two\nA | B |\n|---|---|\n3 | z |\nC | D |\n|---|---|\n4 | w |\n\n"
	tables, err := Read("t.txt", []byte(src))
	require.NoError(t, err)
	require.Len(t, tables, 3)
	assert.Len(t, tables[0].Rows, 2)
	assert.Equal(t, "Two", tables[1].Title)
	assert.Len(t, tables[1].Rows, 1)
	assert.Equal(t, []string{"C", "D"}, tables[2].Header, "a header ends the table before it")
	assert.Equal(t, []Row{{Pos{"t.txt", 16}, []string{"4", "w"}}}, tables[2].Rows)
}

func TestReadAcceptsEveryLineEnding(t *testing.T) {
	for name, eol := range map[string]string{"LF": "\n", "CRLF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			src := strings.ReplaceAll("# T\nA | B |\n|---|---|\n1 | x |\n2 | y |\n", "\n", eol)
			tables, err := Read("t.txt", []byte(src))
			require.NoError(t, err)
			require.Len(t, tables, 1)
			assert.Equal(t, []Row{
				{Pos{"t.txt", 4}, []string{"1", "x"}},
				{Pos{"t.txt", 5}, []string{"2", "y"}},
			}, tables[0].Rows)
		})
	}
	// Mixed endings count one line each.
	tables, err := Read("t.txt", []byte("A | B |\r|---|---|\r\n1 | x |\n2 | y |\r"))
	require.NoError(t, err)
	require.Len(t, tables, 1)
	assert.Equal(t, Pos{"t.txt", 4}, tables[0].Rows[1].Pos)
}

func TestErrorListSortAndPos(t *testing.T) {
	var l ErrorList
	l.Add(Pos{"b.txt", 2}, "two")
	l.Addf(Pos{"a.txt", 9}, "nine %d", 9)
	l.Add(Pos{"a.txt", 0}, "whole file")
	l.Sort()
	assert.Equal(t, "a.txt: whole file\na.txt:9: nine 9\nb.txt:2: two", l.Error())
	assert.Nil(t, ErrorList(nil).Err())
}
