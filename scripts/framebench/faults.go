package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"framebench/faults"
	"framebench/strategies"
)

// The faults command runs the fault campaign of package faults: seeded bit
// flips, truncation at every offset, short reads and hostile headers for
// every strategy and codec, counting what each reader detects, delivers
// wrong without a word, loses, and resyncs after.
//
//	$ framebench faults -format csv
//	codec,strategy,trials,detected,silent,lost,resynced
//	raw,lenprefix,11553,1514,9855,614,8891
//	…
//	$ framebench faults -out results   # results/faults.md and .csv

// faultsReport is what the faults command renders.
type faultsReport struct {
	Header []string // configuration lines, for files written with -out
	Trials int      // bit flips per pair
	Seed   uint64
	Rows   []faults.Row
}

func runFaults(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("faults", stderr)
	trials := fs.Int("trials", faults.DefaultTrials, "bit-flip trials per strategy and codec (`N`)")
	seed := fs.Uint64("seed", 1, "`seed` of the campaign: the same seed gives the same counts (but for oneread's short reads on real transports)")
	format, out := faultsRenderers.flags(fs)
	parallel := fs.Int("parallel", runtime.GOMAXPROCS(0), "`N` strategy and codec pairs at once")
	strats := fs.String("strategy", "", "comma-separated `strategies` (default all)")
	codecs := fs.String("codec", "", "comma-separated `codecs` (default all)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: framebench faults [-trials N] [-seed S] [-format text|markdown|csv] [-parallel N] [-out DIR] [-strategy S,...] [-codec C,...]")
		fmt.Fprintln(stderr, "\nRuns the fault campaign on every strategy and codec: bit flips, truncation at every")
		fmt.Fprintln(stderr, "offset, short reads (and every transport), hostile headers. Progress goes to stderr.")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *trials < 1 {
		return usageError{fmt.Sprintf("faults: -trials %d: want at least 1", *trials)}
	}
	render, err := faultsRenderers.pick(*format)
	if err != nil {
		return err
	}
	pairs, err := faultsPairs(*strats, *codecs)
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
	if err := render(stdout, rep); err != nil {
		return err
	}
	if *out != "" {
		rep.Header = resultHeader("framebench faults "+strings.Join(args, " "), elapsed)
		if err := faultsRenderers.writeFiles(*out, rep); err != nil {
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
func faultsPairs(strats, codecs string) ([]faults.Pair, error) {
	ss, cs := splitList(strats), splitList(codecs)
	for _, name := range ss {
		if _, err := strategies.LookupStrategy(name); err != nil {
			return nil, usageError{"faults: " + err.Error()}
		}
	}
	for _, name := range cs {
		if _, err := strategies.LookupCodec(name); err != nil {
			return nil, usageError{"faults: " + err.Error()}
		}
	}
	var out []faults.Pair
	for _, p := range faults.Pairs() {
		if (len(ss) == 0 || slices.Contains(ss, p.S.Name())) && (len(cs) == 0 || slices.Contains(cs, p.C.Name())) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, usageError{"faults: no strategy and codec in the selection apply to each other"}
	}
	return out, nil
}

// faultsRenderers are the faults command's -format writers.
var faultsRenderers = renderers[faultsReport]{cmd: "faults", base: "faults", text: writeFaultsText, markdown: writeFaultsMarkdown, csv: writeFaultsCSV}

// writeFaultsCSV writes one line per pair, all kinds of trial added up:
// codec,strategy,trials,detected,silent,lost,resynced.
func writeFaultsCSV(w io.Writer, rep faultsReport) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"codec", "strategy", "trials", "detected", "silent", "lost", "resynced"})
	for _, r := range rep.Rows {
		t := r.Total()
		cw.Write([]string{r.Codec, r.Strategy, strconv.Itoa(t.Trials), strconv.Itoa(t.Detected),
			strconv.Itoa(t.Silent), strconv.Itoa(t.Lost), strconv.Itoa(t.Resynced)})
	}
	cw.Flush()
	return cw.Error()
}

// percent formats n of total as a percentage with one decimal.
func percent(n, total int) string {
	if total == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*float64(n)/float64(total), 'f', 1, 64) + "%"
}

func writeFaultsText(w io.Writer, rep faultsReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "codec\tstrategy\ttrials\tdetected\tsilent\tsilent%\tlost\tresynced\tbitflip silent%")
	for _, r := range rep.Rows {
		t, bf := r.Total(), r.Kind(faults.BitFlip)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%d\t%d\t%s\n", r.Codec, r.Strategy, t.Trials, t.Detected, t.Silent,
			percent(t.Silent, t.Trials), t.Lost, t.Resynced, percent(bf.Silent, bf.Trials))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, line := range faultsHeadlines(rep) {
		fmt.Fprintln(w, line)
	}
	return nil
}

