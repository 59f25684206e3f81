package bench

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"framebench/strategies"

	"golang.org/x/perf/benchfmt"
)

// firstRun reports whether b is provably the first run of its benchmark in
// this process: the call with b.N == 1 that testing makes before anything
// else, under -test.count 1. Only there does a skip print no result line.
//
// testing calls a benchmark function several times: once with b.N = 1
// (run1), then with growing b.N until -benchtime is reached, and all of it
// again for each -count after the first. A skip in run1 of the first count
// ends the benchmark with "--- SKIP"; a skip in any later call leaves the
// run without a result, and testing prints it as a result line of 0
// iterations and NaN ns/op (testing.processBench), which benchstat's U test
// cannot digest (it grew to 24 GB on the committed runs). A failure prints
// "--- FAIL" and no result line. b.N > 1 is always a later call; with
// -count above 1 a call with b.N == 1 may be the first call of a later
// count, and testing offers no way to tell, so fail fails there too: a
// cell that breaks under go test -count 6 reports --- FAIL with its
// "broken:" line (framebench run runs rounds of -count 1).
func firstRun(b *testing.B) bool {
	return b.N == 1 && testCount() == 1
}

// testCount is the -test.count flag's value, 1 if it cannot be read.
func testCount() int {
	f := flag.Lookup("test.count")
	if f == nil {
		return 1
	}
	n, err := strconv.Atoi(f.Value.String())
	if err != nil {
		return 1
	}
	return n
}

// brokenProbeEnv makes BenchmarkBrokenProbe break at the call it names (1
// is the first call of the process); without it the probe skips.
const brokenProbeEnv = "FRAMEBENCH_BROKEN_PROBE"

var probeCalls int

// BenchmarkBrokenProbe has a cell that breaks like oneread at one chosen
// call (size=16B) and one that never does, for TestBrokenLaterRun, which runs it in a child process.
func BenchmarkBrokenProbe(b *testing.B) {
	at, err := strconv.Atoi(os.Getenv(brokenProbeEnv))
	if err != nil {
		b.Skip("probe of TestBrokenLaterRun: runs only in its child process")
	}
	b.Run("size=16B", func(b *testing.B) {
		probeCalls++
		if probeCalls == at {
			c := Cell{Bench: "BrokenProbe", Strategy: "oneread", Size: 16}
			fail(b, c, fmt.Errorf("call %d: %w", probeCalls, strategies.ErrShortRead))
		}
		for range b.N {
		}
	})
	b.Run("size=32B", func(b *testing.B) { // never breaks: the file always has a result
		for range b.N {
		}
	})
}

// TestBrokenLaterRun breaks the probe at each kind of call (the first run,
// a later run of the first count, the first run of a later count, a later
// run of a later count) and checks that the output never holds a result
// line without measurements and that every result benchfmt reads is
// finite (TestBrokenReadByReport: that report classifies the cell as
// broken, not failed).
func TestBrokenLaterRun(t *testing.T) {
	if os.Getenv(brokenProbeEnv) != "" {
		t.Skip("in the probe's child")
	}
	for _, tc := range []struct {
		count, at, results int
		skip               bool // the cell reports --- SKIP, else --- FAIL
	}{
		{1, 1, 0, true},   // run1 of the only count: a skip, as before
		{1, 2, 0, false},  // b.N = 100 after run1: was "0 NaN ns/op"
		{3, 1, 0, false},  // run1 of the first count, under -count 3
		{3, 3, 2, false},  // run1 of the second count: was "--- SKIP" plus a result or a NaN line
		{3, 4, 2, false},  // b.N = 100 in the second count: was "0 NaN ns/op"
		{3, 99, 3, false}, // never breaks
	} {
		name := fmt.Sprintf("count=%d/at=%d", tc.count, tc.at)
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkBrokenProbe$",
				"-test.benchtime=100x", "-test.v", "-test.count="+strconv.Itoa(tc.count))
			cmd.Env = append(os.Environ(), brokenProbeEnv+"="+strconv.Itoa(tc.at))
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Fatal(err)
			}
			text := string(out)
			if strings.Contains(text, "NaN") {
				t.Errorf("output holds NaN:\n%s", text)
			}
			r := benchfmt.NewReader(bytes.NewReader(out), name)
			n := 0
			for r.Scan() {
				if res, ok := r.Result().(*benchfmt.Result); ok && strings.HasPrefix(string(res.Name), "BrokenProbe/size=16B-") {
					n++
					if res.Iters == 0 {
						t.Errorf("result line without iterations: %s", res.Name)
					}
				}
			}
			if n != tc.results {
				t.Errorf("%d result lines, want %d:\n%s", n, tc.results, text)
			}
			broke := tc.at <= 2*tc.count
			if got := strings.Contains(text, "--- SKIP: BenchmarkBrokenProbe/size=16B"); got != (broke && tc.skip) {
				t.Errorf("--- SKIP printed: %v, want %v:\n%s", got, broke && tc.skip, text)
			}
			if !broke {
				return
			}
			if !strings.Contains(text, "broken: call "+strconv.Itoa(tc.at)+": short read") {
				t.Errorf("no broken: line for call %d:\n%s", tc.at, text)
			}
		})
	}
}
