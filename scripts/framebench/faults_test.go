package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"framebench/faults"
)

// cnt makes Counts in the order of the CSV columns.
func cnt(trials, detected, hung, silent, vanished, lost, atRisk, resynced, harmed int) faults.Counts {
	return faults.Counts{Trials: trials, Detected: detected, Hung: hung, Silent: silent, Vanished: vanished,
		Lost: lost, AtRisk: atRisk, Resynced: resynced, Harmed: harmed}
}

// sampleFaultsReport is a fixed campaign result for the golden files.
func sampleFaultsReport() faultsReport {
	return faultsReport{Trials: 100, Seed: 1, Rows: []faults.Row{
		{Codec: "raw", Strategy: "lenprefix", ByKind: [5]faults.Counts{cnt(100, 2, 0, 97, 1, 5, 700, 90, 95), cnt(50, 46, 0, 0, 0, 0, 150, 0, 0),
			cnt(18, 0, 0, 0, 0, 0, 144, 0, 0), cnt(54, 54, 0, 0, 0, 216, 432, 0, 48), cnt(4, 2, 0, 2, 0, 6, 24, 2, 3)}},
		{Codec: "raw", Strategy: "lenprefix-crc", ByKind: [5]faults.Counts{cnt(100, 100, 0, 0, 0, 0, 700, 88, 90), cnt(60, 56, 0, 0, 0, 0, 180, 0, 0),
			cnt(18, 0, 0, 0, 0, 0, 144, 0, 0), cnt(54, 54, 0, 0, 0, 72, 432, 32, 48), cnt(4, 3, 0, 0, 0, 1, 24, 3, 3)}},
		{Codec: "json", Strategy: "stream", ByKind: [5]faults.Counts{cnt(100, 40, 0, 55, 3, 140, 700, 50, 97), cnt(70, 62, 0, 0, 0, 0, 210, 0, 0),
			cnt(18, 0, 1, 0, 0, 5, 144, 0, 1), cnt(54, 54, 0, 0, 0, 216, 432, 0, 48), cnt(4, 2, 0, 0, 0, 8, 24, 0, 2)}},
	}}
}

func TestFaultsGolden(t *testing.T) {
	rep := sampleFaultsReport()
	rep.Header = []string{"command: framebench faults", "commit: 0123456789ab"}
	for _, format := range []string{"text", "markdown", "csv", "json"} {
		var buf bytes.Buffer
		if err := faultsRenderers.write(&buf, format, rep); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata", "faults_"+format+".golden"), buf.String())
	}
}

// TestFaultsCommand runs a small real campaign: the CSV has the documented
// columns and a line per pair and kind, lenprefix-crc no silent corruption,
// plain lenprefix with raw many.
func TestFaultsCommand(t *testing.T) {
	args := []string{"faults", "-format", "csv", "-trials", "300", "-seed", "3", "-strategy", "lenprefix,lenprefix-crc", "-codec", "raw"}
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, args); err != nil {
		t.Fatalf("faults = %v\n%s", err, stderr.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(stdout.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(recs[0], ","), "codec,strategy,kind,trials,detected,hung,silent,vanished,lost,at_risk,resynced,harmed"; got != want {
		t.Errorf("CSV header %q, want %q", got, want)
	}
	if len(recs) != 1+2*len(faults.Kinds) {
		t.Fatalf("%d CSV lines, want a header and 2 pairs × %d kinds:\n%s", len(recs), len(faults.Kinds), stdout.String())
	}
	silent := map[string]int{}
	for _, r := range recs[1:] {
		if r[2] == "bitflip" {
			if r[3] != "300" {
				t.Errorf("%s: %s bit-flip trials, want 300", r[1], r[3])
			}
			silent[r[1]], _ = strconv.Atoi(r[6])
		}
	}
	if silent["lenprefix-crc"] != 0 || silent["lenprefix"] < 250 {
		t.Errorf("silent corruptions: %v; want none for lenprefix-crc, most of the 300 bit flips for lenprefix", silent)
	}
	if !strings.Contains(stderr.String(), "faults: 2/2 ") {
		t.Errorf("no progress on stderr:\n%s", stderr.String())
	}
}

// TestFaultsReproduce: two runs of the command, in two processes (where
// map order and hash seeds differ), with the same seed print the same
// tables, pickle and every strategy included; they differ only in their
// header, which records the command, the commit (and whether the tree was
// dirty), the date and the time taken; -out writes the same markdown.
func TestFaultsReproduce(t *testing.T) {
	codecs := "pickle,json" // every strategy, oneread's trials on transports included
	if testing.Short() {
		codecs = "pickle"
	}
	var outs [2]string
	for i := range outs {
		dir := t.TempDir()
		stdout, stderr, code := runMain(t, nil, "faults", "-format", "markdown", "-trials", "200", "-seed", "11", "-codec", codecs, "-out", dir)
		if code != 0 {
			t.Fatalf("run %d: status %d\n%s", i, code, stderr)
		}
		md, err := os.ReadFile(filepath.Join(dir, "faults.md"))
		if err != nil {
			t.Fatal(err)
		}
		head, body, ok := strings.Cut(string(md), "\n- ")
		if !ok || !strings.Contains(body, "pickle") || stdout != string(md) {
			t.Fatalf("run %d: faults.md is not what -format markdown printed", i)
		}
		if !regexp.MustCompile(`\n    commit: ([0-9a-f]{12}(-dirty)?|unknown)\n`).MatchString(head) {
			t.Errorf("run %d: faults.md's header records no commit:\n%s", i, head)
		}
		_, outs[i], _ = strings.Cut(stdout, "\n- ") // the tables, after the header that names the run
	}
	if outs[0] != outs[1] {
		t.Errorf("two runs with seed 11 differ:\n%s", firstDiff(outs[0], outs[1]))
	}
}

func TestFaultsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"faults", "-format", "xml"},
		{"faults", "-trials", "0"},
		{"faults", "-trials", "10000001"},
		{"faults", "-strategy", "smoke-signals"},
		{"faults", "-codec", "morse"},
		{"faults", "-strategy", "newline", "-codec", "gob"},
		{"faults", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(&stdout, &stderr, args)
		if exitCode(err) != 2 {
			t.Errorf("%q: error %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}
