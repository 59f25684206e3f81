package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"framebench/bench"
	"framebench/faults"
	"framebench/strategies"
)

// The check command runs the correctness matrix: every transport, codec,
// strategy, payload and size (bench.CheckSizes, which cross the pipe's
// capacity), each cell a few messages moved by a bench.Link and compared
// in full, and the recovery table (faults.Recover). Every cell's outcome is
// held against what the design says it must be (bench.Expect): the command
// fails if any cell does something else.
//
//	$ framebench check -format csv -transport pipe -size 65537B
//	transport,codec,strategy,payload,size,outcome,error
//	pipe,raw,stream,blob,65537B,n/a,not applicable: raw is not self-delimiting: it has no streaming decoder
//	…
//	pipe,raw,oneread,blob,65537B,fail,bench: BenchmarkStream/transport=pipe/…: strategies: oneread: read message 0 at byte 0: short read: one read returned 65532 of 65537 bytes
//
//	$ framebench check -out results   # results/correctness.md and .csv

func init() {
	// The proc transport runs this binary again as its child peer; the
	// child must serve the peer before anything else (see bench.IsPeerChild).
	if bench.IsPeerChild() {
		os.Exit(bench.RunPeerChild())
	}
}

// checkReport is what the check command renders.
type checkReport struct {
	Header   []string // configuration lines, for files written with -out
	PipeCap  int      // a default pipe's capacity, as Expect was given it
	Results  []bench.CheckResult
	Expect   []bench.Expectation // for each result
	Recovery []faults.Recovery
}

