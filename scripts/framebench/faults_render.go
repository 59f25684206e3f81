package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"framebench/faults"
	"framebench/report"
	"framebench/strategies"
)

// percent formats n of total as a percentage with one decimal.
func percent(n, total int) string {
	if total == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*float64(n)/float64(total), 'f', 1, 64) + "%"
}

// ofTrials formats a count of trials with its share of them: "97 (97.0%)".
func ofTrials(n, trials int) string { return fmt.Sprintf("%d (%s)", n, percent(n, trials)) }

// outOf formats a count with its denominator, "5/700", or "-" where the
// denominator is 0.
func outOf(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", n, d)
}

// faultsColumns are the columns of a kind's table, and faultsCells a row's
// cells: each count with its denominator.
var faultsColumns = []string{"codec", "strategy", "trials", "detected", "hung", "silent", "vanished", "lost", "resynced"}

func faultsCells(r *faults.Row, c faults.Counts) []string {
	return []string{r.Codec, r.Strategy, strconv.Itoa(c.Trials), ofTrials(c.Detected, c.Trials), ofTrials(c.Hung, c.Trials),
		ofTrials(c.Silent, c.Trials), ofTrials(c.Vanished, c.Trials), outOf(c.Lost, c.AtRisk), outOf(c.Resynced, c.Harmed)}
}

// faultsKindText says what the trials of kind k are.
func faultsKindText(rep faultsReport, k faults.Kind) string {
	switch k {
	case faults.BitFlip:
		return fmt.Sprintf("one bit flipped at a random offset, %d trials", rep.Trials)
	case faults.Truncate:
		return "the stream cut at every offset"
	case faults.ShortRead:
		return "the intact stream through iotest.OneByteReader, HalfReader, DataErrReader and 8 random-chunk readers, and written in random chunks through every in-process transport"
	case faults.Hostile:
		var hs []string
		for _, h := range faults.HostileHeaders {
			hs = append(hs, "`"+h.Name+"`")
		}
		return fmt.Sprintf("a hostile header (%s) inserted at every message boundary", strings.Join(hs, ", "))
	case faults.Recoveries:
		var fs []string
		for _, f := range faults.Faults {
			fs = append(fs, "`"+string(f)+"`")
		}
		return fmt.Sprintf("one bad message (%s) after %d good ones and before %d more, read by one reader (the check command's recovery table)",
			strings.Join(fs, ", "), faults.RecoverBefore, faults.RecoverAfter)
	}
	return ""
}

// faultsColumnsText defines the columns and their denominators.
func faultsColumnsText() string {
	return "Columns, each with its denominator: **detected**, trials where the reader returned an error; " +
		"**hung**, trials stopped because the reader or its transport made no progress for " + faults.TransportDeadline.String() + " (not counted as detected); " +
		"**silent**, trials where a message that was never sent arrived with no error; " +
		"**vanished**, trials with no error, no wrong message and no hang in which a message that was sent (the damaged one, or a good one) never arrived; " +
		"**lost**, good messages (on the stream, untouched by the fault) that never arrived intact, out of those at risk (for truncation, the messages wholly before the cut); " +
		"**resynced**, trials where the fault did harm (an error, a wrong or vanished message, a hang) and a good message after it still arrived intact, out of the harmed trials with good messages after the fault. " +
		"A trial can be both detected and silent. Each kind of trial has its own table: their numbers of trials differ (truncation has one per byte of the stream)."
}

// kindGrid is the table of kind i: a row per pair.
func kindGrid(rep faultsReport, i int) *report.Grid {
	g := &report.Grid{Header: faultsColumns, Align: "ll" + strings.Repeat("r", len(faultsColumns)-2)}
	for j := range rep.Rows {
		r := &rep.Rows[j]
		g.Rows = append(g.Rows, faultsCells(r, r.ByKind[i]))
	}
	return g
}

func writeFaultsText(w io.Writer, rep faultsReport) error {
	for i, k := range faults.Kinds {
		g := kindGrid(rep, i)
		g.Title = fmt.Sprintf("%s: %s", k, faultsKindText(rep, k))
		if err := g.Text(w); err != nil {
			return err
		}
	}
	for _, line := range faultsHeadlines(rep) {
		fmt.Fprintln(w, line)
	}
	return nil
}

