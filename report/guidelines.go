package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"framebench/bench"
	"framebench/strategies"
)

// guideLines are the lines the run README's guide and the project
// README's headline give beside the tables, where the run has the cells:
// what the naive length prefix costs, what Nagle's algorithm costs a
// frame written in two calls, and which codec is fastest per payload.
func (ix *Index) guideLines() []string {
	var lines []string
	for _, line := range []string{ix.naiveLine(), ix.nagleLine(), ix.codecLine()} {
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// naiveLine says what the naive length prefix costs against the tuned one:
// the range of their MB/s ratios over the transports and sizes measured,
// and its allocations.
func (ix *Index) naiveLine() string {
	naive := strategies.LenPrefixNaive.Name()
	var small, large []float64
	allocs := -1.0
	for _, t := range ix.Values("transport") {
		for _, size := range ix.Values("size") {
			a, b := Cell{"Stream", t, rawName(), lenPrefixName(), "blob", size}, Cell{"Stream", t, rawName(), naive, "blob", size}
			r, ok := ix.Ratio(a, b, unitBps)
			if !ok {
				continue
			}
			if n, _ := ParseSize(size); n >= 64<<10 {
				large = append(large, r.Value)
			} else {
				small = append(small, r.Value)
			}
			if s, ok := ix.Summary(b, "allocs/op"); ok {
				allocs = max(allocs, s.Center)
			}
		}
	}
	if len(small)+len(large) == 0 {
		return ""
	}
	span := func(rs []float64) string {
		lo, hi := fmt.Sprintf("%.2f", slices.Min(rs)), fmt.Sprintf("%.2f", slices.Max(rs))
		if lo == hi {
			return lo
		}
		return lo + "–" + hi
	}
	var parts []string
	if len(small) > 0 {
		parts = append(parts, span(small)+" of "+lenPrefixName()+"'s MB/s below 64 KiB")
	}
	if len(large) > 0 {
		parts = append(parts, span(large)+" from 64 KiB up")
	}
	line := fmt.Sprintf("**Naive framing** (%s: binary.Write, then Write; ReadFull, make, ReadFull) runs at %s (ratios of median MB/s over %d transport and size cells)",
		naive, strings.Join(parts, " and "), len(small)+len(large))
	if allocs >= 0 {
		line += fmt.Sprintf(", with up to %.0f allocations per message where %s makes none", allocs, lenPrefixName())
	}
	return line + "."
}

// nagleLine says what Nagle's algorithm costs a frame written in two calls:
// the smallest ping-pong round trip of the naive length prefix and of the
// tuned one on tcp-nagle, and of the naive one on tcp.
func (ix *Index) nagleLine() string {
	naive, size := strategies.LenPrefixNaive.Name(), ""
	for _, sz := range ix.Values("size") {
		if ix.Sample(Cell{"PingPong", bench.TCPNagle.Name, rawName(), naive, "blob", sz}, unitP50) != nil {
			size = sz
			break
		}
	}
	if size == "" {
		return ""
	}
	p50 := func(t, s string) (float64, bool) {
		sum, ok := ix.Summary(Cell{"PingPong", t, rawName(), s, "blob", size}, unitP50)
		return sum.Center, ok && !math.IsNaN(sum.Center)
	}
	stall, ok1 := p50(bench.TCPNagle.Name, naive)
	one, ok2 := p50(bench.TCPNagle.Name, lenPrefixName())
	fast, ok3 := p50(bench.TCP.Name, naive)
	if !ok1 || !ok2 || !ok3 {
		return ""
	}
	return fmt.Sprintf("**Nagle's algorithm** (%s: TCP_NODELAY off, as CPython's sockets have it) holds a frame written in two calls until the peer's delayed ACK: a %s round trip with %s takes %s (p50) there, against %s on %s; %s, one write per frame, takes %s on %s.",
		bench.TCPNagle.Name, size, naive, fmtSec(stall), fmtSec(fast), bench.TCP.Name, lenPrefixName(), fmtSec(one), bench.TCPNagle.Name)
}

// codecLine names, per payload, the codec with the highest MB/s with the
// reference length prefix on the codec sweep's transport over every size
// measured, decided as the guide's codec rows are.
func (ix *Index) codecLine() string {
	var ts tests
	type row struct {
		p string
		q *question
	}
	var rows []row
	for _, p := range ix.Values("payload") {
		t, s := ix.sweepTransport(lenPrefixName(), p), lenPrefixName()
		q := &question{key: "codec", unit: unitBps, cell: func(c, size string) Cell { return Cell{"Stream", t, c, s, p, size} }}
		for _, c := range ix.Values("codec") {
			if c != rawName() && ix.Has(Cell{"Stream", t, c, s, p, ""}) && !ix.brokeAnywhere(Cell{"Stream", t, c, s, p, ""}) {
				q.cands = append(q.cands, c) // raw serializes nothing: not a candidate
			}
		}
		q.sizes = ix.measuredSizes(Band{"all", 0, math.MaxInt}, q)
		if len(q.cands) >= 3 && len(q.sizes) > 0 && ix.ask(q, &ts) {
			rows = append(rows, row{p, q})
		}
	}
	if len(rows) == 0 {
		return ""
	}
	ts.settle()
	var parts []string
	for _, r := range rows {
		v := ix.decide(r.q)
		parts = append(parts, fmt.Sprintf("%s: %s (%s MB/s, geomean over %s; %s)", r.p, v.useText(func(s string) string { return s }),
			fmtNum(v.Score[v.Pick]/1e6), strings.Join(r.q.sizes, ", "), v.evidence()))
	}
	return "**Fastest codec** with " + lenPrefixName() + " on " + pipeName() + ", per payload: " + strings.Join(parts, "; ") + "."
}
