package spec

import (
	"slices"
	"strconv"
	"strings"

	"github.com/octopus-go/errcode/internal/table"
)

// RetryKinds are the words of the Retry column: not retryable; retryable
// whatever the method, the request not having been processed; retryable
// only when the request is idempotent, as it may have been processed.
var RetryKinds = []string{"no", "any", "idempotent"}

// applyRetry sets each row's retry policy from the retry file, which must
// have exactly one row for each documented row, identified by code, status
// and wire message.
func applyRetry(c *Catalog, src *Source, errs *table.ErrorList) {
	if src == nil {
		return
	}
	type policy struct {
		pos    table.Pos
		retry  string
		reason string
		used   bool
	}
	policies := make(map[string]*policy)
	for _, r := range readRecords(src, func(*table.Table) []column { return retryColumns }, errs) {
		cell := func(field string) string { return r.cells[field] }
		p := &policy{pos: r.pos, retry: cell("retry"), reason: cell("reason")}
		if !slices.Contains(RetryKinds, p.retry) {
			errs.Addf(r.pos, "retry %q is none of %s", p.retry, strings.Join(RetryKinds, ", "))
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
