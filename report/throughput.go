package report

import (
	"golang.org/x/perf/benchmath"
)

// Units as benchfmt tidies them.
const (
	unitBps    = "B/s"    // from MB/s
	unitSec    = "sec/op" // from ns/op
	unitP50    = "p50-sec"
	unitP99    = "p99-sec"
	unitBytes  = "B/op"
	unitAllocs = "allocs/op"
	unitReads  = "reads/op"
	unitWrites = "writes/op"
)

// present reports whether cell c has results or broke.
func (ix *Index) present(c Cell) bool {
	_, broken := ix.Broken[c]
	return broken || ix.samples[c] != nil
}

// sizes returns the sizes at which some strategy of the list has a cell
// like c (whose Strategy and Size are replaced), in report order.
func (ix *Index) sizes(c Cell, strategies []string) []string {
	var out []string
	for _, size := range ix.Values("size") {
		for _, s := range strategies {
			c.Strategy, c.Size = s, size
			if ix.present(c) {
				out = append(out, size)
				break
			}
		}
	}
	return out
}

// strategiesWith returns the strategies with Stream blob cells on transport
// t and codec c, in report order.
func (ix *Index) strategiesWith(t, c string) []string {
	var out []string
	for _, s := range ix.Values("strategy") {
		if ix.Has(Cell{"Stream", t, c, s, "blob", ""}) {
			out = append(out, s)
		}
	}
	return out
}

// lineCodec returns the codec that represents strategy s on transport t:
// the first of sweepCodecs, then of all codecs, with Stream blob cells.
func (ix *Index) lineCodec(t, s string) string {
	for _, c := range append(sweepCodecs(), ix.Values("codec")...) {
		if ix.Has(Cell{"Stream", t, c, s, "blob", ""}) {
			return c
		}
	}
	return ""
}

// show formats cell c's summary in unit with f, "broken" for a cell that
// broke in any of its runs (some break only now and then) and "" for a
// cell that did not run.
func (ix *Index) show(c Cell, unit string, f func(benchmath.Summary) string) string {
	if _, ok := ix.Broken[c]; ok {
		return "broken"
	}
	if s, ok := ix.Summary(c, unit); ok {
		return f(s)
	}
	return ""
}

func showMBs(s benchmath.Summary) string { return fmtMBs(s) }
func showSec(s benchmath.Summary) string { return fmtSec(s.Center) + " ± " + s.PctRangeString() }
func showNum(s benchmath.Summary) string { return fmtNum(s.Center) }

// noneCell is the ceiling a Stream cell is compared with: raw bytes, no
// framing, on the same transport, payload and size.
func noneCell(c Cell) Cell {
	return Cell{c.Bench, c.Transport, rawName(), noneName(), c.Payload, c.Size}
}

// throughputGrids returns the tables of transport t for codec c: MB/s and
// time per message (median ± 95 % CI) and the ratio of MB/s to none, rows
// size, columns strategy.
func (ix *Index) throughputGrids(t, c string) []*Grid {
	strategies := ix.strategiesWith(t, c)
	if len(strategies) == 0 {
		return nil
	}
	base := Cell{"Stream", t, c, "", "blob", ""}
	sizes := ix.sizes(base, strategies)
	mbs := &Grid{Title: "MB/s on " + t + ", codec " + c + " (median ± 95 % CI)", Header: append([]string{"size"}, strategies...)}
	sec := &Grid{Title: "Time per message on " + t + ", codec " + c, Header: mbs.Header}
	ratio := &Grid{Title: "MB/s as a fraction of none on " + t + ", codec " + c, Header: []string{"size"},
		Notes: []string{"Ratio of medians; \"~\": not significantly different from none."}}
	for _, s := range strategies {
		if s != noneName() {
			ratio.Header = append(ratio.Header, s)
		}
	}
	var rl lazyRows
	for _, size := range sizes {
		rm, rs, rr := []string{size}, []string{size}, []cellText{text(size)}
		for _, s := range strategies {
			cell := base
			cell.Strategy, cell.Size = s, size
			rm = append(rm, ix.show(cell, unitBps, showMBs))
			rs = append(rs, ix.show(cell, unitSec, showSec))
			if s != noneName() {
				rr = append(rr, ix.ratioText(&rl, noneCell(cell), cell))
			}
		}
		mbs.Rows, sec.Rows = append(mbs.Rows, rm), append(sec.Rows, rs)
		rl.add(rr...)
	}
	rl.finish(ratio)
	return []*Grid{mbs, sec, ratio}
}
