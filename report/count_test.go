package report

import (
	"slices"
	"testing"
)

// A table cut down by only counts the intervals it keeps, and says that its
// tests, decided together with the whole table's, were counted there.
func TestGridOnlyCounts(t *testing.T) {
	g := &Grid{
		Header: []string{"transport size", "a", "b"},
		Rows: [][]string{
			{"pipe 16B", "0.90 [0.80, 1.00]", "0.91 (p=0.010)"},
			{"pipe 1MiB", "0.99 [0.95, 1.02]", "1.00 ~"},
			{"tcp 1MiB", "", "broken"},
		},
		Notes:  []string{"what the ratios are"},
		Counts: []count{{kind: bhTests, n: 7}, {kind: fractionIntervals, n: 2}},
	}
	want := []string{
		"what the ratios are",
		"7 tests in this table (Mann-Whitney U); \"~\" and the p markers by Benjamini–Hochberg at a false-discovery rate of 0.05 over them, p shown unadjusted.",
		"2 intervals in this table, each at 95 %, not corrected for multiple comparisons: about 1 in 20 of the cells with no real difference excludes 1 by chance.",
	}
	if got := g.notes(); !slices.Equal(got, want) {
		t.Errorf("notes:\n%q\nwant\n%q", got, want)
	}

	cut := g.only([]string{"a", "b"}, func(r []string) bool { return r[0] != "pipe 16B" }, "the whole table")
	want = []string{
		"what the ratios are",
		"7 tests in the whole table (Mann-Whitney U); \"~\" and the p markers by Benjamini–Hochberg at a false-discovery rate of 0.05 over them, p shown unadjusted.",
		"1 interval in this table, each at 95 %, not corrected for multiple comparisons: about 1 in 20 of the cells with no real difference excludes 1 by chance.",
	}
	if got := cut.notes(); !slices.Equal(got, want) {
		t.Errorf("cut-down notes:\n%q\nwant\n%q", got, want)
	}
	if g.Counts[0].where != "" || g.Counts[1].n != 2 {
		t.Errorf("only changed the original's counts: %+v", g.Counts)
	}

	c := count{kind: ceilingIntervals, n: 3, where: "the run README's whole table"}
	if got, want := c.String(), "3 intervals in the run README's whole table, each at 95 %, not corrected for multiple comparisons."; got != want {
		t.Errorf("ceiling count %q, want %q", got, want)
	}
}
