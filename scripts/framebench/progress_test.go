package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"framebench/bench"
)

// TestProgress checks the counting of cells from go test -v lines.
func TestProgress(t *testing.T) {
	var w bytes.Buffer
	ss := []slice{{Name: "s", Count: 2}}
	cells := [][]bench.Cell{{
		{Bench: bench.Codec, Codec: "raw", Payload: "blob", Size: 16},
		{Bench: bench.Codec, Codec: "gob", Payload: "blob", Size: 16},
		{Bench: bench.Codec, Codec: "json", Payload: "blob", Size: 16 << 20},
		{Bench: bench.Codec, Codec: "json", Payload: "blob", Size: 16},
	}}
	p := newProgress(&w, ss, cells)
	p.start(0, 1, 2)
	for _, line := range []string{
		"BenchmarkCodec/codec=raw/payload=blob/size=16B",
		"BenchmarkCodec/codec=raw/payload=blob/size=16B-2   \t 100\t 12 ns/op",
		"BenchmarkCodec/codec=raw/payload=blob/size=16B-2   \t 100\t 12 ns/op",
		"BenchmarkCodec/codec=gob/payload=blob/size=16B",
		"    bench_test.go:9: broken: it broke",
		"--- SKIP: BenchmarkCodec/codec=gob/payload=blob/size=16B",
		"BenchmarkCodec/codec=json/payload=blob/size=16B",
		"    bench_test.go:9: broken: it broke in a later run",
		"--- FAIL: BenchmarkCodec/codec=json/payload=blob/size=16B-2",
		"--- FAIL: BenchmarkCodec",
	} {
		p.line(line)
	}
	if p.done != 3 {
		t.Errorf("done = %d after a cell with 2 results, a skipped one and one that failed as broken, want 3", p.done)
	}
	if want := 6.0 / (2 + 2 + 2*9 + 2); math.Abs(p.doneW/p.total-want) > 1e-4 {
		t.Errorf("done weight %.3f, want %.3f (the 16MiB cell weighs 9)", p.doneW/p.total, want)
	}
	if p.samples != 6 || p.allS != 8 {
		t.Errorf("%d of %d samples, want 6 of 8", p.samples, p.allS)
	}
	if !strings.Contains(w.String(), "framebench: [1/1 s, round 1/2] samples 0/8 · cells 0/4 done") {
		t.Errorf("progress output:\n%s", w.String())
	}
}

// TestProgressMoves: with a result per round, every sample moves the
// progress (issue 15: it moved only when all of a cell's rounds were in),
// and the estimate names the slice it is in.
func TestProgressMoves(t *testing.T) {
	var w bytes.Buffer
	ss := []slice{{Name: "a", Count: 3}, {Name: "b", Count: 3}}
	cell := bench.Cell{Bench: bench.Codec, Codec: "raw", Payload: "blob", Size: 16}
	p := newProgress(&w, ss, [][]bench.Cell{{cell}, {cell}})
	p.tty = true // a line per sample
	var lines []string
	for k := 1; k <= 3; k++ {
		p.start(0, k, 3)
		w.Reset()
		p.line(cell.Name() + "-2   \t 100\t 12 ns/op")
		lines = append(lines, w.String())
	}
	for k, l := range lines {
		if want := fmt.Sprintf("[1/2 a, round %d/3] samples %d/6", k+1, k+1); !strings.Contains(l, want) {
			t.Errorf("after round %d: %q, want %q", k+1, l, want)
		}
		if !strings.Contains(l, " of it in a") {
			t.Errorf("after round %d: %q does not say how long slice a has left", k+1, l)
		}
	}
	if p.done != 1 || !strings.Contains(lines[2], "cells 1/2 done") || !strings.Contains(lines[1], "cells 0/2 done") {
		t.Errorf("a cell is done after its 3 rounds: %q", lines)
	}
}
