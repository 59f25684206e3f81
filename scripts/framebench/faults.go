package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"framebench/faults"
	"framebench/report"
	"framebench/strategies"
)

// The faults command runs the fault campaign of package faults: seeded bit
// flips, truncation at every offset, short reads, hostile headers and bad
// messages between good ones for every strategy and codec, counting, for
// each kind of trial apart, what each reader detects, hangs on, delivers
// wrong without a word, loses without a word (vanished), loses, and
// resyncs after. Every count has its denominator; the same seed gives the
// same tables in every run. Its transcript is in the manual (doc.go).

// maxFaultTrials bounds -trials, so that a slip of the keyboard cannot
// start a campaign of days.
const maxFaultTrials = 10_000_000

// faultsReport is what the faults command renders.
type faultsReport struct {
	Header []string // configuration lines, for files written with -out
	Trials int      // bit flips per pair
	Seed   uint64
	Rows   []faults.Row
}

const faultsAbout = `Runs the fault campaign on every strategy and codec (package faults): bit
flips, truncation at every offset, short reads (and every in-process
transport), hostile headers and one bad message between good ones
(recovery). The same seed gives the same counts. Fails if lenprefix-crc
delivers a wrong message without an error. Progress goes to stderr.`

func runFaults(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("faults", "", faultsAbout)
	trials := fs.Int("trials", faults.DefaultTrials, "bit-flip trials per strategy and codec (`N`)")
	seed := fs.Uint64("seed", 1, "`seed` of the campaign: the same seed gives the same counts")
	o := faultsRenderers.flags(fs)
	parallel := fs.Int("parallel", runtime.GOMAXPROCS(0), "`N` strategy and codec pairs at once")
	strats := fs.String("strategy", "", "comma-separated `strategies` (default all)")
	codecs := fs.String("codec", "", "comma-separated `codecs` (default all)")
	if err := fs.parse(stdout, args, 0, 0); err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	if *trials < 1 || *trials > maxFaultTrials {
		return fs.errorf("-trials %d: want 1 to %d", *trials, maxFaultTrials)
	}
	if *parallel < 1 || *parallel > 1024 {
		return fs.errorf("-parallel %d: want 1 to 1024", *parallel)
	}
	pairs, err := faultsPairs(fs, *strats, *codecs)
	if err != nil {
		return err
	}
	start := time.Now()
	rep := faultsReport{Trials: *trials, Seed: *seed}
	cfg := faults.Config{Trials: *trials, Seed: *seed, Parallel: *parallel,
		Progress: func(done, total int, r faults.Row) {
			t := r.Total()
			fmt.Fprintf(stderr, "faults: %d/%d %s/%s: %d trials, %d silent, %v\n", done, total, r.Strategy, r.Codec, t.Trials, t.Silent, time.Since(start).Round(time.Second))
		}}
	if rep.Rows, err = faults.Run(cfg, pairs); err != nil {
		return err
	}
	elapsed := time.Since(start).Round(time.Second)
	rep.Header = resultHeader("framebench faults "+strings.Join(args, " "), elapsed)
	if err := faultsRenderers.write(stdout, o.format, rep); err != nil {
		return err
	}
	if o.out != "" {
		if err := faultsRenderers.writeFiles(o.out, rep); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "faults: %d strategy and codec pairs in %v\n", len(rep.Rows), elapsed)
	for _, r := range rep.Rows {
		if r.Strategy == strategies.LenPrefixCRC.Name() && r.Total().Silent != 0 {
			return fmt.Errorf("faults: lenprefix-crc with %s delivered %d wrong messages without an error", r.Codec, r.Total().Silent)
		}
	}
	return nil
}

// faultsPairs returns the pairs of the strategies and codecs named (all
// where a list is empty) that apply to each other.
func faultsPairs(fs *flagSet, strats, codecs string) ([]faults.Pair, error) {
	ss, cs := splitList(strats), splitList(codecs)
	for _, name := range ss {
		if _, err := strategies.LookupStrategy(name); err != nil {
			return nil, fs.errorf("%v", err)
		}
	}
	for _, name := range cs {
		if _, err := strategies.LookupCodec(name); err != nil {
			return nil, fs.errorf("%v", err)
		}
	}
	var out []faults.Pair
	for _, p := range faults.Pairs() {
		if (len(ss) == 0 || slices.Contains(ss, p.S.Name())) && (len(cs) == 0 || slices.Contains(cs, p.C.Name())) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fs.errorf("no strategy and codec in the selection apply to each other")
	}
	return out, nil
}

// faultsRenderers are the faults command's -format writers.
var faultsRenderers = renderers[faultsReport]{base: "faults", text: writeFaultsText, markdown: writeFaultsMarkdown, csv: writeFaultsCSV, json: writeFaultsJSON}

// faultsCSVHeader is the header line of faults.csv; other programs read
// the file by these names.
var faultsCSVHeader = []string{"codec", "strategy", "kind", "trials", "detected", "hung", "silent", "vanished", "lost", "at_risk", "resynced", "harmed"}

// writeFaultsCSV writes one line per pair and kind of trial, with the
// counts of faults.Counts (see faultsCSVHeader).
func writeFaultsCSV(w io.Writer, rep faultsReport) error {
	g := &report.Grid{Header: faultsCSVHeader}
	for _, r := range rep.Rows {
		for i, k := range faults.Kinds {
			c := r.ByKind[i]
			rec := []string{r.Codec, r.Strategy, string(k)}
			for _, n := range []int{c.Trials, c.Detected, c.Hung, c.Silent, c.Vanished, c.Lost, c.AtRisk, c.Resynced, c.Harmed} {
				rec = append(rec, strconv.Itoa(n))
			}
			g.Rows = append(g.Rows, rec)
		}
	}
	return g.CSV(w)
}
