package main

import (
	"bytes"
	"encoding/csv"
	"os/exec"
	"strings"
	"testing"
)

var seedSample = []seedResult{
	{Side: "CPython", Variant: "unbuffered", Size: 10, Outcome: "ok", WireBytes: 28},
	{Side: "CPython", Variant: "unbuffered", Size: 70000, Outcome: "fail", Error: "UnpicklingError: pickle data was truncated", After: "sender blocked | stuck", WireBytes: 70009},
	{Side: "Go", Variant: "oneread", Size: 10, Outcome: "ok", WireBytes: 30},
	{Side: "Go", Variant: "oneread", Size: 70000, Outcome: "fail", Error: "short read", WireBytes: 70013},
}

// TestSeedFormats renders a fixed set of results in each format against
// testdata/seed_*.golden, and checks what the goldens could hide: no row
// for a variant that did not run, the failures named with what followed.
func TestSeedFormats(t *testing.T) {
	rep := seedReport{Header: []string{"go: test", "python: CPython 3.11"}, Sizes: []int{10, 70000}, Results: seedSample}
	outs := map[string]string{}
	for _, format := range []string{"text", "markdown", "csv"} {
		var buf bytes.Buffer
		if err := seedRenderers.write(&buf, format, rep); err != nil {
			t.Fatal(err)
		}
		outs[format] = buf.String()
		checkGolden(t, "testdata/seed_"+format+".golden", buf.String())
	}
	if strings.Contains(outs["markdown"], "pickle.load, buffered pipe") {
		t.Errorf("markdown has rows for variants that did not run:\n%s", outs["markdown"])
	}
	if !strings.Contains(outs["markdown"], "sender blocked \\| stuck") {
		t.Errorf("markdown does not escape the pipe of an error:\n%s", outs["markdown"])
	}
	recs, err := csv.NewReader(strings.NewReader(outs["csv"])).ReadAll()
	if err != nil || len(recs) != 1+len(seedSample) || strings.Join(recs[0], ",") != "side,variant,size,outcome,error,after,wire_bytes,seconds" {
		t.Errorf("csv = %v, %v", recs, err)
	}
	if !strings.Contains(outs["text"], "Go oneread 70000: short read") {
		t.Errorf("text:\n%s", outs["text"])
	}
}

// TestSeedRun runs the real reproduction on both sides of the pipe's
// capacity: CPython's unbuffered pickle.load and Go's oneread fail above
// it, every fix passes.
func TestSeedRun(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not found: the seed reproduction needs CPython")
	}
	var out, stderr bytes.Buffer
	if err := runSeed(&out, &stderr, []string{"-sizes", "1000,200000", "-timeout", "5s", "-format", "csv"}); err != nil {
		t.Fatalf("seed: %v (%s)", err, stderr.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]+" "+r[1]+" "+r[2]] = r[3] + " " + r[4]
	}
	if len(got) != 2*len(seedVariants) {
		t.Errorf("%d results, want %d: %v", len(got), 2*len(seedVariants), got)
	}
	for k, v := range got {
		fails := k == "CPython unbuffered 200000" || k == "Go oneread 200000"
		if fails != strings.HasPrefix(v, "fail") {
			t.Errorf("%s: %s", k, v)
		}
	}
	if v := got["CPython unbuffered 200000"]; !strings.Contains(v, "pickle data was truncated") {
		t.Errorf("CPython unbuffered: %q, want the seed's error", v)
	}
	if v := got["Go oneread 200000"]; !strings.Contains(v, "short read") {
		t.Errorf("Go oneread: %q, want a short read", v)
	}
}