// faultsHeadlines state the campaign's findings in sentences: the CRC's
// silent count and plain lenprefix's beside it.
func faultsHeadlines(rep faultsReport) []string {
	var crc, crcBF faults.Counts
	var lines []string
	codecs := 0
	for _, r := range rep.Rows {
		if r.Strategy == strategies.LenPrefixCRC.Name() {
			crc.Add(r.Total())
			crcBF.Add(r.Kind(faults.BitFlip))
			codecs++
		}
	}
	if codecs == 0 {
		return nil
	}
	plural := "s"
	if codecs == 1 {
		plural = ""
	}
	lines = append(lines, fmt.Sprintf("lenprefix-crc: %d silent corruptions in %d trials with %d codec%s (%d bit flips, %d of them detected).",
		crc.Silent, crc.Trials, codecs, plural, crcBF.Trials, crcBF.Detected))
	for _, r := range rep.Rows {
		if r.Strategy == strategies.LenPrefix.Name() && r.Codec == strategies.Raw.Name() {
			bf := r.Kind(faults.BitFlip)
			lines = append(lines, fmt.Sprintf("lenprefix with raw: %d silent corruptions in %d bit flips (%s): nothing checks the payload.",
				bf.Silent, bf.Trials, percent(bf.Silent, bf.Trials)))
		}
	}
	return lines
}

func writeFaultsMarkdown(w io.Writer, rep faultsReport) error {
	writeMarkdownHead(w, "Faults: what each reader does with a damaged stream", "faults",
		"The totals, one line per codec and strategy: [faults.csv](faults.csv).", rep.Header)
	for _, line := range faultsHeadlines(rep) {
		fmt.Fprintln(w, "- "+line)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Seed %d. Every strategy and codec gets a stream of %d messages (blob and struct payloads alternating where the codec carries both, %s bytes; readers with MaxFrame %d KiB) and, per kind of trial:\n\n",
		rep.Seed, len(faults.StreamSizes), faultsStreamSizes(), faults.MaxFrame>>10)
	fmt.Fprintf(w, "- **bitflip**: one bit flipped at a random offset, %d trials;\n", rep.Trials)
	fmt.Fprintln(w, "- **truncate**: the stream cut at every offset;")
	fmt.Fprintln(w, "- **shortread**: the intact stream through iotest.OneByteReader, HalfReader, DataErrReader and 8 random-chunk readers, and written in random chunks through every in-process transport;")
	var hs []string
	for _, h := range faults.HostileHeaders {
		hs = append(hs, "`"+h.Name+"`")
	}
	fmt.Fprintf(w, "- **hostile**: a hostile header (%s) inserted at every message boundary.\n\n", strings.Join(hs, ", "))
	fmt.Fprintln(w, "Columns: **detected**, trials where the reader returned an error; **silent**, trials where a message that was never sent arrived with no error; "+
		"**lost**, good messages the fault did not touch that never arrived intact (summed; for truncation only those before the cut count); "+
		"**resynced**, trials where the fault did harm and good messages after it still arrived intact. A trial can be both detected and silent.")
	fmt.Fprintln(w, "\n## Silent corruption under bit flips")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Share of bit-flip trials in which a wrong message arrived without an error, by strategy and codec.")
	fmt.Fprintln(w)
	writeSilentPivot(w, rep)
	fmt.Fprintln(w, "\n## All trials")
	fmt.Fprintln(w)
	writeCountsTable(w, rep.Rows, func(r *faults.Row) faults.Counts { return r.Total() })
	for _, k := range faults.Kinds {
		fmt.Fprintf(w, "\n## %s\n\n", k)
		writeCountsTable(w, rep.Rows, func(r *faults.Row) faults.Counts { return r.Kind(k) })
	}
	return nil
}

// faultsStreamSizes lists the sizes of the campaign's messages.
func faultsStreamSizes() string {
	var s []string
	for _, n := range faults.StreamSizes {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ", ")
}

func writeSilentPivot(w io.Writer, rep faultsReport) {
	writeCodecHeader(w, "---:", "strategy")
	for _, s := range strategies.Strategies {
		cells, found := codecCells(func(codec string) string {
			for i := range rep.Rows {
				if r := &rep.Rows[i]; r.Strategy == s.Name() && r.Codec == codec {
					bf := r.Kind(faults.BitFlip)
					return percent(bf.Silent, bf.Trials)
				}
			}
			return ""
		})
		if found {
			name := s.Name()
			if s == strategies.LenPrefixCRC {
				name = "**" + name + "**"
			}
			fmt.Fprintf(w, "| %s | %s |\n", name, strings.Join(cells, " | "))
		}
	}
}

func writeCountsTable(w io.Writer, rows []faults.Row, counts func(*faults.Row) faults.Counts) {
	fmt.Fprintln(w, "| codec | strategy | trials | detected | silent | silent % | lost | resynced |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for i := range rows {
		r := &rows[i]
		c := counts(r)
		fmt.Fprintf(w, "| %s | %s | %d | %d | %d | %s | %d | %d |\n", r.Codec, r.Strategy, c.Trials, c.Detected, c.Silent, percent(c.Silent, c.Trials), c.Lost, c.Resynced)
	}
}