// faultsHeadlines state the campaign's findings in sentences: what
// lenprefix-crc let through (counts that should be zero, over every kind),
// plain lenprefix with raw beside it, and every hang.
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
	if codecs > 0 {
		plural := "s"
		if codecs == 1 {
			plural = ""
		}
		lines = append(lines, fmt.Sprintf("lenprefix-crc: %d silent corruptions and %d undetected losses in %d trials of every kind with %d codec%s; %d of %d bit flips detected.",
			crc.Silent, crc.Vanished, crc.Trials, codecs, plural, crcBF.Detected, crcBF.Trials))
	}
	for _, r := range rep.Rows {
		if r.Strategy == strategies.LenPrefix.Name() && r.Codec == strategies.Raw.Name() {
			bf := r.Kind(faults.BitFlip)
			lines = append(lines, fmt.Sprintf("lenprefix with raw: %d silent corruptions in %d bit flips (%s): nothing checks the payload.",
				bf.Silent, bf.Trials, percent(bf.Silent, bf.Trials)))
		}
	}
	for _, r := range rep.Rows {
		for i, k := range faults.Kinds {
			if c := r.ByKind[i]; c.Hung > 0 {
				lines = append(lines, fmt.Sprintf("%s/%s: %d of %d %s trials hung.", r.Strategy, r.Codec, c.Hung, c.Trials, k))
			}
		}
	}
	return lines
}

func writeFaultsMarkdown(w io.Writer, rep faultsReport) error {
	writeMarkdownHead(w, "Faults: what each reader does with a damaged stream", "faults",
		"One line per codec, strategy and kind of trial: [faults.csv](faults.csv).", rep.Header)
	for _, line := range faultsHeadlines(rep) {
		fmt.Fprintln(w, "- "+line)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Seed %d. Every strategy and codec gets a stream of %d messages (blob and struct payloads alternating where the codec carries both, %s bytes; readers with MaxFrame %d KiB) and, per kind of trial:\n\n",
		rep.Seed, len(faults.StreamSizes), faultsStreamSizes(), faults.MaxFrame>>10)
	for _, k := range faults.Kinds {
		fmt.Fprintf(w, "- **%s**: %s;\n", k, faultsKindText(rep, k))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, faultsColumnsText())
	fmt.Fprint(w, "\n## Silent corruption under bit flips\n\n")
	fmt.Fprint(w, "Share of bit-flip trials in which a wrong message arrived without an error, by strategy and codec.\n\n")
	if err := bitFlipPivot(rep, func(c faults.Counts) int { return c.Silent }).Markdown(w); err != nil {
		return err
	}
	fmt.Fprint(w, "## Undetected losses under bit flips\n\n")
	fmt.Fprint(w, "Share of bit-flip trials in which a message vanished with no error and no wrong message, by strategy and codec.\n\n")
	if err := bitFlipPivot(rep, func(c faults.Counts) int { return c.Vanished }).Markdown(w); err != nil {
		return err
	}
	for i, k := range faults.Kinds {
		fmt.Fprintf(w, "## %s\n\n", k)
		if err := kindGrid(rep, i).Markdown(w); err != nil {
			return err
		}
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

// bitFlipPivot is count's share of the bit-flip trials, one row per
// strategy, one column per codec.
func bitFlipPivot(rep faultsReport, count func(faults.Counts) int) *report.Grid {
	g := codecGrid(true, "strategy")
	for _, s := range strategies.Strategies {
		cells, found := codecCells(func(codec string) string {
			for i := range rep.Rows {
				if r := &rep.Rows[i]; r.Strategy == s.Name() && r.Codec == codec {
					bf := r.Kind(faults.BitFlip)
					return percent(count(bf), bf.Trials)
				}
			}
			return ""
		})
		if found {
			name := s.Name()
			if s == strategies.LenPrefixCRC {
				name = "**" + name + "**"
			}
			g.Rows = append(g.Rows, append([]string{name}, cells...))
		}
	}
	return g
}
