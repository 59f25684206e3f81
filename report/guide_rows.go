package report

import (
	"fmt"
	"math"
	"strings"
)

// latencyGrid is the guide's latency table: per transport and size band,
// the strategy with the lowest median round trip (BenchmarkPingPong's
// p50-ns, geomean over the band's sizes) among those that never broke
// there, decided as the throughput rows are, with its p50 and p99.
func (ix *Index) latencyGrid() *Grid {
	var ts tests
	type row struct {
		t string
		b Band
		q *question
	}
	var rows []row
	for _, t := range ix.Values("transport") {
		for _, b := range Bands {
			q := &question{key: "strategy", unit: unitP50, lower: true, prefer: StrategyPreference(),
				cell: func(s, size string) Cell { return Cell{"PingPong", t, ix.pingCodec(t, s), s, "blob", size} }}
			for _, s := range ix.Values("strategy") {
				if neverReason(s) == "" && ix.pingCodec(t, s) != "" && !ix.brokeAnywhere(Cell{"PingPong", t, ix.pingCodec(t, s), s, "blob", ""}) {
					q.cands = append(q.cands, s)
				}
			}
			q.sizes = ix.measuredSizes(b, q)
			if len(q.cands) > 0 && len(q.sizes) > 0 && ix.ask(q, &ts) {
				rows = append(rows, row{t, b, q})
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	ts.settle()
	g := &Grid{Title: "Latency: round trips (BenchmarkPingPong)", Header: []string{"transport", "messages", "use", "p50", "p99", "n, 95 % CI, p", "tied: p50 ratio, smallest p"}, Align: "lllrrll"}
	for _, r := range rows {
		v := ix.decide(r.q)
		cell := func(size string) Cell { return r.q.cell(v.Pick, size) }
		g.Rows = append(g.Rows, []string{r.t, r.b.Name, v.useText(func(s string) string { return withCodec(s, ix.pingCodec(r.t, s)) }),
			fmtSec(ix.geomean(cell, r.q.sizes, unitP50)), fmtSec(ix.geomean(cell, r.q.sizes, unitP99)), v.evidence(), v.tiedText()})
	}
	g.Notes = []string{
		"use: the lowest median p50 round trip (geomean over the band's sizes, blob payload) where the test finds it lower than each other strategy's at some size and higher at none; otherwise any of those it cannot tell apart, named by the throughput rule. p50 and p99: the named strategy's medians over runs of the benchmark's own percentiles, geomean over the band's sizes.",
		guideTestsNote(len(ts.rs)),
	}
	return g
}

// codecGrid is the guide's codec table: per payload and size band, the
// codec with the highest median MB/s with lenprefix and with stream, on the
// transport where the most codecs were measured with that strategy.
func (ix *Index) codecGrid() *Grid {
	var ts tests
	type row struct {
		p, s, t string
		b       Band
		q       *question
	}
	var rows []row
	for _, p := range ix.Values("payload") {
		for _, b := range Bands {
			for _, s := range []string{lenPrefixName(), streamName()} {
				t := ix.sweepTransport(s, p)
				q := &question{key: "codec", unit: unitBps,
					cell: func(c, size string) Cell { return Cell{"Stream", t, c, s, p, size} }}
				for _, c := range ix.Values("codec") {
					if ix.Has(Cell{"Stream", t, c, s, p, ""}) && !ix.brokeAnywhere(Cell{"Stream", t, c, s, p, ""}) {
						q.cands = append(q.cands, c)
					}
				}
				q.sizes = ix.measuredSizes(b, q)
				if len(q.cands) >= 2 && len(q.sizes) > 0 && ix.ask(q, &ts) {
					rows = append(rows, row{p, s, t, b, q})
				}
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	ts.settle()
	g := &Grid{Title: "Codecs: the fastest codec per payload and size", Header: []string{"payload", "messages", "strategy", "use codec", "MB/s", "n, 95 % CI, p", "tied: MB/s ratio, smallest p"}, Align: "llllrll"}
	for _, r := range rows {
		v := ix.decide(r.q)
		g.Rows = append(g.Rows, []string{r.p, r.b.Name, r.s + " on " + r.t, v.useText(func(s string) string { return s }),
			fmtNum(v.Score[v.Pick] / 1e6), v.evidence(), v.tiedText()})
	}
	g.Notes = []string{
		"use codec: the highest median MB/s (geomean over the band's sizes) with that strategy where the test finds it faster than each other codec at some size and slower at none; " +
			"otherwise any of those it cannot tell apart, the first named in the order " + strings.Join(registryOrder("codec"), ", ") + " (the standard library's first). Codecs that broke at any size are left out.",
		guideTestsNote(len(ts.rs)),
	}
	return g
}

// measuredSizes returns the sizes of band b at which some candidate of q
// was measured: the ping-pong and codec cells cover fewer sizes than the
// framing sweep.
func (ix *Index) measuredSizes(b Band, q *question) []string {
	var out []string
	for _, size := range ix.bandSizes(b) {
		for _, c := range q.cands {
			if ix.Sample(q.cell(c, size), q.unit) != nil {
				out = append(out, size)
				break
			}
		}
	}
	return out
}

// sweepTransport returns the transport with Stream cells of strategy s and
// payload p in the most codecs (pipe, in the suite's presets).
func (ix *Index) sweepTransport(s, p string) string {
	best, most := "", 0
	for _, t := range ix.Values("transport") {
		if n := len(ix.codecsWith(func(c string) Cell { return Cell{"Stream", t, c, s, p, ""} })); n > most {
			best, most = t, n
		}
	}
	return best
}

// pingCodec returns the codec that represents strategy s in the ping-pong
// cells of transport t, as lineCodec does for the stream cells.
func (ix *Index) pingCodec(t, s string) string {
	for _, c := range append(sweepCodecs(), ix.Values("codec")...) {
		if ix.Has(Cell{"PingPong", t, c, s, "blob", ""}) {
			return c
		}
	}
	return ""
}

// brokeAnywhere reports whether a cell of group g (Size "") broke.
func (ix *Index) brokeAnywhere(g Cell) bool {
	for _, size := range ix.Values("size") {
		g.Size = size
		if _, ok := ix.Broken[g]; ok {
			return true
		}
	}
	return false
}

// geomean is the geomean over sizes of the medians of cell(size) in unit,
// or NaN if one is missing.
func (ix *Index) geomean(cell func(size string) Cell, sizes []string, unit string) float64 {
	logSum := 0.0
	for _, size := range sizes {
		s, ok := ix.Summary(cell(size), unit)
		if !ok || s.Center <= 0 {
			return math.NaN()
		}
		logSum += math.Log(s.Center)
	}
	return math.Exp(logSum / float64(len(sizes)))
}

// checksumGrid is the cost of the checksum: lenprefix-crc's MB/s against
// lenprefix's per transport and size band (geomean of the ratios of
// medians), marked by the tests at each size, decided together.
func (ix *Index) checksumGrid() *Grid {
	var l lazyRows
	for _, t := range ix.Values("transport") {
		for _, b := range Bands {
			sizes := ix.bandSizes(b)
			a := func(size string) Cell {
				return Cell{"Stream", t, ix.lineCodec(t, lenPrefixName()), lenPrefixName(), "blob", size}
			}
			c := func(size string) Cell {
				return Cell{"Stream", t, ix.lineCodec(t, crcName()), crcName(), "blob", size}
			}
			ga, gc := ix.geomean(a, sizes, unitBps), ix.geomean(c, sizes, unitBps)
			if len(sizes) == 0 || math.IsNaN(ga) || math.IsNaN(gc) {
				continue
			}
			var rs []*Ratio
			for _, size := range sizes {
				if r, ok := ix.Ratio(a(size), c(size), unitBps); ok {
					rs = append(rs, l.ts.add(r))
				}
			}
			l.add(text(t), text(b.Name), func() string {
				minP, sig := 1.0, false
				for _, r := range rs {
					minP, sig = min(minP, r.P), sig || r.Significant
				}
				if !sig {
					return fmt.Sprintf("%.2f ~", gc/ga)
				}
				return fmt.Sprintf("%.2f (p=%.3f)", gc/ga, minP)
			})
		}
	}
	if len(l.rows) == 0 {
		return nil
	}
	g := &Grid{Title: "What the checksum costs: lenprefix-crc's MB/s as a fraction of lenprefix's", Header: []string{"transport", "messages", "lenprefix-crc / lenprefix"}, Align: "llr"}
	g.Notes = []string{"Geomean over the band's sizes of the ratio of median MB/s; \"~\" where the test finds no difference at any size of the band, else the smallest p."}
	l.finish(g)
	return g
}

// guideMore writes the guide's other questions: latency, codecs and
// integrity (from the fault campaign's CSV at faults, if any, and the
// checksum's cost in throughput).
func (m *md) guideMore(ix *Index, faults, machines string) {
	note := func(g *Grid) *Grid {
		if machines != "" {
			g.Notes = append(g.Notes, machines)
		}
		return g
	}
	if g := ix.latencyGrid(); g != nil {
		m.p("### Latency")
		m.grid(note(g))
	}
	if g := ix.codecGrid(); g != nil {
		m.p("### Codecs")
		m.grid(note(g))
	}
	ig, why := (*Grid)(nil), "No integrity rows: no fault campaign file (framebench faults -out results writes results/faults.csv)."
	if faults != "" {
		ig, why = integrityGrid(faults)
	}
	cg := ix.checksumGrid()
	m.p("### Integrity")
	if ig != nil {
		m.grid(ig)
	} else {
		m.p("%s", why)
	}
	if cg != nil {
		m.grid(note(cg))
	}
}
