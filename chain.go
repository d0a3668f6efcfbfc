package errcode

// The one rule that Write, CodeOf, Retryable, RetryAfter and errors.Is
// share: which error of a chain is the package's.

// find returns the first error of the package in err's chain
// ([errors.Unwrap] and errors.Join alike, depth first): a documented Code,
// a non-nil *Error with a documented Code, or a non-nil *ResponseError. It
// returns nil when there is none.
func find(err error) error {
	for err != nil {
		switch e := err.(type) {
		case Code:
			if e.valid() {
				return e
			}
		case *Error:
			if e != nil && e.code.valid() {
				return e
			}
		case *ResponseError:
			if e != nil {
				return e
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, err := range u.Unwrap() {
				if f := find(err); f != nil {
					return f
				}
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// sameWire reports whether target, itself and not its chain, is a Code,
// *Error or *ResponseError whose documented wire code is c's.
func sameWire(c Code, target error) bool {
	var t Code
	switch e := target.(type) {
	case Code:
		t = e
	case *Error:
		t = e.Code()
	case *ResponseError:
		if e != nil {
			t = e.Code
		}
	}
	return c.valid() && t.valid() && rows[c].code == rows[t].code
}
