package bench

import (
	"bufio"
	"errors"
	"testing"
	"time"

	"framebench/strategies"
)

// fullCheckTime is what the test binary must have left to run the whole
// matrix: about 4 minutes on an idle 2-core machine, 11 on a busy one.
const fullCheckTime = 25 * time.Minute

// TestCheckShape runs the correctness matrix and holds every cell to what
// the design says (Expect): oneread fails where one read cannot return a
// whole message (on pipe: every frame over the pipe's capacity, the seed),
// scanner fails above 64 KiB everywhere, every other strategy passes
// everywhere, and pairs that do not apply are n/a. Under -short, or when
// the test binary's -timeout leaves less than fullCheckTime, it runs a
// reduced matrix (pipe, iopipe and unix, three sizes either side of
// 64 KiB); otherwise every transport and size (go test -timeout 30m).
func TestCheckShape(t *testing.T) {
	var transports []string
	sizes := CheckSizes
	deadline, ok := t.Deadline()
	full := !testing.Short() && (!ok || time.Until(deadline) > fullCheckTime)
	if !full {
		if !testing.Short() {
			t.Logf("the full matrix needs -timeout of %v or more; running the reduced one", fullCheckTime)
		}
		transports = []string{"pipe", "iopipe", "unix"}
		sizes = []int{256, 65535, 65537}
	} else {
		for _, tr := range Transports {
			_, _, stop, err := env.ends(tr, Cell{Transport: tr.Name, Codec: "raw", Strategy: "lenprefix", Payload: strategies.Blob, Size: 16})
			if err != nil {
				t.Logf("transport %s unavailable here, left out: %v", tr.Name, err)
				continue
			}
			stop()
			transports = append(transports, tr.Name)
		}
	}
	pipeCap, err := PipeCapacity()
	if err != nil {
		t.Fatal(err)
	}
	results := env.RunChecks(env.CheckCells(transports, sizes), 0, nil)
	count := map[Expectation]int{}
	seed := false
	for _, r := range results {
		e := Expect(r.Cell, r.Frame, pipeCap)
		count[e]++
		if !e.Meets(r) {
			t.Errorf("%s: %s, want %v: %v", r.Cell.Name(), r.Outcome, e, r.Err)
		}
		c := r.Cell
		if c.Transport == "pipe" && c.Strategy == "oneread" && c.Codec == "raw" && c.Size > 64<<10 && errors.Is(r.Err, strategies.ErrShortRead) {
			seed = true
		}
		if c.Strategy == "scanner" && c.Size > 64<<10 && r.Outcome != NA && !errors.Is(r.Err, bufio.ErrTooLong) {
			t.Errorf("%s: scanner above 64 KiB: %s, %v; want bufio.ErrTooLong", c.Name(), r.Outcome, r.Err)
		}
	}
	if !seed {
		t.Errorf("the seed did not reproduce: oneread with raw on pipe above 64 KiB did not fail with ErrShortRead")
	}
	t.Logf("%d cells: %d must pass, %d must fail, %d may fail, %d n/a", len(results), count[MustPass], count[MustFail], count[MayFail], count[MustNA])
}