func runCheck(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("check", stderr)
	format, out := checkRenderers.flags(fs)
	transports := fs.String("transport", "", "comma-separated `transports` (default all)")
	sizes := fs.String("size", "", "comma-separated `sizes`, e.g. 16B,65537B,1MiB (default "+sizeList(bench.CheckSizes)+")")
	parallel := fs.Int("parallel", runtime.GOMAXPROCS(0), "`N` cells at once")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: framebench check [-format text|markdown|csv] [-transport T,...] [-size S,...] [-parallel N] [-out DIR]")
		fmt.Fprintln(stderr, "\nRuns the correctness matrix (every transport, codec, strategy, payload and size: ok, fail")
		fmt.Fprintln(stderr, "with the exact error, or n/a) and the recovery table; fails if a cell does what the")
		fmt.Fprintln(stderr, "design says it must not. Progress goes to stderr.")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	render, err := checkRenderers.pick(*format)
	if err != nil {
		return err
	}
	trs, szs, err := checkSelection(*transports, *sizes)
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
	pipeCap, err := bench.PipeCapacity()
	if err != nil {
		return err
	}
	rep.PipeCap = pipeCap
	for _, r := range rep.Results {
		rep.Expect = append(rep.Expect, bench.Expect(r.Cell, r.Frame, pipeCap))
	}
	elapsed := time.Since(start).Round(time.Second)
	if err := render(stdout, rep); err != nil {
		return err
	}
	if *out != "" {
		rep.Header = resultHeader("framebench check "+strings.Join(args, " "), elapsed)
		if err := checkRenderers.writeFiles(*out, rep); err != nil {
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
func checkSelection(transports, sizes string) ([]string, []int, error) {
	var trs []string
	var szs []int
	for _, t := range splitList(transports) {
		if _, err := bench.LookupTransport(t); err != nil {
			return nil, nil, usageError{"check: " + err.Error()}
		}
		trs = append(trs, t)
	}
	for _, s := range splitList(sizes) {
		n, err := strategies.ParseSize(s)
		if err != nil {
			return nil, nil, usageError{"check: " + err.Error()}
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

// checkRenderers are the check command's -format writers.
var checkRenderers = renderers[checkReport]{cmd: "check", base: "correctness", text: writeCheckText, markdown: writeCheckMarkdown,
	csv: func(w io.Writer, rep checkReport) error { return writeCheckCSV(w, rep.Results) }}

// resultHeader returns the configuration lines of a results file: how
// and where it was made, in the form of the run command's raw files.
func resultHeader(command string, elapsed time.Duration) []string {
	root, _ := os.Getwd()
	if r, err := moduleRoot(); err == nil {
		root = r
	}
	return []string{
		"command: " + strings.TrimSpace(command),
		"commit: " + commit(root),
		"go: " + goVersion(),
		"cpu: " + strings.TrimSpace(cpuModel()),
		"kernel: " + kernel(),
		"pipe-capacity: " + pipeCapacity(),
		fmt.Sprintf("gomaxprocs: %d", runtime.GOMAXPROCS(0)),
		"date: " + time.Now().UTC().Format(time.RFC3339),
		"elapsed: " + elapsed.String(),
	}
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

func (rep checkReport) counts() (ok, fail, na int) {
	for _, r := range rep.Results {
		switch r.Outcome {
		case bench.OK:
			ok++
		case bench.Fail:
			fail++
		default:
			na++
		}
	}
	return
}

// unexpected returns the indexes of the results that break their expectation.
func (rep checkReport) unexpected() []int {
	var out []int
	for i, r := range rep.Results {
		if i < len(rep.Expect) && !rep.Expect[i].Meets(r) {
			out = append(out, i)
		}
	}
	return out
}

// errText is the error column of a result: the exact error of a failure,
// the reason of an n/a, nothing for ok.
func errText(r bench.CheckResult) string {
	if r.Err == nil {
		return ""
	}
	return r.Err.Error()
}

// writeCheckCSV writes one line per cell:
// transport,codec,strategy,payload,size,outcome,error.
func writeCheckCSV(w io.Writer, results []bench.CheckResult) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"transport", "codec", "strategy", "payload", "size", "outcome", "error"})
	for _, r := range results {
		c := r.Cell
		cw.Write([]string{c.Transport, c.Codec, c.Strategy, string(c.Payload), strategies.SizeName(c.Size), string(r.Outcome), errText(r)})
	}
	cw.Flush()
	return cw.Error()
}

// matrix groups results for the tables: per transport, per strategy and
// codec (in registry order), per size, the outcome of each payload.
type matrix struct {
	transports []string
	sizes      []int
	rows       map[string][][2]bench.Outcome // transport/strategy/codec → per size, blob and struct
}

func (rep checkReport) matrix() matrix {
	m := matrix{rows: map[string][][2]bench.Outcome{}}
	for _, r := range rep.Results {
		c := r.Cell
		if !slices.Contains(m.transports, c.Transport) {
			m.transports = append(m.transports, c.Transport)
		}
		if !slices.Contains(m.sizes, c.Size) {
			m.sizes = append(m.sizes, c.Size)
		}
	}
	slices.Sort(m.sizes)
	for _, r := range rep.Results {
		c := r.Cell
		key := c.Transport + "/" + c.Strategy + "/" + c.Codec
		row := m.rows[key]
		if row == nil {
			row = make([][2]bench.Outcome, len(m.sizes))
			for i := range row {
				row[i] = [2]bench.Outcome{bench.NA, bench.NA}
			}
			m.rows[key] = row
		}
		p := 0
		if c.Payload == strategies.Struct {
			p = 1
		}
		row[slices.Index(m.sizes, c.Size)][p] = r.Outcome
	}
	return m
}

// row returns the row of a transport, strategy and codec, or nil if the
// pair applies at no size.
func (m matrix) row(t, s, c string) [][2]bench.Outcome {
	row := m.rows[t+"/"+s+"/"+c]
	for _, o := range row {
		if o[0] != bench.NA || o[1] != bench.NA {
			return row
		}
	}
	return nil
}

var outcomeMark = map[bench.Outcome]string{bench.OK: "ok", bench.Fail: "FAIL", bench.NA: "-"}

// cellText shows the outcomes of both payloads: "ok", "FAIL", or
// "ok/-" where they differ (blob first).
func cellText(o [2]bench.Outcome) string {
	if o[0] == o[1] {
		return outcomeMark[o[0]]
	}
	return outcomeMark[o[0]] + "/" + outcomeMark[o[1]]
}

func writeCheckText(w io.Writer, rep checkReport) error {
	m := rep.matrix()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, t := range m.transports {
		fmt.Fprintf(tw, "transport=%s\n", t)
		fmt.Fprint(tw, "strategy\tcodec")
		for _, n := range m.sizes {
			fmt.Fprintf(tw, "\t%s", strategies.SizeName(n))
		}
		fmt.Fprintln(tw)
		for _, s := range strategies.Strategies {
			for _, c := range strategies.Codecs {
				row := m.row(t, s.Name(), c.Name())
				if row == nil {
					continue
				}
				fmt.Fprintf(tw, "%s\t%s", s.Name(), c.Name())
				for _, o := range row {
					fmt.Fprintf(tw, "\t%s", cellText(o))
				}
				fmt.Fprintln(tw)
			}
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	ok, fail, na := rep.counts()
	fmt.Fprintf(w, "%d cells: %d ok, %d fail, %d n/a; a cell shows blob/struct where they differ\n\n", len(rep.Results), ok, fail, na)
	fmt.Fprintln(w, "failures:")
	for i, r := range rep.Results {
		if r.Outcome == bench.Fail {
			fmt.Fprintf(w, "  %s/%s/%s/%s/%s (%s): %v\n", r.Cell.Transport, r.Cell.Codec, r.Cell.Strategy, r.Cell.Payload,
				strategies.SizeName(r.Cell.Size), rep.expectWord(i), r.Err)
		}
	}
	fmt.Fprintln(w)
	return writeRecoveryText(w, rep.Recovery)
}

// expectWord says whether failure i is one the design expects.
func (rep checkReport) expectWord(i int) string {
	if i < len(rep.Expect) && rep.Expect[i].Meets(rep.Results[i]) {
		return "expected"
	}
	return "UNEXPECTED"
}

func writeRecoveryText(w io.Writer, rs []faults.Recovery) error {
	fmt.Fprintf(w, "recovery: %d good messages, one bad one, %d good ones, read by one reader\n", faults.RecoverBefore, faults.RecoverAfter)
	for _, line := range recoverySummary(rs) {
		fmt.Fprintln(w, "  "+line)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\tcodec\tfault\tbad message\tafter it\treader\terror")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%v\n", r.Strategy, r.Codec, r.Fault, r.Bad(), r.Verdict(), readerWord(r), errOrEmpty(r.Err))
	}
	return tw.Flush()
}

func readerWord(r faults.Recovery) string {
	if r.Stopped {
		return "gave up"
	}
	return "went on"
}

func errOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// recoverySummary says in sentences which strategies skip a bad message
// and go on, and which cannot, from the recovery results.
func recoverySummary(rs []faults.Recovery) []string {
	var goOn, resync, detect []string
	var cannot []string
	for _, s := range strategies.Strategies {
		var mine []faults.Recovery
		for _, r := range rs {
			if r.Strategy == s.Name() {
				mine = append(mine, r)
			}
		}
		if len(mine) == 0 {
			continue
		}
		var why string
		allDetect, allResync := true, true
		corrupt, truncated := 0, 0
		for _, r := range mine {
			switch r.Fault {
			case faults.Corrupt:
				corrupt++
			case faults.Truncated:
				truncated++
			}
			if r.Fault != faults.Truncated && !r.Recovers() && why == "" {
				why = fmt.Sprintf("%s (%s): %s after it", r.Fault, r.Codec, r.Verdict())
				if r.Stopped {
					why += ", the reader gave up"
				}
				if r.Err != nil {
					why += fmt.Sprintf(" (%v)", r.Err)
				}
			}
			if r.Fault == faults.Corrupt && !r.Detected {
				allDetect = false
			}
			if r.Fault == faults.Truncated && r.Arrived == 0 {
				allResync = false
			}
		}
		if why == "" {
			goOn = append(goOn, s.Name())
		} else {
			cannot = append(cannot, s.Name()+" — "+why)
		}
		if allResync && truncated > 0 {
			resync = append(resync, s.Name())
		}
		if allDetect && corrupt > 0 {
			detect = append(detect, s.Name())
		}
	}
	lines := []string{
		"Skip a corrupt, garbage or oversized message and deliver every later one, with every codec: " + orNone(goOn) + ".",
		"Find their way back after a message cut short (resync): " + orNone(resync) + ".",
		"Detect a flipped bit in a payload with every codec: " + orNone(detect) + ".",
		"Cannot go on after a bad message:",
	}
	for _, c := range cannot {
		lines = append(lines, "  "+c)
	}
	return lines
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func writeCheckMarkdown(w io.Writer, rep checkReport) error {
	m := rep.matrix()
	ok, fail, na := rep.counts()
	writeMarkdownHead(w, "Correctness: what breaks, where, and whether the reader can go on", "check",
		"The same cells, one per line with the exact error: [correctness.csv](correctness.csv).", rep.Header)
	fmt.Fprintln(w, "## Summary")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%d cells (transport × codec × strategy × payload × size, %s messages each, compared in full): **%d ok, %d fail**, %d n/a.\n",
		len(rep.Results), messagesText(), ok, fail, na)
	bad := rep.unexpected()
	if len(bad) == 0 {
		fmt.Fprintf(w, "Every failure is one the design expects: `oneread` where one read cannot return a whole message (the seed's bug: on `pipe`, every message whose frame and 4-byte header are over the pipe's %d bytes), `scanner` once a line is over `bufio.Scanner`'s 64 KiB.\n", rep.PipeCap)
	} else {
		fmt.Fprintf(w, "**%d of them did not do what the design says they must** (marked UNEXPECTED below).\n", len(bad))
	}
	for _, line := range seedLines(rep) {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	writeFailCounts(w, rep, m)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Each table cell is the outcome for both payloads, or blob/struct where they differ: `ok`, `FAIL` (the error is in the failures list), `-` (n/a: the pair does not apply).")
	for _, t := range m.transports {
		fmt.Fprintf(w, "\n## Transport %s\n\n", t)
		fmt.Fprint(w, "| strategy | codec |")
		for _, n := range m.sizes {
			fmt.Fprintf(w, " %s |", strategies.SizeName(n))
		}
		fmt.Fprint(w, "\n|---|---|")
		for range m.sizes {
			fmt.Fprint(w, "---|")
		}
		fmt.Fprintln(w)
		for _, s := range strategies.Strategies {
			for _, c := range strategies.Codecs {
				row := m.row(t, s.Name(), c.Name())
				if row == nil {
					continue
				}
				fmt.Fprintf(w, "| %s | %s |", s.Name(), c.Name())
				for _, o := range row {
					cell := cellText(o)
					if strings.Contains(cell, "FAIL") {
						cell = "**" + cell + "**"
					}
					fmt.Fprintf(w, " %s |", cell)
				}
				fmt.Fprintln(w)
			}
		}
	}
	fmt.Fprintln(w, "\n## Failures")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| transport | codec | strategy | payload | size | expected | error |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for i, r := range rep.Results {
		if r.Outcome == bench.Fail {
			c := r.Cell
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", c.Transport, c.Codec, c.Strategy, c.Payload,
				strategies.SizeName(c.Size), rep.expectWord(i), mdCode(errText(r)))
		}
	}
	writeRecoveryMarkdown(w, rep.Recovery)
	fmt.Fprintln(w, "\n## Pairs that do not apply")
	fmt.Fprintln(w)
	seen := map[string]bool{}
	for _, r := range rep.Results {
		if r.Outcome != bench.NA {
			continue
		}
		line := fmt.Sprintf("- %s with %s (%s): %v", r.Cell.Strategy, r.Cell.Codec, r.Cell.Payload, r.Err)
		if !seen[line] {
			seen[line] = true
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

// writeFailCounts writes, for each strategy with a failure, how many of
// its cells failed on each transport, of how many that apply.
func writeFailCounts(w io.Writer, rep checkReport, m matrix) {
	type key struct{ s, t string }
	fails, cells := map[key]int{}, map[key]int{}
	for _, r := range rep.Results {
		k := key{r.Cell.Strategy, r.Cell.Transport}
		if r.Outcome != bench.NA {
			cells[k]++
		}
		if r.Outcome == bench.Fail {
			fails[k]++
		}
	}
	fmt.Fprint(w, "Failed cells of those that apply, by strategy and transport:\n\n| strategy |")
	for _, t := range m.transports {
		fmt.Fprintf(w, " %s |", t)
	}
	fmt.Fprint(w, "\n|---|")
	for range m.transports {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w)
	for _, s := range strategies.Strategies {
		var row []string
		failed := false
		for _, t := range m.transports {
			k := key{s.Name(), t}
			row = append(row, fmt.Sprintf("%d/%d", fails[k], cells[k]))
			failed = failed || fails[k] > 0
		}
		if failed {
			fmt.Fprintf(w, "| %s | %s |\n", s.Name(), strings.Join(row, " | "))
		}
	}
}

func messagesText() string {
	var parts []string
	for _, n := range []int{16, 16 << 20} {
		parts = append(parts, strconv.Itoa(bench.CheckMessages(n)))
	}
	return parts[0] + " (" + parts[1] + " at 16MiB: it only has to arrive whole)"
}

// seedLines state the seed's reproduction from the results: the first
// size at which oneread fails on pipe, and what the other strategies do
// there.
func seedLines(rep checkReport) []string {
	var lines []string
	for _, r := range rep.Results {
		c := r.Cell
		if c.Transport == "pipe" && c.Strategy == "oneread" && c.Codec == "raw" && r.Outcome == bench.Fail {
			lines = append(lines, fmt.Sprintf("The seed, reproduced: `oneread` with `raw` on `pipe` fails at %s: `%v`.", strategies.SizeName(c.Size), r.Err))
			break
		}
	}
	return lines
}

func writeRecoveryMarkdown(w io.Writer, rs []faults.Recovery) {
	fmt.Fprintln(w, "\n## Recovery: can the same reader go on after a bad message?")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "One reader reads %d good messages, one bad message and %d good ones (blobs of %d bytes, MaxFrame %d KiB), from memory. Faults: "+
		"`corrupt` flips a bit in the middle of the message; `garbage` sends a well-framed message of 0xff bytes (stream strategies get the bytes in its place); "+
		"`oversized` sends a %d KiB message to a reader whose limit is %d KiB (and bufio.Scanner's 64 KiB); `truncated` cuts the message in half and goes on with the next. "+
		"Each cell: what the reader did with the bad message (`error`, `silent`: a wrong message and no error, `accepted`: the message arrived as written) → what happened to the %d after it.\n\n",
		faults.RecoverBefore, faults.RecoverAfter, faults.RecoverSize, faults.RecoverMaxFrame>>10, faults.OversizedSize>>10, faults.RecoverMaxFrame>>10, faults.RecoverAfter)
	for _, line := range recoverySummary(rs) {
		if strings.HasPrefix(line, "  ") {
			fmt.Fprintln(w, "  - "+strings.TrimSpace(line))
		} else {
			fmt.Fprintln(w, "- "+line)
		}
	}
	fmt.Fprintln(w)
	writeCodecHeader(w, "---", "strategy", "fault")
	for _, s := range strategies.Strategies {
		for _, f := range faults.Faults {
			cells, found := codecCells(func(codec string) string {
				for _, r := range rs {
					if r.Strategy == s.Name() && r.Codec == codec && r.Fault == f {
						if r.Stopped {
							return r.Bad() + " → " + r.Verdict() + ", gave up"
						}
						return r.Bad() + " → " + r.Verdict()
					}
				}
				return ""
			})
			if found {
				fmt.Fprintf(w, "| %s | %s | %s |\n", s.Name(), f, strings.Join(cells, " | "))
			}
		}
	}
}

// mdCode puts s in a Markdown code span that a table cell can hold.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("`", "'", "|", "\\|", "\n", " ").Replace(s)
	return "`" + s + "`"
}
