package report

import (
	"fmt"

	"golang.org/x/perf/benchmath"
)

// roundValue is one sample with the round it was measured in.
type roundValue struct {
	r Round
	v float64
}

// pairing says how two cells' samples pair by round.
type pairing int

const (
	pairedByRound pairing = iota // the ratios hold one per round the cells share
	noMarkers                    // a cell has samples without a round marker
	otherSlice                   // both have markers but no slice in common
)

// minPairs is the fewest paired samples a paired ratio is shown for: with
// 6, the interval of the median is the sample's range.
const minPairs = 6

// pairRatios divides c's samples in unit by base's, round by round: one
// ratio for each (input, slice, round) in which each cell has exactly one
// sample. A round missing from either cell, or held twice by one, drops
// that pair and shifts no other.
func (ix *Index) pairRatios(base, c Cell, unit string) ([]float64, pairing) {
	a, b := ix.rounds[base][unit], ix.rounds[c][unit]
	count := map[Round]int{}
	slicesA := map[[2]string]bool{}
	for _, x := range a {
		if x.r.Slice == "" {
			return nil, noMarkers
		}
		count[x.r]++
		slicesA[[2]string{x.r.File, x.r.Slice}] = true
	}
	of := map[Round]float64{}
	for _, x := range a {
		of[x.r] = x.v
	}
	countB := map[Round]int{}
	shared := false
	for _, x := range b {
		if x.r.Slice == "" {
			return nil, noMarkers
		}
		countB[x.r]++
		shared = shared || slicesA[[2]string{x.r.File, x.r.Slice}]
	}
	if len(a) > 0 && len(b) > 0 && !shared {
		return nil, otherSlice
	}
	var rs []float64
	for _, x := range b {
		if count[x.r] == 1 && countB[x.r] == 1 && of[x.r] != 0 {
			rs = append(rs, x.v/of[x.r])
		}
	}
	return rs, pairedByRound
}

// pairedText is the median of c's MB/s divided round by round by base's,
// with its 95 % interval, prefixed with label: "0.97 [0.95, 1.00]". It is
// "broken" for a broken cell, "" with fewer than minPairs pairs or without
// round markers, and for a base from another slice the unpaired ratio of
// medians as one of l's tests, marked "†".
func (ix *Index) pairedText(l *lazyRows, base, c Cell, label string) cellText {
	if _, ok := ix.Broken[c]; ok {
		return text("broken")
	}
	rs, how := ix.pairRatios(base, c, unitBps)
	switch {
	case how == otherSlice:
		r, ok := ix.Ratio(base, c, unitBps)
		if !ok {
			return text("")
		}
		return l.ratio(r, func(r Ratio) string { return label + fmtRatio(r) + " †" })
	case how == noMarkers || len(rs) < minPairs:
		return text("")
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(rs, &benchmath.Thresholds{CompareAlpha: ix.alpha}), 0.95)
	return text(fmt.Sprintf("%s%.2f [%.2f, %.2f]", label, s.Center, s.Lo, s.Hi))
}

// pairedAbsence says why the report has no table of per-round ratios, or
// returns "" if it has one.
func (ix *Index) pairedAbsence() string {
	for _, units := range ix.rounds {
		for _, vs := range units {
			for _, x := range vs {
				if x.r.Slice != "" {
					return ""
				}
			}
		}
	}
	return "No table of per-round ratios: the raw output has no round markers (the framebench-round lines framebench run writes before each round), " +
		"so no sample can be paired with the one measured beside it; pairing samples by their position in the file would pair samples measured apart."
}
