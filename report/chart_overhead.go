package report

import (
	"slices"
	"strings"
)

// overheadFigure charts group g on transport t as a fraction of none:
// each line's median MB/s divided by none's median at the same size, a
// line at 1 for none itself, and BenchmarkWire's ceiling where measured.
// ok is false when t has no none to divide by.
func (ix *Index) overheadFigure(t string, g chartGroup) (figure, bool) {
	noneAt := func(codec string) func(string) float64 {
		return func(size string) float64 {
			c := Cell{"Stream", t, codec, noneName(), "blob", size}
			if !ix.present(c) {
				c.Codec = rawName()
			}
			s, ok := ix.Summary(c, unitBps)
			if !ok {
				return 0
			}
			return s.Center
		}
	}
	p := panel{YLabel: "MB/s ÷ median MB/s of none"}
	if slices.Contains(g.Refs, noneName()) {
		p.Series = append(p.Series, ix.line("Stream", t, noneName(), unitBps, 1, noneAt(rawName())))
	}
	if len(p.Series) == 0 || !p.Series[0].hasValue() {
		return figure{}, false
	}
	for _, s := range append(slices.Clone(g.Refs), g.Members...) {
		if s != noneName() {
			p.Series = append(p.Series, ix.line("Stream", t, s, unitBps, 1, noneAt(ix.codecOf("Stream", t, s))))
		}
	}
	notes := []string{"Bands: each 95 % confidence interval of the median divided by none's median; the band around 1 is none's own."}
	if c, modes, ok := ix.wireCeiling(t); ok {
		p.Series = append(p.Series, c)
		notes = append(notes, "wire ceiling: BenchmarkWire's best header write path ("+strings.Join(modes, ", ")+
			") as a fraction of the payload alone in one write, no framing code: the most a length prefix can reach.")
	}
	return figure{
		Chart:  Chart{Name: "overhead-" + t + "-" + g.Name, Title: "Fraction of none's throughput on " + t + ": " + g.Title, Transport: t, Kind: "overhead"},
		Panels: []panel{p},
		Notes:  notes,
	}, true
}

// wireCeiling returns BenchmarkWire's ceiling on transport t: at each
// size, the best header mode's (wireBest) median MB/s divided by the
// median of write (the payload alone), with the best mode's interval
// divided the same way; and the header modes that were best somewhere.
// ok is false without Wire data.
func (ix *Index) wireCeiling(t string) (s series, modes []string, ok bool) {
	s = series{Label: "wire ceiling", Style: ceilingStyle}
	for _, size := range ix.Values("size") {
		n, ok := ParseSize(size)
		base, okb := ix.Summary(Cell{"Wire", t, "", wireBase, "", size}, unitBps)
		m := ix.wireBest(t, size)
		if !ok || n <= 0 || !okb || base.Center <= 0 || m == "" {
			continue
		}
		sum, _ := ix.Summary(Cell{"Wire", t, "", m, "", size}, unitBps)
		s.Pts = append(s.Pts, bandPoint(float64(n), sum.Center, sum.Lo, sum.Hi, 1/base.Center))
		if !slices.Contains(modes, m) {
			modes = append(modes, m)
		}
	}
	slices.Sort(modes)
	return s, modes, len(s.Pts) > 0
}
