package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMachineLine checks that a machine line survives a round trip and
// that malformed ones are errors naming the field, never panics.
func TestMachineLine(t *testing.T) {
	m := Machine{Slice: "speed-64KiB", Round: 3, CPUs: 2, LoadStart: 0.52, LoadEnd: 1.75, StealPct: 0.3, CtxtPerS: 12345}
	line := m.String()
	if want := "framebench-machine slice=speed-64KiB round=3 cpus=2 load-start=0.52 load-end=1.75 steal-pct=0.3 ctxt-per-s=12345"; line != want {
		t.Errorf("String() = %q, want %q", line, want)
	}
	if got, err := ParseMachine(line + " future=1"); err != nil || got != m {
		t.Errorf("ParseMachine(%q) = %+v, %v; want %+v", line, got, err, m)
	}
	for _, bad := range []string{
		"",
		"framebench-machine",
		"framebench-round slice=a round=1 rounds=1 order-seed=0",
		"framebench-machine slice=a round=1 cpus=2 load-start=0.5 load-end=0.5 steal-pct=0",
		"framebench-machine slice=a round=0 cpus=2 load-start=0.5 load-end=0.5 steal-pct=0 ctxt-per-s=1",
		"framebench-machine slice=a round=1 cpus=0 load-start=0.5 load-end=0.5 steal-pct=0 ctxt-per-s=1",
		"framebench-machine slice=a round=1 cpus=2 load-start=NaN load-end=0.5 steal-pct=0 ctxt-per-s=1",
		"framebench-machine slice=a round=1 cpus=2 load-start=-1 load-end=0.5 steal-pct=0 ctxt-per-s=1",
		"framebench-machine slice=a round=1 cpus=2 load-start=0.5 load-end=+Inf steal-pct=0 ctxt-per-s=1",
		"framebench-machine slice=a round=1 cpus=2 load-start=0.5 load-end=0.5 steal-pct=101 ctxt-per-s=1",
		"framebench-machine slice=a round=99999999999999999999 cpus=2 load-start=0.5 load-end=0.5 steal-pct=0 ctxt-per-s=1",
		"framebench-machine slice=a round=1 round=1 cpus=2 load-start=0.5 load-end=0.5 steal-pct=0",
		"framebench-machine slice=a round=1 cpus=2 load-start=0.5 load-end=0.5 steal-pct=0 ctxt-per-s=1 " + strings.Repeat("x", 600),
	} {
		if _, err := ParseMachine(bad); err == nil {
			t.Errorf("ParseMachine(%q) = nil error, want one", bad)
		}
	}
}

// TestBusy checks the thresholds: load above the CPUs, steal above 5 %.
func TestBusy(t *testing.T) {
	for _, tc := range []struct {
		load  float64
		cpus  int
		steal float64
		want  string
	}{
		{2, 2, 5, ""},
		{2.01, 2, 0, "load 2.01 on 2 CPUs"},
		{0.1, 2, 5.1, "CPU steal 5.1 %"},
		{9, 4, 20, "load 9.00 on 4 CPUs, CPU steal 20.0 %"},
	} {
		if got := Busy(tc.load, tc.cpus, tc.steal); got != tc.want {
			t.Errorf("Busy(%v, %d, %v) = %q, want %q", tc.load, tc.cpus, tc.steal, got, tc.want)
		}
	}
}

// TestMachineSummary reads machine lines from a raw file with a line far
// longer than the reader's buffer and a malformed machine line, and
// checks the summary and its warning.
func TestMachineSummary(t *testing.T) {
	raw := strings.Join([]string{
		"cpu: Test CPU",
		Machine{Slice: "s", Round: 1, CPUs: 2, LoadStart: 0.5, LoadEnd: 1.5, StealPct: 0.2, CtxtPerS: 1000}.String(),
		"framebench-machine slice=s round=2 cpus=2 load-start=oops",
		strings.Repeat("y", 200<<10),
		Machine{Slice: "s", Round: 3, CPUs: 2, LoadStart: 1.5, LoadEnd: 3.25, StealPct: 0.1, CtxtPerS: 3000}.String(),
		"",
	}, "\n")
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(raw), 0o666); err != nil {
		t.Fatal(err)
	}
	ms, bad, err := readMachines([]string{path})
	if err != nil || len(ms) != 2 || bad != 1 {
		t.Fatalf("readMachines = %d lines, %d bad, %v; want 2 and 1", len(ms), bad, err)
	}
	got := machineSummary(ms, bad)
	for _, want := range []string{
		"over the 2 rounds", "1-minute load 0.50–3.25 on 2 CPUs", "CPU steal at most 0.2 %", "1000–3000 context switches",
		"1 malformed framebench-machine lines were ignored",
		"**Warning: the machine was busy** in 1 of 2 rounds", "worst: load 3.25 on 2 CPUs", "may have competed",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if quiet := machineSummary(ms[:1], 0); strings.Contains(quiet, "Warning") {
		t.Errorf("a quiet round gave a warning:\n%s", quiet)
	}
}

// TestMachineOthers: a line with others-pct round-trips; a round is busy
// by the other processes' share of CPU time, not by a load its own threads
// can make (2.4 on 2 CPUs with 3 % others is quiet); the summary names the
// rule it used, and says when only some rounds record the share.
func TestMachineOthers(t *testing.T) {
	m := Machine{Slice: "s", Round: 1, CPUs: 2, LoadStart: 2.1, LoadEnd: 2.4, StealPct: 0, CtxtPerS: 9000, OthersPct: 3, HasOthers: true}
	line := m.String()
	if !strings.HasSuffix(line, " others-pct=3.0") {
		t.Errorf("String() = %q, want others-pct=3.0 at the end", line)
	}
	if got, err := ParseMachine(line); err != nil || got != m {
		t.Errorf("ParseMachine(%q) = %+v, %v; want %+v", line, got, err, m)
	}
	for _, bad := range []string{line + " others-pct=1", strings.Replace(line, "others-pct=3.0", "others-pct=101", 1), strings.Replace(line, "others-pct=3.0", "others-pct=NaN", 1)} {
		if _, err := ParseMachine(bad); err == nil {
			t.Errorf("ParseMachine(%q) = nil error, want one", bad)
		}
	}
	if why := m.Busy(); why != "" {
		t.Errorf("load 2.4 on 2 CPUs with 3 %% others: Busy = %q, want quiet", why)
	}
	busy := m
	busy.Round, busy.OthersPct = 2, 25
	if why := busy.Busy(); why != "other processes used 25.0 % of the CPUs' time" {
		t.Errorf("25 %% others: Busy = %q", why)
	}
	got := machineSummary([]Machine{m, busy}, 0)
	for _, want := range []string{"other processes at most 25.0 % of the CPUs' time.", "busy** in 1 of 2 rounds (other processes above 10 %", "other work competed"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	old := Machine{Slice: "s", Round: 3, CPUs: 2, LoadStart: 2.5, LoadEnd: 2.5, CtxtPerS: 1}
	got = machineSummary([]Machine{m, old}, 0)
	for _, want := range []string{"in the 1 rounds that record it", "elsewhere a 1-minute load above", "may have competed", "worst: load 2.50 on 2 CPUs"} {
		if !strings.Contains(got, want) {
			t.Errorf("mixed summary lacks %q:\n%s", want, got)
		}
	}
}
