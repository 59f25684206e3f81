package main

import (
	"fmt"
	"io"
	"strings"

	"framebench/bench"
	"framebench/report"
	"framebench/strategies"
)

// checkRenderers are the check command's -format writers.
var checkRenderers = renderers[checkReport]{base: "correctness",
	text: writeCheckText, markdown: writeCheckMarkdown, csv: writeCheckCSV, json: writeCheckJSON}

// cellsGrid is the CSV's table: one line per cell.
func cellsGrid(results []bench.CheckResult) *report.Grid {
	g := &report.Grid{Header: []string{"transport", "codec", "strategy", "payload", "size", "outcome", "error"}}
	for _, r := range results {
		c := r.Cell
		g.Rows = append(g.Rows, []string{c.Transport, c.Codec, c.Strategy, string(c.Payload), strategies.SizeName(c.Size), string(r.Outcome), errText(r)})
	}
	return g
}

// writeCheckCSV writes one line per cell:
// transport,codec,strategy,payload,size,outcome,error.
func writeCheckCSV(w io.Writer, rep checkReport) error { return cellsGrid(rep.Results).CSV(w) }

// transportGrids are the matrix's tables, one per transport: a row per
// strategy and codec that apply at some size, a column per size.
func (rep checkReport) transportGrids(cell func(string) string) []*report.Grid {
	m := rep.matrix()
	var gs []*report.Grid
	for _, t := range m.transports {
		g := &report.Grid{Title: t, Header: append([]string{"strategy", "codec"}, m.sizeHeader()...), Align: "ll" + strings.Repeat("l", len(m.sizes))}
		for _, s := range strategies.Strategies {
			for _, c := range strategies.Codecs {
				row := m.row(t, s.Name(), c.Name())
				if row == nil {
					continue
				}
				cells := []string{s.Name(), c.Name()}
				for _, o := range row {
					cells = append(cells, cell(cellText(o)))
				}
				g.Rows = append(g.Rows, cells)
			}
		}
		gs = append(gs, g)
	}
	return gs
}

func writeCheckText(w io.Writer, rep checkReport) error {
	for _, g := range rep.transportGrids(func(s string) string { return s }) {
		g.Title = "transport=" + g.Title
		if err := g.Text(w); err != nil {
			return err
		}
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

func writeCheckMarkdown(w io.Writer, rep checkReport) error {
	ok, fail, na := rep.counts()
	writeMarkdownHead(w, "Correctness: what breaks, where, and whether the reader can go on", "check",
		"The same cells, one per line with the exact error: [correctness.csv](correctness.csv).", rep.Header)
	fmt.Fprint(w, "## Summary\n\n")
	fmt.Fprintf(w, "%d cells (transport × codec × strategy × payload × size, %s messages each, compared in full): **%d ok, %d fail**, %d n/a.\n",
		len(rep.Results), messagesText(), ok, fail, na)
	if bad := rep.unexpected(); len(bad) == 0 {
		fmt.Fprintf(w, "Every failure is one the design expects: `oneread` where one read cannot return a whole message (the seed's bug: on `pipe`, every message whose frame and 4-byte header are over the pipe's %d bytes), `scanner` once a line is over `bufio.Scanner`'s 64 KiB.\n", rep.PipeCap)
	} else {
		fmt.Fprintf(w, "**%d of them did not do what the design says they must** (marked UNEXPECTED below).\n", len(bad))
	}
	if line := seedLine(rep); line != "" {
		fmt.Fprintln(w, line)
	}
	fmt.Fprint(w, "\nFailed cells of those that apply, by strategy and transport:\n\n")
	if err := rep.failCounts().Markdown(w); err != nil {
		return err
	}
	fmt.Fprint(w, "Each table cell is the outcome for both payloads, or blob/struct where they differ: `ok`, `FAIL` (the error is in the failures list), `-` (n/a: the pair does not apply).\n\n")
	for _, g := range rep.transportGrids(func(s string) string {
		if strings.Contains(s, "FAIL") {
			return "**" + s + "**"
		}
		return s
	}) {
		fmt.Fprintf(w, "## Transport %s\n\n", g.Title)
		g.Title = ""
		if err := g.Markdown(w); err != nil {
			return err
		}
	}
	fmt.Fprint(w, "## Failures\n\n")
	failures := &report.Grid{Header: []string{"transport", "codec", "strategy", "payload", "size", "expected", "error"}, Align: "lllllll"}
	for i, r := range rep.Results {
		if c := r.Cell; r.Outcome == bench.Fail {
			failures.Rows = append(failures.Rows, []string{c.Transport, c.Codec, c.Strategy, string(c.Payload),
				strategies.SizeName(c.Size), rep.expectWord(i), report.MarkdownCode(errText(r))})
		}
	}
	if err := failures.Markdown(w); err != nil {
		return err
	}
	if err := writeRecoveryMarkdown(w, rep.Recovery); err != nil {
		return err
	}
	fmt.Fprint(w, "## Pairs that do not apply\n\n")
	seen := map[string]bool{}
	for _, r := range rep.Results {
		if r.Outcome != bench.NA {
			continue
		}
		line := fmt.Sprintf("- %s with %s (%s): %s", r.Cell.Strategy, r.Cell.Codec, r.Cell.Payload, report.MarkdownText(errText(r)))
		if !seen[line] {
			seen[line] = true
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

// failCounts is, for each strategy with a failure, how many of its cells
// failed on each transport, of how many that apply.
func (rep checkReport) failCounts() *report.Grid {
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
	m := rep.matrix()
	g := &report.Grid{Header: append([]string{"strategy"}, m.transports...)}
	for _, s := range strategies.Strategies {
		row := []string{s.Name()}
		failed := false
		for _, t := range m.transports {
			k := key{s.Name(), t}
			row = append(row, fmt.Sprintf("%d/%d", fails[k], cells[k]))
			failed = failed || fails[k] > 0
		}
		if failed {
			g.Rows = append(g.Rows, row)
		}
	}
	return g
}

// seedLine states the seed's reproduction from the results: the first
// size at which oneread fails with raw on pipe.
func seedLine(rep checkReport) string {
	for _, r := range rep.Results {
		c := r.Cell
		if c.Transport == bench.Pipe.Name && c.Strategy == strategies.OneRead.Name() && c.Codec == strategies.Raw.Name() && r.Outcome == bench.Fail {
			return fmt.Sprintf("The seed, reproduced: `oneread` with `raw` on `pipe` fails at %s: %s.", strategies.SizeName(c.Size), report.MarkdownCode(errText(r)))
		}
	}
	return ""
}
