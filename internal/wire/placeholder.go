package wire

import (
	"slices"
	"strings"
)

// CutPlaceholder cuts text around its first placeholder: a '{', a name, and
// a '}', where the name is a letter or '_' followed by letters, digits and
// '_' (ASCII), as in "Request params [{key}:{value}] is invalid". Any other
// brace is text.
func CutPlaceholder(text string) (before, name, after string, found bool) {
	for i := 0; i < len(text); i++ {
		open := strings.IndexByte(text[i:], '{')
		if open < 0 {
			break
		}
		i += open
		j := i + 1
		for j < len(text) && isNameByte(text[j], j == i+1) {
			j++
		}
		if j > i+1 && j < len(text) && text[j] == '}' {
			return text[:i], text[i+1 : j], text[j+1:], true
		}
	}
	return text, "", "", false
}

func isNameByte(c byte, first bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || !first && '0' <= c && c <= '9'
}

// Placeholders returns the names of the placeholders of texts, each once,
// in the order they first appear.
func Placeholders(texts ...string) []string {
	var names []string
	for _, text := range texts {
		for {
			_, name, after, found := CutPlaceholder(text)
			if !found {
				break
			}
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
			text = after
		}
	}
	return names
}

// Value returns the last value that params, in name, value pairs, gives
// for name.
func Value(params []string, name string) (string, bool) {
	for i := len(params)&^1 - 2; i >= 0; i -= 2 {
		if params[i] == name {
			return params[i+1], true
		}
	}
	return "", false
}
