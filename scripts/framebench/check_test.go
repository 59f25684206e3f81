package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framebench/bench"
	"framebench/faults"
	"framebench/strategies"
)

// sampleCheckReport is a small report with every kind of cell and
// recovery result, for the golden files: fixed, so that the files change
// only when the rendering does.
func sampleCheckReport() checkReport {
	cell := func(tr, codec, s string, p strategies.Payload, size int) bench.Cell {
		return bench.Cell{Bench: bench.Stream, Transport: tr, Codec: codec, Strategy: s, Payload: p, Size: size}
	}
	short := &strategies.FrameError{Strategy: "oneread", Op: "read", Index: 0, Offset: 0,
		Err: fmt.Errorf("%w: one read returned 65532 of 65537 bytes", strategies.ErrShortRead)}
	tooLong := &strategies.FrameError{Strategy: "scanner", Op: "read", Index: 0, Offset: 0, Err: bufio.ErrTooLong}
	na := fmt.Errorf("%w: raw is not self-delimiting: it has no streaming decoder", strategies.ErrNotApplicable)
	reset := errors.New("bench: writer: write tcp: connection reset | by peer")
	rep := checkReport{Results: []bench.CheckResult{
		{Cell: cell("pipe", "raw", "stream", strategies.Blob, 16), Outcome: bench.NA, Err: na},
		{Cell: cell("pipe", "raw", "stream", strategies.Blob, 65537), Outcome: bench.NA, Err: na},
		{Cell: cell("pipe", "raw", "lenprefix", strategies.Blob, 16), Outcome: bench.OK, Frame: 16},
		{Cell: cell("pipe", "raw", "lenprefix", strategies.Blob, 65537), Outcome: bench.OK, Frame: 65537},
		{Cell: cell("pipe", "raw", "oneread", strategies.Blob, 16), Outcome: bench.OK, Frame: 16},
		{Cell: cell("pipe", "raw", "oneread", strategies.Blob, 65537), Outcome: bench.Fail, Err: short, Frame: 65537},
		{Cell: cell("pipe", "json", "scanner", strategies.Blob, 16), Outcome: bench.OK, Frame: 33},
		{Cell: cell("pipe", "json", "scanner", strategies.Blob, 65537), Outcome: bench.Fail, Err: tooLong, Frame: 87396},
		{Cell: cell("pipe", "json", "scanner", strategies.Struct, 16), Outcome: bench.OK, Frame: 120},
		{Cell: cell("pipe", "json", "scanner", strategies.Struct, 65537), Outcome: bench.OK, Frame: 60000},
		{Cell: cell("tcp", "json", "lenprefix", strategies.Blob, 16), Outcome: bench.OK, Frame: 33},
		{Cell: cell("tcp", "json", "lenprefix", strategies.Blob, 65537), Outcome: bench.Fail, Err: reset, Frame: 87396},
	}}
	rep.PipeCap = 65536
	for _, r := range rep.Results {
		rep.Expect = append(rep.Expect, bench.Expect(r.Cell, r.Frame, rep.PipeCap))
	}
	rep.Recovery = []faults.Recovery{
		{Strategy: "stream", Codec: "gob", Fault: faults.Garbage, Detected: true, Stopped: true, Err: errors.New("gob: bad data")},
		{Strategy: "lenprefix", Codec: "raw", Fault: faults.Corrupt, Silent: true, Arrived: faults.RecoverAfter},
		{Strategy: "lenprefix", Codec: "raw", Fault: faults.Truncated, Detected: true, Silent: true, Wrong: 2, Err: errors.New("frame too large")},
		{Strategy: "lenprefix-crc", Codec: "raw", Fault: faults.Corrupt, Detected: true, Arrived: faults.RecoverAfter, Err: errors.New("checksum mismatch")},
		{Strategy: "lenprefix-crc", Codec: "raw", Fault: faults.Truncated, Detected: true, Arrived: 3, Err: errors.New("checksum mismatch")},
	}
	return rep
}

func TestCheckGolden(t *testing.T) {
	rep := sampleCheckReport()
	rep.Header = []string{"command: framebench check", "commit: 0123456789ab"}
	for _, format := range []string{"text", "markdown", "csv", "json"} {
		var buf bytes.Buffer
		if err := checkRenderers.write(&buf, format, rep); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata", "check_"+format+".golden"), buf.String())
	}
}

// TestCheckUnexpected: the report finds the cell that failed where the
// design says it must pass, and only that one.
func TestCheckUnexpected(t *testing.T) {
	rep := sampleCheckReport()
	bad := rep.unexpected()
	if len(bad) != 1 || rep.Results[bad[0]].Cell.Transport != "tcp" {
		t.Errorf("unexpected() = %v, want the tcp cell alone", bad)
	}
}

// TestCheckCommand runs a real matrix on two transports and the sizes
// either side of the pipe's capacity: the CSV has the documented columns
// and one line per cell, the seed's failure is there, and the command
// succeeds because nothing else failed.
func TestCheckCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	dir := t.TempDir()
	err := run(&stdout, &stderr, []string{"check", "-format", "csv", "-transport", "pipe,iopipe", "-size", "16B,65537B", "-out", dir})
	if err != nil {
		t.Fatalf("check = %v\n%s", err, stderr.String())
	}
	out := bytes.Clone(stdout.Bytes())
	recs, err := csv.NewReader(&stdout).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "transport,codec,strategy,payload,size,outcome,error" {
		t.Errorf("CSV header %q", got)
	}
	cells := 2 * len(strategies.Codecs) * len(strategies.Strategies) * len(strategies.Payloads) * 2
	if len(recs) != 1+cells {
		t.Errorf("%d CSV lines, want a header and %d cells", len(recs), cells)
	}
	found := map[string]string{}
	for _, r := range recs[1:] {
		found[strings.Join(r[:5], "/")] = r[5] + " " + r[6]
	}
	for key, want := range map[string]string{
		"pipe/raw/oneread/blob/65537B":   "fail ",
		"iopipe/raw/oneread/blob/65537B": "ok ",
		"pipe/json/scanner/blob/65537B":  "fail ",
		"pipe/raw/lenprefix/blob/65537B": "ok ",
		"pipe/raw/stream/blob/16B":       "n/a ",
	} {
		if !strings.HasPrefix(found[key], want) {
			t.Errorf("%s: %q, want %q…", key, found[key], want)
		}
	}
	if !strings.Contains(found["pipe/raw/oneread/blob/65537B"], "short read") {
		t.Errorf("oneread's failure does not name the short read: %q", found["pipe/raw/oneread/blob/65537B"])
	}
	for _, name := range []string{"correctness.md", "correctness.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "correctness.csv" && !bytes.Equal(data, out) {
			t.Errorf("%s differs from the CSV on stdout", name)
		}
		if name == "correctness.md" && !bytes.Contains(data, []byte("    commit: ")) {
			t.Errorf("%s has no configuration lines", name)
		}
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("check: %d cells in ", cells)) {
		t.Errorf("stderr has no summary:\n%s", stderr.String())
	}
}

func TestCheckBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"check", "-format", "xml"},
		{"check", "-transport", "carrier-pigeon"},
		{"check", "-size", "12XB"},
		{"check", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(&stdout, &stderr, args)
		if exitCode(err) != 2 {
			t.Errorf("%q: error %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}
