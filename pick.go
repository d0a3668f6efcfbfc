package errcode

import (
	"strings"

	"github.com/octopus-go/errcode/internal/wire"
)

// pick returns the documented row for a wire code as sent, choosing among
// the rows of one code by status, then by message in any language: the
// same in normal form (case, surrounding space and trailing full stops
// aside, see wire.Normalize), or the same up to a colon that adds detail.
// It returns zero for an undocumented code.
func pick(code string, status int, msg string) Code {
	first := lookup(code)
	if first == 0 || rows[first].next == 0 {
		return first
	}
	best, sameStatus := first, false
	for c := first; c != 0; c = rows[c].next {
		if rows[c].status != status {
			continue
		}
		if !sameStatus {
			best, sameStatus = c, true
		}
		if messageMatches(&rows[c], msg) {
			return c
		}
	}
	if !sameStatus {
		for c := first; c != 0; c = rows[c].next {
			if messageMatches(&rows[c], msg) {
				return c
			}
		}
	}
	return best
}

// messageMatches reports whether msg is one of r's messages, in normal
// form, or is one followed by a colon and detail.
func messageMatches(r *row, msg string) bool {
	key := wire.Normalize(msg)
	detail, _, hasDetail := strings.Cut(msg, ":")
	if hasDetail {
		detail = wire.Normalize(detail)
	}
	for _, k := range r.keys {
		if key == k || hasDetail && detail == k {
			return true
		}
	}
	return false
}
