package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBenchExit: a bench binary's status 1 is no failure when the cells
// that failed broke by design (a broken: line, as bench's fail logs after
// a cell's first run) and their parents; anything else is.
func TestBenchExit(t *testing.T) {
	exit := func(code string) error { return exec.Command("sh", "-c", "exit "+code).Run() }
	const cell = "BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B"
	brokenOut := cell + "\n" + cell + "-2 \t 100\t 10 ns/op\n    bench_test.go:9: broken: short read\n--- FAIL: " + cell + "-2\n" +
		"--- FAIL: BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob\n--- FAIL: BenchmarkStream\nFAIL\n"
	otherFail := "BenchmarkCodec/codec=gob/payload=blob/size=16B\n    bench_test.go:80: round trip failed: EOF\n--- FAIL: BenchmarkCodec/codec=gob/payload=blob/size=16B\n--- FAIL: BenchmarkCodec\n"
	for _, tc := range []struct {
		name, out, code string
		ok              bool
	}{
		{"broken only", brokenOut, "1", true},
		{"broken and a real failure", brokenOut + otherFail, "1", false},
		{"a real failure", otherFail, "1", false},
		{"status 1, no broken cell", "PASS\n", "1", false},
		{"broken, but status 2 (a panic)", brokenOut + "panic: boom\n", "2", false},
		{"broken, then another message", brokenOut + cell + "\n    bench_test.go:9: watchdog: no progress\n", "1", false},
	} {
		e := newBenchExit()
		for _, l := range strings.Split(tc.out, "\n") {
			e.line(l)
		}
		err := e.check(exit(tc.code))
		if (err == nil) != tc.ok {
			t.Errorf("%s: check = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
	if err := newBenchExit().check(nil); err != nil {
		t.Errorf("check(nil) = %v", err)
	}
}
