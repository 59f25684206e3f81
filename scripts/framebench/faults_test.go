package main

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"framebench/faults"
)

// cnt makes Counts in the order of the CSV columns.
func cnt(trials, detected, silent, lost, resynced int) faults.Counts {
	return faults.Counts{Trials: trials, Detected: detected, Silent: silent, Lost: lost, Resynced: resynced}
}

// sampleFaultsReport is a fixed campaign result for the golden files.
func sampleFaultsReport() faultsReport {
	return faultsReport{Trials: 100, Seed: 1, Rows: []faults.Row{
		{Codec: "raw", Strategy: "lenprefix", ByKind: [4]faults.Counts{cnt(100, 2, 97, 5, 90), cnt(50, 46, 0, 0, 0), cnt(18, 0, 0, 0, 0), cnt(54, 54, 0, 216, 0)}},
		{Codec: "raw", Strategy: "lenprefix-crc", ByKind: [4]faults.Counts{cnt(100, 100, 0, 0, 88), cnt(60, 56, 0, 0, 0), cnt(18, 0, 0, 0, 0), cnt(54, 54, 0, 72, 32)}},
		{Codec: "json", Strategy: "stream", ByKind: [4]faults.Counts{cnt(100, 40, 55, 140, 50), cnt(70, 62, 0, 0, 0), cnt(18, 0, 0, 0, 0), cnt(54, 54, 0, 216, 0)}},
	}}
}

func TestFaultsGolden(t *testing.T) {
	rep := sampleFaultsReport()
	rep.Header = []string{"command: framebench faults", "commit: 0123456789ab"}
	for _, format := range []string{"text", "markdown", "csv"} {
		render, err := faultsRenderers.pick(format)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := render(&buf, rep); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata", "faults_"+format+".golden"), buf.String())
	}
}

// TestFaultsCommand runs a small real campaign: the CSV has the documented
// columns, lenprefix-crc no silent corruption, plain lenprefix with raw
// many; the same seed gives the same output.
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
	if got := strings.Join(recs[0], ","); got != "codec,strategy,trials,detected,silent,lost,resynced" {
		t.Errorf("CSV header %q", got)
	}
	if len(recs) != 3 {
		t.Fatalf("%d CSV lines, want a header and 2 pairs:\n%s", len(recs), stdout.String())
	}
	silent := map[string]int{}
	for _, r := range recs[1:] {
		silent[r[1]], _ = strconv.Atoi(r[4])
	}
	if silent["lenprefix-crc"] != 0 || silent["lenprefix"] < 250 {
		t.Errorf("silent corruptions: %v; want none for lenprefix-crc, most of the 300 bit flips for lenprefix", silent)
	}
	if !strings.Contains(stderr.String(), "faults: 2/2 ") {
		t.Errorf("no progress on stderr:\n%s", stderr.String())
	}
	var again bytes.Buffer
	if err := run(&again, &stderr, args); err != nil {
		t.Fatal(err)
	}
	if again.String() != stdout.String() {
		t.Errorf("the same seed gave different counts:\n%s\n%s", stdout.String(), again.String())
	}
}

func TestFaultsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"faults", "-format", "xml"},
		{"faults", "-trials", "0"},
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
