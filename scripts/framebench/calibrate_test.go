package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framebench/report"
)

// TestCalibrateReport checks the calibration's README against
// testdata/aa-report.golden.md, written as calibrate writes it and by
// report -out from the raw file. testdata/aa.txt is a real calibration
// (framebench calibrate -count 6 -benchtime 5ms on a busy machine) cut
// down to four of its cells.
func TestCalibrateReport(t *testing.T) {
	raw, err := os.ReadFile("testdata/aa.txt")
	if err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(dir, path string) error{
		"calibrate": func(dir, path string) error {
			a, err := report.AnalyzeAA(path)
			if err != nil {
				return err
			}
			return report.WriteAA(a, report.RunOptions{Dir: dir, Title: "2026-11-30-aa", Raw: "raw.txt"})
		},
		"report -out": func(dir, path string) error {
			return run(new(bytes.Buffer), new(bytes.Buffer), []string{"report", "-out", dir, path})
		},
	} {
		dir := filepath.Join(t.TempDir(), "2026-11-30-aa")
		os.MkdirAll(dir, 0o777)
		path := filepath.Join(dir, "raw.txt")
		if err := os.WriteFile(path, raw, 0o666); err != nil {
			t.Fatal(err)
		}
		if err := write(dir, path); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "testdata/aa-report.golden.md", string(readme))
	}
}

// TestCalibrateFake runs a calibration with the fake bench binary: the
// copies must alternate round by round, b first in even rounds, each
// round headed by its copy's configuration line and its marker, and the
// README must say which copy ran first.
func TestCalibrateFake(t *testing.T) {
	t.Setenv("FRAMEBENCH_FAKE_BENCH", mustAbs(t, "testdata/run.txt"))
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	ss := aaSlices(2, "10ms")
	cells, err := sliceCells(ss, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(cells[0]) != 24 {
		t.Errorf("the calibration runs %d cells, want 24", len(cells[0]))
	}
	var stdout, stderr bytes.Buffer
	dir := filepath.Join(t.TempDir(), "2026-11-30-aa")
	r := newCalibrator(root, dir, &stderr, ss, cells)
	r.binary, r.proc = os.Args[0], "testdata/proc/quiet"
	if err := r.run(context.Background(), &stdout, "aa", ss); err != nil {
		t.Fatalf("calibrate: %v\n%s", err, stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(dir, "raw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	lines := strings.Split(string(raw), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "framebench-round ") {
			heads = append(heads, lines[i-1]+" | "+strings.Join(strings.Fields(l)[1:3], " "))
		}
	}
	var want []string
	for k, order := range [][]string{{"a", "b"}, {"b", "a"}} { // b first in even rounds
		for _, c := range order {
			want = append(want, fmt.Sprintf("copy: %s | slice=aa-%s round=%d", c, c, k+1))
		}
	}
	if got := strings.Join(heads, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("rounds ran as\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"copy a first in 1 of 2 rounds and copy b first in 1", "- Order within a round: b over a where copy a ran first"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
	if !strings.HasPrefix(stdout.String(), "A/A calibration: the U test flagged 0 of ") {
		t.Errorf("stdout = %q, want the calibration's headline", stdout.String())
	}
}

// TestCalibrateBadInput checks calibrate's flag errors.
func TestCalibrateBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-count", "0"}, "calibrate: -count 0: want 1 to 1000 (framebench help calibrate)"},
		{[]string{"-count", "1001"}, "calibrate: -count 1001: want 1 to 1000 (framebench help calibrate)"},
		{[]string{"-benchtime", "soon"}, `calibrate: -benchtime "soon": want a duration such as 50ms or a count such as 100x (framebench help calibrate)`},
		{[]string{"-shuffle", "maybe"}, `calibrate: -shuffle "maybe": want on, off or a number (framebench help calibrate)`},
		{[]string{"extra"}, `calibrate: unexpected argument "extra" (framebench help calibrate)`},
	} {
		err := run(new(bytes.Buffer), new(bytes.Buffer), append([]string{"calibrate"}, tc.args...))
		if err == nil || err.Error() != tc.want || exitCode(err) != 2 {
			t.Errorf("calibrate %q: %v (exit %d), want %q (exit 2)", tc.args, err, exitCode(err), tc.want)
		}
	}
}
