package spec

import (
	"strconv"

	"github.com/octopus-go/errcode/internal/table"
)

// applyRetry sets each row's retry policy from the retry file, which must
// have exactly one row for each documented row, identified by code, status
// and wire message.
func applyRetry(c *Catalog, src *Source, errs *table.ErrorList) {
	if src == nil {
		return
	}
	type policy struct {
		pos    table.Pos
		retry  bool
		reason string
		used   bool
	}
	policies := make(map[string]*policy)
	for _, r := range readRecords(src, func(*table.Table) []column { return retryColumns }, errs) {
		cell := func(field string) string { return r.cells[field] }
		p := &policy{pos: r.pos, reason: cell("reason")}
		switch cell("retry") {
		case "yes":
			p.retry = true
		case "no":
		default:
			errs.Addf(r.pos, "retry %q is neither yes nor no", cell("retry"))
		}
		key := cell("code") + "\x00" + cell("status") + "\x00" + cell("message")
		if first, dup := policies[key]; dup {
			errs.Addf(r.pos, "%s already has a policy at %s", cell("code"), first.pos)
			continue
		}
		policies[key] = p
	}
	for _, r := range c.Rows() {
		p, ok := policies[r.Code+"\x00"+strconv.Itoa(r.Status)+"\x00"+r.Message[c.Wire]]
		if !ok {
			errs.Addf(r.Pos, "%s (%d %q) has no row in %s", r.Code, r.Status, r.Message[c.Wire], src.Name)
			continue
		}
		r.Retry, r.RetryReason, p.used = p.retry, p.reason, true
	}
	for _, p := range policies {
		if !p.used {
			errs.Addf(p.pos, "no documented row has this code, status and message")
		}
	}
}
