package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareGate is issue 15's proof: an A/A pair (two copies of the
// same cells on one machine) passes the gate; the same pair with one cell
// 20 % slower fails it, exit status 1, naming that cell alone.
func TestCompareGate(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, []string{"compare", "testdata/aa-a.txt", "testdata/aa-b.txt"}); err != nil {
		t.Fatalf("A/A pair: %v\n%s", err, stdout.String())
	}
	if !strings.Contains(stdout.String(), "PASS") || stderr.Len() > 0 {
		t.Errorf("A/A pair: stdout %q, stderr %q; want PASS and nothing on stderr", stdout.String(), stderr.String())
	}
	stdout.Reset()
	err := run(&stdout, &stderr, []string{"compare", "testdata/aa-a.txt", "testdata/aa-b-slower.txt"})
	name := strings.TrimPrefix(slowCell, "Benchmark")
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "1 of 24 cells fail the gate: "+name) {
		t.Fatalf("one cell 20%% slower: error %v (exit %d), want the gate to fail on %s", err, exitCode(err), name)
	}
	if out := stdout.String(); strings.Count(out, "│ regression") != 1 || !strings.Contains(out, name) || !strings.Contains(out, "FAIL") {
		t.Errorf("one cell 20%% slower: the output does not list that cell alone as a regression:\n%s", out)
	}
	// Above the threshold the same pair passes: the cell is 20 % slower.
	stdout.Reset()
	if err := run(&stdout, &stderr, []string{"compare", "-threshold", "25%", "testdata/aa-a.txt", "testdata/aa-b-slower.txt"}); err != nil {
		t.Errorf("-threshold 25%%: %v, want a pass: the cell is 20%% slower", err)
	}
	// The other way round the slowed cell is an improvement, not a failure.
	stdout.Reset()
	if err := run(&stdout, &stderr, []string{"compare", "testdata/aa-b-slower.txt", "testdata/aa-a.txt"}); err != nil || !strings.Contains(stdout.String(), "1 improvement") {
		t.Errorf("reversed: %v\n%s", err, stdout.String())
	}
}

// TestCompareGolden checks the gate's text, Markdown and JSON against
// testdata/compare-gate.*.golden.
func TestCompareGolden(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json"} {
		var stdout, stderr bytes.Buffer
		err := run(&stdout, &stderr, []string{"compare", "-format", format, "testdata/aa-a.txt", "testdata/aa-b-slower.txt"})
		if exitCode(err) != 1 {
			t.Fatalf("-format %s: %v", format, err)
		}
		checkGolden(t, "testdata/compare-gate_"+format+".golden", stdout.String())
		if format == "json" {
			var doc struct {
				Schema      string
				Pass        bool
				Regressions int
				Cells       []struct{ Regression bool }
			}
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || doc.Schema != "framebench/compare/v1" || doc.Pass || doc.Regressions != 1 || len(doc.Cells) != 24 {
				t.Errorf("JSON: %+v, %v", doc, err)
			}
		}
	}
}

// TestCompareMachines: files whose cpu lines differ (go test's own, which
// overrides the one framebench writes before it) are compared, with a
// loud warning on stderr and in the output.
func TestCompareMachines(t *testing.T) {
	data, err := os.ReadFile("testdata/aa-b.txt")
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.txt")
	if err := os.WriteFile(other, bytes.ReplaceAll(data, []byte("cpu: Oxide Virtual Turin-like Processor"), []byte("cpu: AMD EPYC 7B13")), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, []string{"compare", "testdata/aa-a.txt", other}); err != nil {
		t.Fatalf("compare: %v", err)
	}
	for _, out := range []string{stdout.String(), stderr.String()} {
		if !strings.Contains(out, "WARNING: OLD and NEW come from different machines (cpu: Oxide Virtual Turin-like Processor → AMD EPYC 7B13)") {
			t.Errorf("no warning about the machines:\n%s", out)
		}
	}
}

// TestCompareBroken: a cell that OLD measured and NEW reports as broken
// fails the gate.
func TestCompareBroken(t *testing.T) {
	data, err := os.ReadFile("testdata/aa-b.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if !strings.HasPrefix(line, slowCell+"-2 ") {
			b.WriteString(line)
		}
	}
	b.WriteString("    bench_test.go:82: broken: short read\n--- FAIL: " + slowCell + "-2\n")
	broken := filepath.Join(t.TempDir(), "broken.txt")
	if err := os.WriteFile(broken, []byte(b.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err = run(&stdout, &stderr, []string{"compare", "testdata/aa-a.txt", broken})
	if exitCode(err) != 1 || !strings.Contains(stdout.String(), "Broken in NEW, measured in OLD: "+strings.TrimPrefix(slowCell, "Benchmark")) {
		t.Errorf("a broken cell: %v\n%s", err, stdout.String())
	}
}

// TestCompareBadInput: usage errors, and files with nothing in common.
func TestCompareBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"testdata/aa-a.txt"}, 2},
		{[]string{"testdata/aa-a.txt", "testdata/aa-b.txt", "x"}, 2},
		{[]string{"-threshold", "x", "testdata/aa-a.txt", "testdata/aa-b.txt"}, 2},
		{[]string{"-threshold", "2000%", "testdata/aa-a.txt", "testdata/aa-b.txt"}, 2},
		{[]string{"-metric", "two units", "testdata/aa-a.txt", "testdata/aa-b.txt"}, 2},
		{[]string{"-fdr", "1", "testdata/aa-a.txt", "testdata/aa-b.txt"}, 2},
		{[]string{"-filter", "/transport:(x", "testdata/aa-a.txt", "testdata/aa-b.txt"}, 2},
		{[]string{"-metric", "furlongs/op", "testdata/aa-a.txt", "testdata/aa-b.txt"}, 1},
		{[]string{"testdata/aa-a.txt", "testdata/missing.txt"}, 1},
	} {
		err := run(new(bytes.Buffer), new(bytes.Buffer), append([]string{"compare"}, tc.args...))
		if exitCode(err) != tc.code || strings.Contains(err.Error(), "\n") {
			t.Errorf("compare %q: %v (exit %d), want exit %d and one line", tc.args, err, exitCode(err), tc.code)
		}
	}
}
