package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"framebench/report"
)

// procDir is where run reads the machine's state (load, CPU steal,
// context switches).
const procDir = "/proc"

// runner executes the slices of one run.
type runner struct {
	root, dir, profile string
	rawOnly            bool     // -raw: no report
	config             []string // extra configuration lines
	stderr             io.Writer
	format             string // the headline's: text or markdown
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
	for _, rd := range schedule(slices, r.profile, r.interleave, seed) {
		s := slices[rd.slice]
		if stopped[s.Name] {
			continue
		}
		r.progress.start(rd.slice, rd.k, rd.n)
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
	if err := report.Headline(stdout, set, r.format); err != nil {
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
