package report

import (
	"fmt"
	"strings"
)

// count is a table's note that counts its tests or its intervals and says
// how they are decided. It is kept as data, not text, so that a table cut
// down for the README headline (Grid.only) can recount the intervals it
// keeps and say where tests decided together were counted.
type count struct {
	kind  countKind
	n     int
	where string // where n was counted; "" is "this table"
}

type countKind uint8

const (
	// bhTests: the table's tests, decided together by Benjamini–Hochberg
	// (tests.settle), so a cut-down table cannot recount them.
	bhTests countKind = iota
	// fractionIntervals: uncorrected 95 % intervals of the paired fraction
	// table, counted from the cells shown.
	fractionIntervals
	// ceilingIntervals: the same, in the wire ceiling table.
	ceilingIntervals
)

// String is the note.
func (c count) String() string {
	where := c.where
	if where == "" {
		where = "this table"
	}
	switch c.kind {
	case bhTests:
		return fmt.Sprintf("%s in %s (Mann-Whitney U); \"~\" and the p markers by Benjamini–Hochberg at a false-discovery rate of %.2f over them, p shown unadjusted.", plural(c.n, "test"), where, FDR)
	case fractionIntervals:
		return fmt.Sprintf("%s in %s, each at 95 %%, not corrected for multiple comparisons: about 1 in 20 of the cells with no real difference excludes 1 by chance.", plural(c.n, "interval"), where)
	}
	return fmt.Sprintf("%s in %s, each at 95 %%, not corrected for multiple comparisons.", plural(c.n, "interval"), where)
}

// intervals reports whether the count is of intervals, which a table
// counts from the cells it shows.
func (c count) intervals() bool { return c.kind != bhTests }

// countIntervals returns how many of rows' cells hold an interval, "0.98
// [0.96, 1.00]".
func countIntervals(rows [][]string) int {
	n := 0
	for _, r := range rows {
		for _, c := range r[1:] {
			if strings.HasSuffix(c, "]") {
				n++
			}
		}
	}
	return n
}
