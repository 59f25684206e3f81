package main

import (
	"fmt"
	"regexp"
	"strings"
)

// benchMatcher matches benchmark names as go test -bench does: the regexp
// is split at top-level '|' into alternatives and at '/' (outside brackets
// and parentheses) into one unanchored regexp per name level; levels past
// the last pattern match anything.
type benchMatcher [][]*regexp.Regexp

// compileBench compiles a -bench regexp; errors name the flag.
func compileBench(expr string) (benchMatcher, error) {
	var m benchMatcher
	for _, alt := range splitTop(expr, '|') {
		var levels []*regexp.Regexp
		for _, p := range splitTop(alt, '/') {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, usageError{fmt.Sprintf("-bench %q: %v", expr, err)}
			}
			levels = append(levels, re)
		}
		m = append(m, levels)
	}
	return m, nil
}

func (m benchMatcher) match(name string) bool {
	elems := strings.Split(name, "/")
alts:
	for _, levels := range m {
		for i, e := range elems {
			if i < len(levels) && !levels[i].MatchString(e) {
				continue alts
			}
		}
		return true
	}
	return false
}

// splitTop splits s at sep where sep is outside [...] and (...) and not
// escaped, as testing's splitRegexp does.
func splitTop(s string, sep byte) []string {
	var parts []string
	brackets, parens, start := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			brackets++
		case ']':
			if brackets--; brackets < 0 {
				brackets = 0
			}
		case '(':
			if brackets == 0 {
				parens++
			}
		case ')':
			if brackets == 0 {
				parens--
			}
		case '\\':
			i++
		case sep:
			if brackets == 0 && parens == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}
