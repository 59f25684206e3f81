package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"framebench/bench"
	"framebench/faults"
	"framebench/strategies"
)

const checkAbout = `Runs the correctness matrix: every transport, codec, strategy, payload and
size (crossing the pipe's capacity), each cell a few messages compared in
full: ok, fail with the exact error, or n/a. Then the recovery table: what
one reader does with one bad message between good ones (faults.Recover).
Every cell is held against what the design says it must do
(bench.Expect); the command fails if one does something else. Progress
goes to stderr.`

// runCheck is framebench check.
func runCheck(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("check", "", checkAbout)
	o := checkRenderers.flags(fs)
	transports := fs.String("transport", "", "comma-separated `transports` (default all)")
	sizes := fs.String("size", "", "comma-separated `sizes`, e.g. 16B,65537B,1MiB (default "+sizeList(bench.CheckSizes)+")")
	parallel := fs.Int("parallel", runtime.GOMAXPROCS(0), "`N` cells at once")
	if err := fs.parse(stdout, args, 0, 0); err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	if *parallel < 1 || *parallel > 1024 {
		return fs.errorf("-parallel %d: want 1 to 1024", *parallel)
	}
	trs, szs, err := checkSelection(fs, *transports, *sizes)
	if err != nil {
		return err
	}
	start := time.Now()
	cells := bench.CheckCells(trs, szs)
	prog := newCheckProgress(stderr, len(cells), start)
	rep := checkReport{Results: bench.RunChecks(cells, *parallel, prog.done)}
	if rep.Recovery, err = faults.RecoverAll(); err != nil {
		return err
	}
	if rep.PipeCap, err = bench.PipeCapacity(); err != nil {
		return err
	}
	for _, r := range rep.Results {
		rep.Expect = append(rep.Expect, bench.Expect(r.Cell, r.Frame, rep.PipeCap))
	}
	elapsed := time.Since(start).Round(time.Second)
	rep.Header = resultHeader("framebench check "+strings.Join(args, " "), elapsed)
	if err := checkRenderers.write(stdout, o.format, rep); err != nil {
		return err
	}
	if o.out != "" {
		if err := checkRenderers.writeFiles(o.out, rep); err != nil {
			return err
		}
	}
	ok, fail, na := rep.counts()
	fmt.Fprintf(stderr, "check: %d cells in %v: %d ok, %d fail, %d n/a\n", len(rep.Results), elapsed, ok, fail, na)
	if bad := rep.unexpected(); len(bad) > 0 {
		for _, i := range bad {
			r := rep.Results[i]
			fmt.Fprintf(stderr, "check: %s: %s, want %v: %v\n", r.Cell.Name(), r.Outcome, rep.Expect[i], r.Err)
		}
		return fmt.Errorf("check: %d cells did not do what the design says they must", len(bad))
	}
	return nil
}

// checkSelection parses the -transport and -size flags (nil: all).
func checkSelection(fs *flagSet, transports, sizes string) ([]string, []int, error) {
	var trs []string
	var szs []int
	for _, t := range splitList(transports) {
		if _, err := bench.LookupTransport(t); err != nil {
			return nil, nil, fs.errorf("-transport: %v", err)
		}
		trs = append(trs, t)
	}
	for _, s := range splitList(sizes) {
		n, err := strategies.ParseSize(s)
		if err != nil {
			return nil, nil, fs.errorf("-size: %v", err)
		}
		szs = append(szs, n)
	}
	return trs, szs, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func sizeList(sizes []int) string {
	var names []string
	for _, n := range sizes {
		names = append(names, strategies.SizeName(n))
	}
	return strings.Join(names, ",")
}

// checkProgress reports cells done on stderr, every few seconds.
type checkProgress struct {
	w           io.Writer
	total, n    int
	fails       int
	start, last time.Time
}

func newCheckProgress(w io.Writer, total int, start time.Time) *checkProgress {
	return &checkProgress{w: w, total: total, start: start, last: start}
}

func (p *checkProgress) done(r bench.CheckResult) {
	p.n++
	if r.Outcome == bench.Fail {
		p.fails++
	}
	if now := time.Now(); now.Sub(p.last) >= 5*time.Second {
		p.last = now
		fmt.Fprintf(p.w, "check: %d/%d cells, %d fail, %v\n", p.n, p.total, p.fails, now.Sub(p.start).Round(time.Second))
	}
}

// orNone lists names, or says "none".
func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
