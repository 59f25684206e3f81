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

// TestSeedFormats renders a fixed set of results in each format.
func TestSeedFormats(t *testing.T) {
	sizes, env := []int{10, 70000}, []string{"go: test"}
	var md bytes.Buffer
	if err := seedMarkdown(&md, seedSample, sizes, env); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| side | how the message is read | 10 | 70000 |\n|---|---|---|---|\n",
		"| CPython | pickle.load, unbuffered pipe (the seed) | ok | **fail** |\n",
		"| Go | oneread: one Read per message | ok | **fail** |\n",
		"| CPython | unbuffered | 70000 | UnpicklingError: pickle data was truncated | sender blocked \\| stuck |\n",
		"| Go | oneread: one Read per message | 30 | 70013 |\n",
		"- go: test\n",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if strings.Contains(md.String(), "pickle.load, buffered pipe") {
		t.Errorf("markdown has rows for variants that did not run:\n%s", md.String())
	}
	var c bytes.Buffer
	if err := seedCSV(&c, seedSample, sizes, env); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&c).ReadAll()
	if err != nil || len(recs) != 1+len(seedSample) || strings.Join(recs[0], ",") != "side,variant,size,outcome,error,after,wire_bytes,seconds" {
		t.Errorf("csv = %v, %v", recs, err)
	}
	var txt bytes.Buffer
	seedText(&txt, seedSample, sizes, env)
	if !strings.Contains(txt.String(), "Go oneread 70000: short read") {
		t.Errorf("text:\n%s", txt.String())
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
