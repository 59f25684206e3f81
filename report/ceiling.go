package report

import (
	"fmt"

	"golang.org/x/perf/benchmath"
)

// ceilingGrid compares every framing strategy with what the wire allows a
// length prefix there, round by round: in each round, the strategy's MB/s
// as a fraction of none's, divided by the best wire mode's as a fraction
// of write's (BenchmarkWire, the same round). 1 means the framing costs
// no more than the header itself does on that transport and size; below
// 1, the framing code loses throughput the wire would allow. The median
// of the per-round values is shown with its 95 % interval. It is nil
// without round markers or BenchmarkWire data.
func (ix *Index) ceilingGrid() *Grid {
	none := noneName()
	if !ix.hasWire() || ix.pairedAbsence() != "" {
		return nil
	}
	var strategies []string
	for _, s := range ix.Values("strategy") {
		if s != none {
			strategies = append(strategies, s)
		}
	}
	g := &Grid{
		Title:  "MB/s as a fraction of the wire ceiling, paired by round",
		Header: append([]string{"transport size", "wire ceiling"}, strategies...),
		Notes: []string{
			"Per round: the strategy's MB/s over none's, divided by the best wire mode's MB/s over write's (BenchmarkWire, with no framing code), " +
				"all four measured in the same round of the same slice; the median of the rounds with its 95 % interval. " +
				"1 means the framing costs no more than its header does on the wire; the reference framings aim at 0.97 or more. " +
				wireBestNote + "; it is named in the second column.",
		},
	}
	for _, t := range ix.Values("transport") {
		for _, size := range ix.sizes(Cell{"Stream", t, rawName(), "", "blob", ""}, []string{none}) {
			mode := ix.wireBest(t, size)
			if mode == "" {
				continue
			}
			base := []Cell{{"Stream", t, rawName(), none, "blob", size}, {"Wire", t, "", wireBase, "", size}, {"Wire", t, "", mode, "", size}}
			row := []string{t + " " + size, mode}
			shown := false
			for _, s := range strategies {
				c := Cell{"Stream", t, rawName(), s, "blob", size}
				if _, ok := ix.Broken[c]; ok {
					row = append(row, "broken")
					continue
				}
				cell := ix.ceilingText(c, base)
				shown = shown || cell != ""
				row = append(row, cell)
			}
			if shown {
				g.Rows = append(g.Rows, row)
			}
		}
	}
	if len(g.Rows) == 0 {
		return nil
	}
	g.Counts = []count{{kind: ceilingIntervals, n: countIntervals(g.Rows)}}
	return g
}

// ceilingText is c's per-round fraction of the wire ceiling, with base
// none, write and the best mode: "0.98 [0.96, 1.00]", or "" with fewer
// than minPairs rounds that all four cells hold once each.
func (ix *Index) ceilingText(c Cell, base []Cell) string {
	byRound := make([]map[Round]float64, 4)
	for i, cell := range append([]Cell{c}, base...) {
		byRound[i] = ix.roundValues(cell, unitBps)
	}
	var rs []float64
	for r, v := range byRound[0] {
		none, write, best := byRound[1][r], byRound[2][r], byRound[3][r]
		if none > 0 && write > 0 && best > 0 {
			rs = append(rs, (v/none)/(best/write))
		}
	}
	if len(rs) < minPairs {
		return ""
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(rs, &benchmath.Thresholds{CompareAlpha: ix.alpha}), 0.95)
	return fmt.Sprintf("%.2f [%.2f, %.2f]", s.Center, s.Lo, s.Hi)
}

// roundValues returns c's samples in unit by round, for the rounds that
// hold exactly one of them (none without round markers).
func (ix *Index) roundValues(c Cell, unit string) map[Round]float64 {
	count := map[Round]int{}
	out := map[Round]float64{}
	for _, x := range ix.rounds[c][unit] {
		if x.r.Slice == "" {
			continue
		}
		count[x.r]++
		out[x.r] = x.v
	}
	for r, n := range count {
		if n != 1 {
			delete(out, r)
		}
	}
	return out
}
