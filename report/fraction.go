package report

import (
	"fmt"
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// fractionGrid compares every framing strategy with the strategy ref (none,
// or a peer): the ratio of their median MB/s per transport and size, with
// its significance. Each strategy uses its line codec (raw where it
// applies) and ref is taken with the same codec, or raw. With paired set,
// each cell is instead the median of the per-round ratios with its
// interval (pairedText), and the grid is nil if no cell pairs. Beside
// none, a last column shows the wire ceiling (wireText).
func (ix *Index) fractionGrid(ref string, paired bool) *Grid {
	if paired && ix.pairedAbsence() != "" {
		return nil
	}
	var strategies []string
	for _, s := range ix.Values("strategy") {
		if s != ref && s != noneName() {
			strategies = append(strategies, s)
		}
	}
	what := ref
	if ref == noneName() {
		what = "none (no framing: the transport's ceiling)"
	}
	g := &Grid{
		Title:  "MB/s as a fraction of " + what,
		Header: append([]string{"transport size"}, strategies...),
		Notes: []string{
			fmt.Sprintf("Ratio of median MB/s, blob payload, each strategy with its framing-sweep codec (raw where it applies, else gob or json) against %s with the same codec, or raw.", ref),
			"\"~\": not significantly different; \"broken\": the strategy failed its correctness check in that cell.",
		},
	}
	if paired {
		g.Title = "MB/s as a fraction of " + what + ", paired by round"
		g.Notes = []string{
			"Median of the per-round ratios with its 95 % confidence interval (distribution-free, as benchstat's): " +
				"each strategy's MB/s divided by that of " + ref + " in the same round of the same slice, as the raw output's framebench-round lines name them. " +
				"Cells of one slice run seconds apart in each round, so each ratio cancels what the shared machine was doing then; an interval that excludes 1 is a difference. " +
				"A round missing from either cell drops that pair; cells with fewer than 6 pairs are left empty.",
			"† the base was measured in another slice (a codec without its own " + ref + " falls back to raw): no pairs; the ratio of medians and its unpaired test instead.",
		}
	}
	wire := ref == noneName() && ix.hasWire()
	if wire {
		g.Header = append(g.Header, "wire ceiling")
		g.Notes = append(g.Notes, "wire ceiling: BenchmarkWire's best way to send a 4-byte header with the payload (the mode named, of "+
			fmt.Sprint(ix.wireModes())+") against the payload alone in one write, "+
			"with no framing code on either side: the most a length prefix can reach against none on that transport and size. "+
			wireBestNote+"; its test is that of the mode named.")
	}
	var l lazyRows
	for _, t := range ix.Values("transport") {
		if !ix.hasAny(t, ref, sweepCodecs()[:min(2, len(sweepCodecs()))]) {
			continue
		}
		for _, size := range ix.sizes(Cell{"Stream", t, rawName(), "", "blob", ""}, []string{ref}) {
			row := []cellText{text(t + " " + size)}
			for _, s := range strategies {
				c := Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", size}
				b := Cell{"Stream", t, c.Codec, ref, "blob", size}
				if !ix.present(b) {
					b.Codec = rawName()
				}
				if paired {
					row = append(row, ix.pairedText(&l, b, c, ""))
				} else {
					row = append(row, ix.ratioText(&l, b, c))
				}
			}
			if wire {
				row = append(row, ix.wireText(&l, t, size, paired))
			}
			shown := false
			for _, c := range row[1:] {
				shown = shown || c() != "" // a test's text is not settled yet, but it is not empty
			}
			if paired && !shown {
				continue
			}
			l.add(row...)
		}
	}
	if len(l.rows) == 0 {
		return nil
	}
	l.finish(g)
	if paired {
		n := countIntervals(g.Rows)
		if n == 0 && len(l.ts.rs) == 0 {
			return nil
		}
		g.Counts = append(g.Counts, count{kind: fractionIntervals, n: n})
	}
	return g
}

// fractionGrids returns the fraction-of-none table and one per peer
// present in the data.
func (ix *Index) fractionGrids() []*Grid {
	var gs []*Grid
	for _, ref := range append([]string{noneName()}, Peers()...) {
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

// wireBase is BenchmarkWire's mode that sends the payload alone, as none
// does: the base of the wire ceiling.
const wireBase = "write"

// wireModes returns BenchmarkWire's modes other than wireBase.
func (ix *Index) wireModes() []string {
	var out []string
	for _, m := range ix.Values("wire") {
		if m != wireBase {
			out = append(out, m)
		}
	}
	return out
}

// wireDefault is the mode the ceiling falls back on: writev copies
// nothing and needs no buffer, so, as in the writers' calibration
// (bench.MeasureWritePolicy), another mode must earn its place.
const wireDefault = "writev"

// wireBestNote says in the tables how wireBest chooses.
const wireBestNote = "The best mode is " + wireDefault + " unless others are significantly faster than it " +
	"(Bonferroni over the modes: where enough rounds pair for the interval of the per-round ratios to " + wireDefault + " to leave out the extreme pairs at that level, " +
	"the interval lies above 1; elsewhere, the U test), then the fastest of those by median ratio: " +
	"the highest of several near-tied medians would be the luckiest, not the best"

// wireBest returns the ceiling's mode on transport t at size: of the modes
// other than wireBase that are significantly faster than wireDefault
// (wireGain, at α over the number of modes tested, Bonferroni), the one
// with the highest median gain; wireDefault where none is, or the highest
// median without wireDefault data; "" if no mode has results there.
// Taking the highest median of five near-ties would pick whichever mode
// was luckiest, and that luck would count against every framing measured
// against it.
func (ix *Index) wireBest(t, size string) string {
	cell := func(m string) Cell { return Cell{"Wire", t, "", m, "", size} }
	modes := ix.wireModes()
	if _, ok := ix.Summary(cell(wireDefault), unitBps); !ok {
		best, top := "", 0.0
		for _, m := range modes {
			if s, ok := ix.Summary(cell(m), unitBps); ok && s.Center > top {
				best, top = m, s.Center
			}
		}
		return best
	}
	alpha := ix.alpha / float64(max(len(modes)-1, 1))
	best, top := wireDefault, 1.0
	for _, m := range modes {
		if m == wireDefault {
			continue
		}
		if gain, faster := ix.wireGain(cell(wireDefault), cell(m), alpha); faster && gain > top {
			best, top = m, gain
		}
	}
	return best
}

// wireGain is c's MB/s as a multiple of def's and whether c is
// significantly faster at level alpha. Where the two pair by round in
// enough rounds (pairedPower), it is the median of the per-round ratios,
// faster if their interval at 1-alpha lies wholly above 1: each round's
// ratio cancels what the shared machine was doing then, which the U test
// over the pooled samples cannot. Otherwise it is the ratio of medians,
// faster if above 1 with the U test's p at most alpha.
func (ix *Index) wireGain(def, c Cell, alpha float64) (float64, bool) {
	if rs, how := ix.pairRatios(def, c, unitBps); how == pairedByRound && pairedPower(len(rs), alpha) {
		s := benchmath.AssumeNothing.Summary(benchmath.NewSample(rs, &benchmath.Thresholds{CompareAlpha: alpha}), 1-alpha)
		return s.Center, s.Lo > 1
	}
	d, okD := ix.Summary(def, unitBps)
	s, okS := ix.Summary(c, unitBps)
	if !okD || !okS || d.Center <= 0 {
		return 0, false
	}
	cmp, ok := ix.Compare(def, c, unitBps)
	gain := s.Center / d.Center
	return gain, ok && gain > 1 && cmp.P <= alpha
}

// pairedPower reports whether n per-round ratios are enough for the
// interval of their median at 1-alpha to leave out the lowest and highest
// ratio: the chance that a binomial(n, 1/2) count is 0 or 1, on either
// side, is at most alpha. With fewer, that interval is the pairs' whole
// range, and one round against the trend decides: with 10 rounds and three
// modes (α/3) it is, and in results/2026-12-01-speed it missed the split
// that the U test finds faster at pipe1m 1 MiB. So the test is chosen by
// the number of pairs alone, before any data is looked at: 11 pairs or
// more for three modes.
func pairedPower(n int, alpha float64) bool {
	return n >= minPairs && 2*math.Ldexp(float64(n+1), -n) <= alpha
}

// wireText is the wire ceiling on t at size: the best mode's MB/s against
// wireBase's, named, "copy 0.87 (p=0.002)"; paired, "copy 0.87 [0.85, 0.89]".
func (ix *Index) wireText(l *lazyRows, t, size string, paired bool) cellText {
	m := ix.wireBest(t, size)
	base, c := Cell{"Wire", t, "", wireBase, "", size}, Cell{"Wire", t, "", m, "", size}
	if m == "" || ix.Sample(base, unitBps) == nil {
		return text("")
	}
	if paired {
		return ix.pairedText(l, base, c, m+" ")
	}
	cell := ix.ratioText(l, base, c)
	return func() string { return m + " " + cell() }
}

// hasAny reports whether strategy s has Stream blob cells on transport t
// with one of codecs.
func (ix *Index) hasAny(t, s string, codecs []string) bool {
	for _, c := range codecs {
		if ix.Has(Cell{"Stream", t, c, s, "blob", ""}) {
			return true
		}
	}
	return false
}
