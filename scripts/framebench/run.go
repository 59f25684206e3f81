package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"framebench/report"
)

// runFlags are the flags of framebench run.
type runFlags struct {
	preset, bench, benchtime, out, profile, remote, shuffle string
	count                                                   int
	raw                                                     bool
}

// runRun is framebench run: build the bench test binary once, run the
// preset's slices, save the raw output and render its report.
func runRun(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("run", stderr)
	var f runFlags
	fs.StringVar(&f.preset, "preset", "quick", "run the slices of `preset`: quick, standard, full or speed")
	fs.StringVar(&f.bench, "bench", "", "run only benchmarks matching `regexp` (go test -bench syntax) instead of the preset's slices")
	fs.IntVar(&f.count, "count", 0, "run each benchmark `n` times (default: the preset's)")
	fs.StringVar(&f.benchtime, "benchtime", "", "run each benchmark for `d` (a duration or Nx; default: the preset's)")
	fs.StringVar(&f.out, "out", "results", "write the run into `dir`/<date>-<preset>")
	fs.StringVar(&f.profile, "profile", "", "write CPU and memory profiles of each slice into `dir`")
	fs.BoolVar(&f.raw, "raw", false, "save raw.txt only, without the report: for -bench benchmarks outside the matrix (read them with go tool benchstat)")
	fs.StringVar(&f.remote, "remote", "", "run the stream and ping-pong cells against a `host:port` running \"framebench peer serve\"")
	fs.StringVar(&f.shuffle, "shuffle", "on", "order each round's cells by a fresh random seed (on), in registry order (off), or by the seeds a `number` gives")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: framebench run [flags]\n\nRuns the benchmarks of a preset, saves raw.txt and writes its report.\n\npresets:\n")
		for _, p := range presets {
			fmt.Fprintf(fs.Output(), "  %-9s %s\n", p.Name, p.Doc)
		}
		fmt.Fprintln(fs.Output())
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	p, slices, err := plan(f)
	if err != nil {
		return err
	}
	seeds, err := orderSeeds(f.shuffle)
	if err != nil {
		return err
	}
	cells, err := sliceCells(slices, f.raw)
	if err != nil {
		return err
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
	r := &runner{root: root, dir: dir, profile: f.profile, rawOnly: f.raw, config: f.overrides(), stderr: stderr,
		progress: newProgress(stderr, slices, cells), seed: seeds, proc: procDir, measurePolicy: true}
	err = r.run(ctx, stdout, p.Name, slices)
	if _, serr := os.Stat(filepath.Join(dir, "README.md")); p.Name == "quick" && serr == nil {
		fmt.Fprintln(stderr, "framebench: this quick run is a smoke-level run (few, short samples per cell); "+
			"for a real measurement run -preset full (about an hour) or -preset speed (about 13 minutes) on a quiet machine")
	}
	return err
}

// procDir is where run reads the machine's state (load, CPU steal,
// context switches).
const procDir = "/proc"

// runner executes the slices of one run.
type runner struct {
	root, dir, profile string
	rawOnly            bool     // -raw: no report
	config             []string // extra configuration lines
	stderr             io.Writer
	progress           *progress
	binary             string        // set by build; tests set it to a fake
	seed               func() uint64 // each round's order seed; nil: registry order
	proc               string        // /proc, for the framebench-machine lines; "": none
	// interleave runs round k of every slice before round k+1 of any;
	// labels are configuration lines written before each round of the
	// named slice (calibrate's "copy: a").
	interleave bool
	labels     map[string]string
	// finish writes what follows the raw file; nil: the run's report.
	finish func(stdout io.Writer, rawPath string) error
	tmp    string // the run's temporary directory, removed when it ends
	// measurePolicy measures the write policy once before the rounds
	// (see measureWritePolicy); writePolicy is then given to each.
	measurePolicy bool
	writePolicy   string
}

func (r *runner) run(ctx context.Context, stdout io.Writer, presetName string, slices []slice) error {
	if err := checkSliceNames(slices); err != nil {
		return err
	}
	if r.profile != "" {
		abs, err := filepath.Abs(r.profile)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(abs, 0o777); err != nil {
			return err
		}
		r.profile = abs
	}
	tmp, err := os.MkdirTemp("", "framebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // the build's and the bench binary's temporary files
	r.tmp = tmp
	if r.binary == "" {
		fmt.Fprintln(r.stderr, "framebench: building the bench test binary")
		if r.binary, err = build(ctx, r.root, tmp); err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted")
			}
			return err
		}
	}
	config := append(configLines(r.root, presetName, time.Now()), r.config...)
	if r.measurePolicy {
		fmt.Fprintln(r.stderr, "framebench: measuring the write paths (about 2 s)")
		lines, policy, err := r.measureWritePolicy(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted")
			}
			return err
		}
		config, r.writePolicy = append(config, lines...), policy
	}
	if err := os.MkdirAll(r.dir, 0o777); err != nil {
		return err
	}
	rawPath := filepath.Join(r.dir, "raw.txt")
	raw, err := os.Create(rawPath)
	if err != nil {
		return err
	}
	defer raw.Close()
	for _, line := range config {
		fmt.Fprintln(raw, line)
	}
	seed := r.seed
	if seed == nil {
		seed = func() uint64 { return 0 }
	}
	var failed []string
	stopped := map[string]bool{} // a slice stops at its first failed round
	cur := -1
	for _, rd := range schedule(slices, r.profile, r.interleave, seed) {
		s := slices[rd.slice]
		if stopped[s.Name] {
			continue
		}
		if rd.slice != cur {
			cur = rd.slice
			r.progress.start(cur)
		}
		err := r.runRound(ctx, s, rd, raw)
		if ctx.Err() != nil {
			raw.Close()
			fmt.Fprintf(r.stderr, "\nframebench: interrupted; the raw output so far is in %s\n", rawPath)
			return errors.New("interrupted")
		}
		if err != nil {
			fmt.Fprintf(r.stderr, "\nframebench: slice %s: %v\n", s.Name, err)
			failed = append(failed, s.Name)
			stopped[s.Name] = true
		}
	}
	r.progress.finish()
	if err := raw.Close(); err != nil {
		return err
	}
	switch {
	case r.rawOnly:
		fmt.Fprintf(r.stderr, "framebench: wrote %s (read it with go tool benchstat)\n", rawPath)
	case r.finish != nil:
		if err := r.finish(stdout, rawPath); err != nil {
			return err
		}
	default:
		if err := r.report(stdout, rawPath); err != nil {
			return err
		}
	}
	return failedErr(failed, rawPath)
}

