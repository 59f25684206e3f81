package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"framebench/bench"
	"framebench/report"
)

// aaBench selects the calibration's fixed cells: raw framing of a blob on
// pipe, unix and tcp, with none, lenprefix, varint and lenprefix-crc, at
// 256B and 64KiB: 24 cells, small and large messages on each transport.
const aaBench = "BenchmarkStream/transport=(pipe|unix|tcp)$/codec=raw$/strategy=(none|lenprefix|varint|lenprefix-crc)$/payload=blob$/size=(256B|64KiB)$"

// aaSlices are calibrate's two copies of the same cells, a and b; run
// interleaves them round by round and labels each round's results with
// the configuration line "copy: a" or "copy: b", so that
// go tool benchstat -col copy raw.txt compares them.
func aaSlices(count int, benchtime string) []slice {
	return []slice{
		{"aa-a", aaBench, count, benchtime, true, ""},
		{"aa-b", aaBench, count, benchtime, true, ""},
	}
}

// runCalibrate is framebench calibrate: an A/A calibration of this
// machine, saved as results/<date>-aa/raw.txt and README.md.
const calibrateAbout = `Runs the same 24 cells twice per round (copies a and b) and reports how
often the significance test finds a difference that does not exist (the
U test's false-positive rate at α = 0.05), and the spread of A/A ratios,
into DIR/<date>-aa/raw.txt and README.md.`

func runCalibrate(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("calibrate", "", calibrateAbout)
	count := fs.Int("count", 10, "run `n` rounds, each with both copies")
	benchtime := fs.String("benchtime", "50ms", "run each benchmark for `d` (a duration or Nx)")
	out := fs.String("out", "results", "write the calibration into `dir`/<date>-aa")
	shuffle := fs.String("shuffle", "on", "order each round's cells by a fresh random seed (on), in registry order (off), or by the seeds a `number` gives")
	if err := fs.parse(stdout, args, 0, 0); err != nil {
		return err
	}
	if *count < 1 || *count > 1000 {
		return fs.errorf("-count %d: want 1 to 1000", *count)
	}
	if _, err := time.ParseDuration(*benchtime); err != nil && !isTimes(*benchtime) {
		return fs.errorf("-benchtime %q: want a duration such as 50ms or a count such as 100x", *benchtime)
	}
	seeds, err := orderSeeds(*shuffle)
	if err != nil {
		return fs.wrap(err)
	}
	slices := aaSlices(*count, *benchtime)
	cells, err := sliceCells(slices, false)
	if err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir, err := newRunDir(*out, "aa", time.Now())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	warnBusy(ctx, stderr, procDir, 500*time.Millisecond)
	r := newCalibrator(root, dir, stderr, slices, cells)
	r.seed = seeds
	r.config = []string{fmt.Sprint("count: ", *count), "benchtime: " + *benchtime}
	return r.run(ctx, stdout, "aa", slices)
}

// newCalibrator returns the runner of an A/A calibration into dir.
func newCalibrator(root, dir string, stderr io.Writer, slices []slice, cells [][]bench.Cell) *runner {
	r := &runner{root: root, dir: dir, stderr: stderr, progress: newProgress(stderr, slices, cells), proc: procDir, measurePolicy: true,
		interleave: true, labels: map[string]string{"aa-a": "copy: a", "aa-b": "copy: b"}}
	r.finish = func(stdout io.Writer, rawPath string) error {
		a, err := report.AnalyzeAA(rawPath)
		if err != nil {
			return err
		}
		if err := report.WriteAA(a, report.RunOptions{Dir: dir, Title: filepath.Base(dir), Raw: "raw.txt"}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "A/A calibration: %s.\n", a.Headline())
		if a.Thin > 0 {
			fmt.Fprintf(stderr, "framebench: %d of %d cells have fewer than 6 samples in a copy: too few to trust; use -count 6 or more\n", a.Thin, a.Compared)
		}
		fmt.Fprintf(stderr, "framebench: wrote %s and %s\n", rawPath, filepath.Join(dir, "README.md"))
		return nil
	}
	return r
}
