package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"framebench/report"
)

// seedRenderers are the seed command's -format writers.
var seedRenderers = renderers[seedReport]{base: "seed", text: seedText, markdown: seedMarkdown, csv: seedCSV}

// seedGrid is the table: one row per variant, one column per size.
func seedGrid(rep seedReport, cell func(seedResult) string) *report.Grid {
	g := &report.Grid{Header: []string{"side", "how the message is read"}, Align: "ll" + strings.Repeat("l", len(rep.Sizes))}
	for _, n := range rep.Sizes {
		g.Header = append(g.Header, strconv.Itoa(n))
	}
	for _, v := range seedVariants {
		row := []string{v.side, v.desc}
		found := false
		for _, n := range rep.Sizes {
			s := "n/a"
			for _, r := range rep.Results {
				if r.Side == v.side && r.Variant == v.key && r.Size == n {
					s, found = cell(r), true
				}
			}
			row = append(row, s)
		}
		if found {
			g.Rows = append(g.Rows, row)
		}
	}
	return g
}

func seedText(w io.Writer, rep seedReport) error {
	python := ""
	if len(rep.Header) > 0 {
		python = " (" + rep.Header[len(rep.Header)-1] + ")"
	}
	fmt.Fprintf(w, "The seed, reproduced: one message of N chars over an os.pipe%s\n\n", python)
	if err := seedGrid(rep, func(r seedResult) string { return r.Outcome }).Text(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "failures:")
	for _, r := range rep.Results {
		if r.Outcome != "ok" {
			fmt.Fprintf(w, "  %s %s %d: %s", r.Side, r.Variant, r.Size, r.Error)
			if r.After != "" {
				fmt.Fprintf(w, " (then: %s)", r.After)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

func seedMarkdown(w io.Writer, rep seedReport) error {
	writeMarkdownHead(w, "The seed, reproduced: pickle over a pipe, CPython and Go", "seed -out results",
		"scripts/seed.py runs CPython's side. The same trials, one per line: [seed.csv](seed.csv).", rep.Header)
	fmt.Fprint(w, "One message of N characters (`'0' * N`, the seed's message) goes once through an `os.pipe`, "+
		"from a thread (CPython) or a goroutine (Go) to a reader that takes it as the row says. "+
		"CPython pickles with `pickle.dump(obj, f, -1)` (protocol 5), Go with og-rek (protocol 4). "+
		"Columns are N.\n\n")
	if err := seedGrid(rep, func(r seedResult) string {
		if r.Outcome == "ok" {
			return "ok"
		}
		return "**" + r.Outcome + "**"
	}).Markdown(w); err != nil {
		return err
	}
	fmt.Fprint(w, "## Failures\n\n")
	g := &report.Grid{Header: []string{"side", "variant", "N", "error", "afterwards"}, Align: "lllll"}
	for _, r := range rep.Results {
		if r.Outcome != "ok" {
			g.Rows = append(g.Rows, []string{r.Side, r.Variant, strconv.Itoa(r.Size), report.MarkdownText(r.Error), report.MarkdownText(r.After)})
		}
	}
	if err := g.Markdown(w); err != nil {
		return err
	}
	fmt.Fprint(w, "## Bytes on the wire\n\nThe message as pickled, framing included: "+
		"a reader that takes it with one read fails once this passes the pipe's capacity.\n\n")
	return seedGrid(rep, func(r seedResult) string { return strconv.FormatInt(r.WireBytes, 10) }).Markdown(w)
}

func seedCSV(w io.Writer, rep seedReport) error {
	g := &report.Grid{Header: []string{"side", "variant", "size", "outcome", "error", "after", "wire_bytes", "seconds"}}
	for _, r := range rep.Results {
		g.Rows = append(g.Rows, []string{r.Side, r.Variant, strconv.Itoa(r.Size), r.Outcome, r.Error, r.After,
			strconv.FormatInt(r.WireBytes, 10), strconv.FormatFloat(r.Seconds, 'f', 6, 64)})
	}
	return g.CSV(w)
}
