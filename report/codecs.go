package report

import (
	"fmt"

	"golang.org/x/perf/benchmath"
)

// codecGrids returns the in-memory codec tables (BenchmarkCodec): per
// payload, time per message, MB/s and allocations, rows size, columns codec.
func (ix *Index) codecGrids() []*Grid {
	var gs []*Grid
	for _, p := range ix.Values("payload") {
		codecs := ix.codecsWith(func(c string) Cell { return Cell{"Codec", "", c, "", p, ""} })
		if len(codecs) == 0 {
			continue
		}
		h := append([]string{"size"}, codecs...)
		sec := &Grid{Title: "Encode + decode in memory, " + p + " payload: time per message", Header: h}
		mbs := &Grid{Title: "Encode + decode in memory, " + p + " payload: MB/s", Header: h}
		alloc := &Grid{Title: "Encode + decode in memory, " + p + " payload: bytes and allocations per message", Header: h}
		ix.codecRows([]*Grid{sec, mbs, alloc}, codecs,
			func(c, size string) Cell { return Cell{"Codec", "", c, "", p, size} },
			func(c Cell) string { return ix.show(c, unitSec, showSec) },
			func(c Cell) string { return ix.show(c, unitBps, showMBs) },
			ix.allocCell)
		gs = append(gs, sec, mbs, alloc)
	}
	return gs
}

// codecSweepGrids returns the codec sweep on transport t: per strategy and
// payload, MB/s with rows size and columns codec. Only strategies measured
// with three or more codecs make a table: the framing sweep measures every
// strategy with raw and gob already.
func (ix *Index) codecSweepGrids(t string) []*Grid {
	var gs []*Grid
	for _, s := range ix.Values("strategy") {
		for _, p := range ix.Values("payload") {
			codecs := ix.codecsWith(func(c string) Cell { return Cell{"Stream", t, c, s, p, ""} })
			if len(codecs) < 3 {
				continue
			}
			g := &Grid{Title: fmt.Sprintf("MB/s on %s, strategy %s, %s payload", t, s, p), Header: append([]string{"size"}, codecs...)}
			ix.codecRows([]*Grid{g}, codecs,
				func(c, size string) Cell { return Cell{"Stream", t, c, s, p, size} },
				func(c Cell) string { return ix.show(c, unitBps, showMBs) })
			gs = append(gs, g)
		}
	}
	return gs
}

// codecsWith returns the codecs for which the index has cell at(codec).
func (ix *Index) codecsWith(at func(codec string) Cell) []string {
	var codecs []string
	for _, c := range ix.Values("codec") {
		if ix.Has(at(c)) {
			codecs = append(codecs, c)
		}
	}
	return codecs
}

// codecRows fills gs, one grid per cell function in fs, with a row per size
// and a column per codec, the cells fs[i](at(codec, size)); a size at which
// no codec was measured makes no row.
func (ix *Index) codecRows(gs []*Grid, codecs []string, at func(codec, size string) Cell, fs ...func(Cell) string) {
	for _, size := range ix.Values("size") {
		rows := make([][]string, len(gs))
		for i := range rows {
			rows[i] = []string{size}
		}
		found := false
		for _, c := range codecs {
			cell := at(c, size)
			found = found || ix.present(cell)
			for i, f := range fs {
				rows[i] = append(rows[i], f(cell))
			}
		}
		if found {
			for i, g := range gs {
				g.Rows = append(g.Rows, rows[i])
			}
		}
	}
}

// allocCell formats bytes and allocations per message: "4.0 KiB, 3".
func (ix *Index) allocCell(c Cell) string {
	return ix.pairCell(c, unitBytes, unitAllocs, fmtBytes, ", ")
}

// pairCell formats the medians of two metrics of c, "a<sep>b", the first
// with f and the second as a number, or the first as show does if either
// is missing.
func (ix *Index) pairCell(c Cell, u1, u2 string, f func(float64) string, sep string) string {
	a, ok1 := ix.Summary(c, u1)
	b, ok2 := ix.Summary(c, u2)
	if !ok1 || !ok2 {
		return ix.show(c, u1, showNum)
	}
	return f(a.Center) + sep + fmtNum(b.Center)
}

// fmtBytes formats a byte count: "20 B", "4.0 KiB", "1.0 MiB".
func fmtBytes(n float64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", n/(1<<10))
	}
	return fmt.Sprintf("%.0f B", n)
}

// callsCell formats transport calls per message: "17 / 1" (reads / writes).
func (ix *Index) callsCell(c Cell) string {
	return ix.pairCell(c, unitReads, unitWrites, fmtNum, " / ")
}

// perStrategyGrid is a table of transport t, rows size, columns strategy
// (each with its line codec), cells from f.
func (ix *Index) perStrategyGrid(title, t string, f func(Cell) string) *Grid {
	var strategies []string
	for _, s := range ix.Values("strategy") {
		if ix.lineCodec(t, s) != "" {
			strategies = append(strategies, s)
		}
	}
	if len(strategies) == 0 {
		return nil
	}
	g := &Grid{Title: title, Header: append([]string{"size"}, strategies...)}
	for _, size := range ix.sizes(Cell{Bench: "Stream", Transport: t, Codec: rawName(), Payload: "blob"}, strategies) {
		row := []string{size}
		for _, s := range strategies {
			row = append(row, f(Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", size}))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// pingPongGrid returns the round-trip table of transport t: per strategy,
// codec and size, the time per round trip and its p50 and p99.
func (ix *Index) pingPongGrid(t string) *Grid {
	g := &Grid{Title: "Round trips on " + t, Header: []string{"strategy", "codec", "size", "round trip (median ± CI)", "p50", "p99"}, Align: "lllrrr"}
	pct := func(s benchmath.Summary) string { return fmtSec(s.Center) }
	for _, s := range ix.Values("strategy") {
		for _, c := range ix.Values("codec") {
			for _, p := range ix.Values("payload") {
				if !ix.Has(Cell{"PingPong", t, c, s, p, ""}) {
					continue
				}
				for _, size := range ix.Values("size") {
					cell := Cell{"PingPong", t, c, s, p, size}
					if !ix.present(cell) {
						continue
					}
					codec := c
					if p != "blob" {
						codec += ", " + p
					}
					g.Rows = append(g.Rows, []string{s, codec, size, ix.show(cell, unitSec, showSec), ix.show(cell, unitP50, pct), ix.show(cell, unitP99, pct)})
				}
			}
		}
	}
	if len(g.Rows) == 0 {
		return nil
	}
	return g
}