// report writes the run's report beside raw.txt and prints its headline.
func (r *runner) report(stdout io.Writer, rawPath string) error {
	set, err := report.Load([]string{rawPath}, nil)
	if err != nil {
		return err
	}
	if err := report.WriteRun(set, report.RunOptions{Dir: r.dir, Title: filepath.Base(r.dir), Raw: "raw.txt"}); err != nil {
		return err
	}
	if err := report.Headline(stdout, set); err != nil {
		return err
	}
	fmt.Fprintf(r.stderr, "framebench: wrote %s and %s\n", rawPath, filepath.Join(r.dir, "README.md"))
	return nil
}

// failedErr names the slices that failed, if any.
func failedErr(failed []string, rawPath string) error {
	if len(failed) > 0 {
		return fmt.Errorf("slices failed: %s (see %s)", strings.Join(failed, ", "), rawPath)
	}
	return nil
}

// runRound runs round rd of slice s: its label and marker line, the bench
// binary's output (complete lines only) and, where /proc can be read, the
// machine's state over the round, all copied to raw; the output also
// feeds the progress display.
func (r *runner) runRound(ctx context.Context, s slice, rd round, raw io.Writer) error {
	if l, ok := r.labels[s.Name]; ok {
		if _, err := fmt.Fprintln(raw, l); err != nil {
			return fmt.Errorf("saving the output: %w", err)
		}
	}
	if _, err := fmt.Fprintln(raw, rd.marker(s)); err != nil {
		return fmt.Errorf("saving the output: %w", err)
	}
	var before snapshot
	if r.proc != "" {
		before = takeSnapshot(r.proc)
	}
	err := r.runBench(ctx, s, rd.seed, raw)
	if r.proc != "" && ctx.Err() == nil {
		if after := takeSnapshot(r.proc); before.ok && after.ok {
			m := between(before, after)
			m.Slice, m.Round = s.Name, rd.k
			if _, werr := fmt.Fprintln(raw, m.String()); werr != nil && err == nil {
				err = fmt.Errorf("saving the output: %w", werr)
			}
		}
	}
	return err
}

// runBench runs the bench binary once for slice s, in a process group of
// its own (see inGroup) with its temporary files in the run's.
func (r *runner) runBench(ctx context.Context, s slice, seed uint64, raw io.Writer) error {
	args := s.args(r.profile, seed)
	if r.writePolicy != "" {
		args = append(args, "-framebench.writepolicy", r.writePolicy)
	}
	cmd := exec.CommandContext(ctx, r.binary, args...)
	cmd.Dir = filepath.Join(r.root, "bench")
	cmd.Env = tempEnv(r.tmp)
	inGroup(cmd, 10*time.Second)
	defer killGroup(cmd)
	cmd.Stderr = r.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	br := bufio.NewReader(out)
	exit := newBenchExit()
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			break // a line cut short by an interrupt never reaches raw
		}
		if _, err := io.WriteString(raw, line); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return fmt.Errorf("saving the output: %w", err)
		}
		r.progress.line(strings.TrimRight(line, "\r\n"))
		exit.line(strings.TrimRight(line, "\r\n"))
	}
	return exit.check(cmd.Wait()) // cells broken by design are no failure
}
