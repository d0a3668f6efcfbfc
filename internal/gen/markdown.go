package gen

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/octopus-go/errcode/internal/spec"
)

// Markdown returns the catalog as a Markdown reference: one table per
// group, each row with its status, code, constant, retry policy and, in
// every language, its message and remediation.
func Markdown(c *spec.Catalog) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("<!-- %s -->", strings.TrimPrefix(Header, "// "))
	p("")
	p("# Error code reference")
	p("")
	p("Every documented error, grouped as the documented pages group them. Generated from the tables in docs/ by `go generate ./...`.")
	for gi, g := range c.Groups {
		p("")
		p("## %s", title(g))
		p("")
		p("From %s, table %d.", g.Page, tableNumber(c, gi))
		p("")
		head := []string{"Status", "Code", "Constant", "Retry"}
		for _, l := range c.Langs {
			head = append(head, "Message ("+l+")")
		}
		for _, l := range c.Langs {
			head = append(head, "Remediation ("+l+")")
		}
		p("| %s |", strings.Join(head, " | "))
		p("|%s", strings.Repeat("---|", len(head)))
		for _, r := range g.Rows {
			cells := []string{fmt.Sprint(r.Status), "`" + r.Code + "`", "`" + r.Name + "`", retryCell(r)}
			for _, m := range r.Message {
				cells = append(cells, escape(m))
			}
			for _, m := range r.Remediation {
				cells = append(cells, escape(m))
			}
			p("| %s |", strings.Join(cells, " | "))
		}
	}
	return b.Bytes()
}

func retryCell(r *spec.Row) string {
	if r.Retry == "" {
		return "no"
	}
	return r.Retry
}

// escape keeps a text from breaking its Markdown table cell.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
}