// TestExpect checks the expectations on cells whose frame sizes are given,
// without running them.
func TestExpect(t *testing.T) {
	const pipeCap = 65536
	cell := func(tr, codec, s string, size int) Cell {
		return Cell{Bench: Stream, Transport: tr, Codec: codec, Strategy: s, Payload: strategies.Blob, Size: size}
	}
	for _, tc := range []struct {
		c     Cell
		frame int
		want  Expectation
	}{
		{cell("pipe", "raw", "oneread", 65537), 65537, MustFail},
		{cell("pipe", "raw", "oneread", 65532), 65532, MayFail}, // fits alone, not three at once
		{cell("pipe", "raw", "oneread", 4096), 4096, MustPass},
		{cell("pipe1m", "raw", "oneread", 65537), 65537, MustPass}, // three fit in 1 MiB
		{cell("pipe1m", "raw", "oneread", 500000), 500000, MayFail},
		{cell("pipe1m", "raw", "oneread", 1<<20), 1 << 20, MustFail},
		{cell("iopipe", "raw", "oneread", 16<<20), 16 << 20, MustPass},
		{cell("unix", "raw", "oneread", 1<<20), 1 << 20, MayFail},
		{cell("unix", "raw", "oneread", 256), 256, MustPass},
		{cell("proc", "raw", "oneread", 256), 256, MustPass},
		{cell("proc", "raw", "oneread", 65537), 65537, MustFail},
		{cell("file", "raw", "oneread", 16<<20), 16 << 20, MustPass},   // a write arrives whole
		{cell("remote", "raw", "oneread", 256), 256, MayFail},          // a far host's buffers are unknown
		{cell("elsewhere", "raw", "oneread", 256), 256, MayFail},       // so are an unknown transport's
		{cell("pipe", "raw", "oneread", 65536-4), 65536 - 4, MayFail},  // with its 4-byte header: 64 KiB
		{cell("pipe", "raw", "oneread", 65536-3), 65536 - 3, MustFail}, // one byte more than the pipe
		{cell("tcp", "json", "scanner", 65535), 87384, MustFail},
		{cell("tcp", "json", "scanner", 4096), 5500, MustPass},
		{cell("pipe", "raw", "lenprefix", 16<<20), 16 << 20, MustPass},
		{cell("pipe", "raw", "stream", 16), 0, MustNA},
		{cell("pipe", "gob", "newline", 16), 0, MustNA},
	} {
		if got := Expect(tc.c, tc.frame, pipeCap); got != tc.want {
			t.Errorf("Expect(%s, frame %d) = %v, want %v", tc.c.Name(), tc.frame, got, tc.want)
		}
	}
}

// TestExpectationMeets: an expectation refuses the outcomes it must.
func TestExpectationMeets(t *testing.T) {
	c := Cell{Bench: Stream, Transport: "pipe", Codec: "raw", Strategy: "oneread", Payload: strategies.Blob, Size: 65537}
	ok := CheckResult{Cell: c, Outcome: OK}
	short := CheckResult{Cell: c, Outcome: Fail, Err: strategies.ErrShortRead}
	other := CheckResult{Cell: c, Outcome: Fail, Err: errors.New("some other failure")}
	na := CheckResult{Cell: c, Outcome: NA}
	for _, tc := range []struct {
		e    Expectation
		r    CheckResult
		want bool
	}{
		{MustPass, ok, true}, {MustPass, short, false}, {MustPass, na, false},
		{MustFail, short, true}, {MustFail, ok, false}, {MustFail, other, false},
		{MayFail, ok, true}, {MayFail, short, true}, {MayFail, other, false},
		{MustNA, na, true}, {MustNA, ok, false},
	} {
		if got := tc.e.Meets(tc.r); got != tc.want {
			t.Errorf("%v.Meets(%s, %v) = %v, want %v", tc.e, tc.r.Outcome, tc.r.Err, got, tc.want)
		}
	}
}

// TestCheckCells: every strategy, codec, payload and size of each
// transport, applicable or not, in report order.
func TestCheckCells(t *testing.T) {
	cells := CheckCells([]string{"pipe", "tcp"}, []int{16, 65537})
	if want := 2 * len(strategies.Codecs) * len(strategies.Strategies) * len(strategies.Payloads) * 2; len(cells) != want {
		t.Fatalf("CheckCells gave %d cells, want %d", len(cells), want)
	}
	if c := cells[0]; c.Transport != "pipe" || c.Codec != "raw" || c.Strategy != "stream" || c.Size != 16 {
		t.Errorf("first cell %s, want pipe/raw/stream/16B", c.Name())
	}
	r := Check(cells[0])
	if r.Outcome != NA || !errors.Is(r.Err, strategies.ErrNotApplicable) {
		t.Errorf("Check(%s) = %s, %v; want n/a", cells[0].Name(), r.Outcome, r.Err)
	}
}
