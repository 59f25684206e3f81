package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// runFlags are the flags of framebench run.
type runFlags struct {
	preset, bench, benchtime, out, profile, remote, shuffle, transport string
	count                                                              int
	raw                                                                bool
	output                                                             *output
}

const runAbout = `Runs the benchmarks of a preset (the slices below), each slice's -count as
rounds of the bench test binary in shuffled orders, saves the raw output
with the machine's configuration as DIR/<date>-<preset>/raw.txt, writes
the run's report (README.md and charts) beside it and prints the decision
guide and the fractions of none. Progress goes to stderr.

presets:
`

// runRun is framebench run: build the bench test binary once, run the
// preset's slices, save the raw output and render its report.
func runRun(stdout, stderr io.Writer, args []string) error {
	about := runAbout
	for _, p := range presets {
		about += fmt.Sprintf("  %-9s %s\n", p.Name, p.Doc)
	}
	fs := newFlags("run", "", about)
	var f runFlags
	f.output = fs.outputFlags("", "text", "markdown")
	fs.StringVar(&f.preset, "preset", "quick", "run the slices of `preset`: quick, standard, full or speed")
	fs.StringVar(&f.bench, "bench", "", "run only benchmarks matching `regexp` (go test -bench syntax) instead of the preset's slices")
	fs.IntVar(&f.count, "count", 0, "run each benchmark `n` times (default: the preset's)")
	fs.StringVar(&f.benchtime, "benchtime", "", "run each benchmark for `d` (a duration or Nx; default: the preset's)")
	fs.StringVar(&f.out, "out", "results", "write the run into `dir`/<date>-<preset>")
	fs.StringVar(&f.profile, "profile", "", "write CPU and memory profiles of each slice into `dir`")
	fs.BoolVar(&f.raw, "raw", false, "save raw.txt only, without the report: for -bench benchmarks outside the matrix (read them with go tool benchstat)")
	fs.StringVar(&f.remote, "remote", "", "run the stream and ping-pong cells against a `host:port` running \"framebench peer serve\"")
	fs.StringVar(&f.shuffle, "shuffle", "on", "order each round's cells by a fresh random seed (on), in registry order (off), or by the seeds a `number` gives")
	fs.StringVar(&f.transport, "transport", "", "run only the preset's cells on these comma-separated `transports` (\"memory\": the cells without one, BenchmarkCodec): one shard of a run split across machines")
	if err := fs.parse(stdout, args, 0, 0); err != nil {
		return err
	}
	if err := f.output.check(fs); err != nil {
		return err
	}
	p, slices, err := plan(f)
	if err != nil {
		return fs.wrap(err)
	}
	config := f.overrides()
	if f.transport != "" {
		if slices, err = shardSlices(slices, splitList(f.transport)); err != nil {
			return fs.errorf("-transport %q: %v", f.transport, err)
		}
		config = append(config, "shard: transport="+strings.Join(splitList(f.transport), ","))
	}
	seeds, err := orderSeeds(f.shuffle)
	if err != nil {
		return fs.wrap(err)
	}
	cells, err := sliceCells(slices, f.raw)
	if err != nil {
		return fs.wrap(err)
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir, err := newRunDir(f.out, p.Name, time.Now())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	warnBusy(ctx, stderr, procDir, 500*time.Millisecond)
	r := &runner{root: root, dir: dir, profile: f.profile, rawOnly: f.raw, config: config, stderr: stderr, format: f.output.format,
		progress: newProgress(stderr, slices, cells), seed: seeds, proc: procDir, measurePolicy: true}
	err = r.run(ctx, stdout, p.Name, slices)
	if _, serr := os.Stat(filepath.Join(dir, "README.md")); p.Name == "quick" && serr == nil {
		fmt.Fprintln(stderr, "framebench: this quick run is a smoke-level run (few, short samples per cell); "+
			"for a real measurement run -preset full (about 70 minutes) or -preset speed (about 13 minutes) on a quiet machine")
	}
	return err
}
