package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadProc reads the fixture /proc files and the state between two.
func TestReadProc(t *testing.T) {
	a, b := takeSnapshot("testdata/proc/quiet"), takeSnapshot("testdata/proc/later")
	if !a.ok || !b.ok {
		t.Fatal("the fixture /proc files do not read")
	}
	if a.load != 0.52 || a.stat.cpus != 2 || a.stat.total != 116218 || a.stat.steal != 0 || a.stat.ctxt != 2260581 {
		t.Errorf("quiet: load %v, %+v; want 0.52, 2 CPUs, 116218 ticks, steal 0, ctxt 2260581", a.load, a.stat)
	}
	b.stat.at = a.stat.at.Add(2 * time.Second)
	m := between(a, b)
	// later - quiet: 100 user + 50 system + 50 idle + 50 steal ticks, 12345 switches in 2 s.
	if m.LoadStart != 0.52 || m.LoadEnd != 0.58 || m.StealPct != 20 || m.CtxtPerS != 6172.5 || m.CPUs != 2 {
		t.Errorf("between(quiet, later) = %+v, want load 0.52 to 0.58, steal 20 %%, 6172.5 switches/s, 2 CPUs", m)
	}
	if m := between(b, a); m.StealPct != 0 || m.CtxtPerS != 0 {
		t.Errorf("counters going backwards gave %+v, want no steal and no switches", m)
	}
	// 250 ticks on 2 CPUs in 2 s: 62.5 per CPU-second. Busy (not idle,
	// not stolen): 150. A bench that used 1 s of CPU took 62.5 of them, so
	// other processes took 87.5 of 250: 35 %.
	if got := othersPct(a, b, time.Second); got != 35 {
		t.Errorf("othersPct(quiet, later, 1s) = %v, want 35", got)
	}
	if got := othersPct(a, b, 10*time.Second); got != 0 {
		t.Errorf("othersPct with more own time than busy time = %v, want 0", got)
	}
	if got := othersPct(b, a, time.Second); got != 0 {
		t.Errorf("othersPct with counters going backwards = %v, want 0", got)
	}
}

// TestReadProcHostile feeds malformed /proc files: each is an error,
// never a panic, and a huge file is read only up to its bound.
func TestReadProcHostile(t *testing.T) {
	good := "cpu  1 2 3 4 5 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nctxt 9\n"
	for _, tc := range []struct{ name, stat, load string }{
		{"empty", "", ""},
		{"no ctxt", "cpu  1 2 3 4\ncpu0 1 2 3 4\n", "0.1"},
		{"no cpuN", "cpu  1 2 3 4\nctxt 9\n", "0.1"},
		{"short cpu", "cpu 1 2\ncpu0 1 2\nctxt 9\n", "0.1"},
		{"negative", "cpu  -1 2 3 4\ncpu0 1 2 3 4\nctxt 9\n", "0.1"},
		{"overflow", "cpu  1152921504606846976 2 3 4\ncpu0 1 2 3 4\nctxt 9\n", "0.1"},
		{"ctxt word", "cpu  1 2 3 4\ncpu0 1 2 3 4\nctxt many\n", "0.1"},
		{"huge", strings.Repeat("x", 3<<20), "0.1"},
		{"load NaN", good, "NaN 1 1"},
		{"load negative", good, "-1 1 1"},
		{"load huge", good, "1e400 1 1"},
		{"load empty", good, ""},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "stat"), []byte(tc.stat), 0o666)
		os.WriteFile(filepath.Join(dir, "loadavg"), []byte(tc.load), 0o666)
		if s := takeSnapshot(dir); s.ok {
			t.Errorf("%s: takeSnapshot = %+v, want not ok", tc.name, s)
		}
	}
	if s := takeSnapshot(filepath.Join(t.TempDir(), "missing")); s.ok {
		t.Error("a missing /proc reads as ok")
	}
}

// TestWarnBusy checks the warning run prints before it starts: on a
// machine whose load exceeds its CPUs, and not on a quiet one or where
// /proc cannot be read.
func TestWarnBusy(t *testing.T) {
	for _, tc := range []struct {
		dir, want string
	}{
		{"testdata/proc/busy", "framebench: warning: the machine is busy (1-minute load 3.52 on 2 CPUs, CPU steal 0.0 % over 1ms): " +
			"other work will compete with the benchmarks, so the numbers will be noisy; a quiet machine gives tighter intervals\n"},
		{"testdata/proc/quiet", ""},
		{"testdata/proc/missing", ""},
	} {
		var w bytes.Buffer
		warnBusy(context.Background(), &w, tc.dir, time.Millisecond)
		if w.String() != tc.want {
			t.Errorf("warnBusy(%s) printed %q, want %q", tc.dir, w.String(), tc.want)
		}
	}
}
