package report

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/perf/benchmath"
)

// fractionGrid compares every framing strategy with the strategy ref (none,
// or a peer): the ratio of their median MB/s per transport and size, with
// its significance. Each strategy uses its line codec (raw where it
// applies) and ref is taken with the same codec, or raw. With paired set,
// each cell is instead the median of the sample-by-sample ratios with its
// interval (pairedCell), or the grid is nil if no cell pairs.
func (ix *Index) fractionGrid(ref string, paired bool) *Grid {
	var strategies []string
	for _, s := range ix.Values("strategy") {
		if s != ref && s != "none" {
			strategies = append(strategies, s)
		}
	}
	what := ref
	if ref == "none" {
		what = "none (no framing: the transport's ceiling)"
	}
	g := &Grid{
		Title:  "MB/s as a fraction of " + what,
		Header: append([]string{"transport", "size"}, strategies...),
		Notes: []string{
			fmt.Sprintf("Ratio of median MB/s, blob payload, each strategy with its framing-sweep codec (raw where it applies, else gob or json) against %s with the same codec, or raw.", ref),
			"\"~\": not significantly different (Mann-Whitney U, p > 0.05); \"broken\": the strategy failed its correctness check in that cell.",
		},
	}
	cell := ix.ratioCell
	if paired {
		cell = ix.pairedCell
		g.Title = "MB/s as a fraction of " + what + ", paired by round"
		g.Notes = []string{
			"Median of the per-round ratios with its 95 % confidence interval (distribution-free, as benchstat's): " +
				"the i-th sample of each strategy divided by the i-th sample of " + ref + ". " +
				"framebench run takes every cell's i-th sample in the same run of the bench binary, seconds apart, " +
				"so each ratio cancels what the shared machine was doing then; an interval that excludes 1 is a difference.",
			"Cells with fewer than 6 pairs or unequal sample counts are left empty.",
		}
	}
	wire := ref == "none" && ix.hasWire()
	if wire {
		g.Header = append(g.Header, "wire ceiling")
		g.Notes = append(g.Notes, "wire ceiling: BenchmarkWire's MB/s with a 4-byte header and the payload sent by one writev, against the payload alone sent by one write, "+
			"with no framing code on either side: the most a length prefix can reach against none on that transport and size.")
	}
	for _, t := range ix.Values("transport") {
		if !ix.Has(Cell{"Stream", t, "raw", ref, "blob", ""}) && !ix.Has(Cell{"Stream", t, "gob", ref, "blob", ""}) {
			continue
		}
		for _, size := range ix.sizes(Cell{"Stream", t, "raw", "", "blob", ""}, []string{ref}) {
			row := []string{t, size}
			for _, s := range strategies {
				c := Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", size}
				b := Cell{"Stream", t, c.Codec, ref, "blob", size}
				if !ix.present(b) {
					b.Codec = "raw"
				}
				row = append(row, cell(b, c))
			}
			if wire {
				row = append(row, cell(Cell{"Wire", t, "", "write", "", size}, Cell{"Wire", t, "", "writev", "", size}))
			}
			if paired && strings.Join(row[2:], "") == "" {
				continue
			}
			g.Rows = append(g.Rows, row)
		}
	}
	if len(g.Rows) == 0 {
		return nil
	}
	g.Header = g.Header[1:]
	for i, r := range g.Rows {
		g.Rows[i] = append([]string{r[0] + " " + r[1]}, r[2:]...)
	}
	g.Header[0] = "transport size"
	return g
}

// fractionGrids returns the fraction-of-none table and one per peer
// present in the data.
func (ix *Index) fractionGrids() []*Grid {
	var gs []*Grid
	for _, ref := range append([]string{"none"}, Peers...) {
		if !slices.Contains(ix.Values("strategy"), ref) {
			continue
		}
		if g := ix.fractionGrid(ref, false); g != nil {
			gs = append(gs, g)
		}
	}
	return gs
}

// hasWire reports whether the data holds BenchmarkWire results.
func (ix *Index) hasWire() bool { return slices.Contains(ix.Values("bench"), "Wire") }

// minPairs is the fewest paired samples a paired ratio is shown for: with
// 6, the interval of the median is the sample's range.
const minPairs = 6

// pairedCell is the median of c's samples of MB/s divided one by one by
// base's, in the order they were recorded, with its 95 % interval: "0.97
// [0.95, 1.00]". It is empty when the cells do not pair: a count below
// minPairs, or different counts (a cell that failed part way).
func (ix *Index) pairedCell(base, c Cell) string {
	if _, ok := ix.Broken[c]; ok {
		return "broken"
	}
	a, b := ix.ordered[base][unitBps], ix.ordered[c][unitBps]
	if len(a) != len(b) || len(a) < minPairs {
		return ""
	}
	r := make([]float64, len(a))
	for i := range a {
		if a[i] == 0 {
			return ""
		}
		r[i] = b[i] / a[i]
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(r, &benchmath.Thresholds{CompareAlpha: ix.alpha}), 0.95)
	return fmt.Sprintf("%.2f [%.2f, %.2f]", s.Center, s.Lo, s.Hi)
}
