package table

import (
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
	assert.Equal(t, "t.txt:3: table separator without a header line\nt.txt:4: line is not valid UTF-8", err.Error())
}

func TestReadEmpty(t *testing.T) {
	tables, err := Read("e.txt", nil)
	require.NoError(t, err)
	assert.Empty(t, tables)
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
