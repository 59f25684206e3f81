package report

// cellText is a cell of a table under construction: its text may depend
// on the table's tests, whose verdicts settle only once the table is
// complete (Benjamini–Hochberg needs every p-value of the family).
type cellText func() string

// text is a cell whose text is known now.
func text(s string) cellText { return func() string { return s } }

// lazyRows collects the rows of one table and its tests.
type lazyRows struct {
	rows [][]cellText
	ts   tests
}

func (l *lazyRows) add(row ...cellText) { l.rows = append(l.rows, row) }

// ratio records r as one of the table's tests and returns the cell that
// shows it with format once the verdicts are settled.
func (l *lazyRows) ratio(r Ratio, format func(Ratio) string) cellText {
	p := l.ts.add(r)
	return func() string { return format(*p) }
}

// finish settles the tests and appends the formatted rows to g, and, if
// the table holds tests, the note that says how many and how they are
// decided.
func (l *lazyRows) finish(g *Grid) {
	l.ts.settle()
	for _, row := range l.rows {
		out := make([]string, len(row))
		for i, c := range row {
			out[i] = c()
		}
		g.Rows = append(g.Rows, out)
	}
	if len(l.ts.rs) > 0 {
		g.Counts = append(g.Counts, count{kind: bhTests, n: len(l.ts.rs)})
	}
}

// ratioText is the MB/s ratio of cell c to base as one of l's tests:
// "0.74 (p=0.008)", "0.98 ~", or "broken" or "" without a test.
func (ix *Index) ratioText(l *lazyRows, base, c Cell) cellText {
	if _, ok := ix.Broken[c]; ok {
		return text("broken")
	}
	if r, ok := ix.Ratio(base, c, unitBps); ok {
		return l.ratio(r, fmtRatio)
	}
	return text("")
}
