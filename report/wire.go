package report

import "fmt"

// wireGrid compares BenchmarkWire's ways of sending a 4-byte header with
// the payload (the write paths the header writers choose from:
// strategies.WritePath) with the payload alone in one write, per
// transport and size, with no framing code on either side. Unpaired,
// each cell is the ratio of median MB/s with its U test, decided with
// the table's other tests by Benjamini–Hochberg; paired, the median of
// the per-round ratios with its 95 % interval, and the grid is nil if no
// cell pairs. The last column names the mode the wire ceiling takes
// there (wireBest), so that a reader sees why. It is nil without
// BenchmarkWire results.
func (ix *Index) wireGrid(paired bool) *Grid {
	if !ix.hasWire() || paired && ix.pairedAbsence() != "" {
		return nil
	}
	modes := ix.wireModes()
	g := &Grid{
		Title:  "Write paths: MB/s of a 4-byte header and the payload as a fraction of the payload alone",
		Header: append(append([]string{"transport size"}, modes...), "wire ceiling"),
		Notes: []string{
			"BenchmarkWire, with no framing code on either side: " + wireModesNote +
				"; each against one write of the payload alone (" + wireBase + "). Ratio of median MB/s; \"~\": not significantly different.",
			"wire ceiling: the mode the ceiling tables take there. " + wireBestNote + ".",
		},
	}
	if paired {
		g.Title += ", paired by round"
		g.Notes[0] = "BenchmarkWire, with no framing code on either side: " + wireModesNote +
			"; each mode's MB/s divided by that of one write of the payload alone (" + wireBase + ") in the same round of the same slice, " +
			"the median of the rounds with its 95 % interval; an interval that excludes 1 is a difference. " +
			fmt.Sprintf("Cells with fewer than %d pairs are left empty.", minPairs)
	}
	var l lazyRows
	for _, t := range ix.Values("transport") {
		for _, size := range ix.sizes(Cell{"Wire", t, "", "", "", ""}, []string{wireBase}) {
			base := Cell{"Wire", t, "", wireBase, "", size}
			row := []cellText{text(t + " " + size)}
			shown := false
			for _, m := range modes {
				c := Cell{"Wire", t, "", m, "", size}
				var cell cellText
				if paired {
					cell = ix.pairedText(&l, base, c, "")
				} else {
					cell = ix.ratioText(&l, base, c)
				}
				shown = shown || cell() != ""
				row = append(row, cell)
			}
			if !shown {
				continue
			}
			l.add(append(row, text(ix.wireBest(t, size)))...)
		}
	}
	if len(l.rows) == 0 {
		return nil
	}
	l.finish(g)
	if paired {
		g.Counts = append(g.Counts, count{kind: ceilingIntervals, n: countIntervals(g.Rows)})
	}
	return g
}

// wireModesNote says what BenchmarkWire's modes do (strategies.WritePath).
const wireModesNote = "writev, one vectored write of header and payload; copy, both copied into one buffer and one write; " +
	"split, one write each; chunk, copied through an aligned 256 KiB buffer, one write per piece"
