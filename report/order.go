package report

import (
	"slices"
	"strconv"
	"strings"
)

// Order sorts the values of a name key for reports: sizes by bytes, the
// others in the order of their registry (registryOrder), then unknown
// values in their given order. It returns a new slice.
func Order(key string, vals []string) []string {
	out := slices.Clone(vals)
	order := registryOrder(key)
	rank := func(v string) int {
		if key == "size" {
			n, _ := ParseSize(v)
			return n
		}
		if i := slices.Index(order, v); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}

// ParseSize parses a size as the benchmarks name it: 16B, 4KiB, 1MiB.
func ParseSize(s string) (int, bool) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "MiB"):
		mult, s = 1<<20, strings.TrimSuffix(s, "MiB")
	case strings.HasSuffix(s, "KiB"):
		mult, s = 1<<10, strings.TrimSuffix(s, "KiB")
	case strings.HasSuffix(s, "B"):
		s = strings.TrimSuffix(s, "B")
	default:
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n * mult, true
}
