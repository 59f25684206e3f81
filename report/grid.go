package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"golang.org/x/perf/benchmath"
)

// Grid is a table of the run report, already formatted: the first column
// is a label, the others are values (right-aligned).
type Grid struct {
	Title  string // a caption, rendered in bold; may be empty
	Header []string
	Rows   [][]string
	Notes  []string // lines after the table
	Counts []count  // the notes that count its tests and intervals, after Notes
	// Align gives each column's alignment, 'l' or 'r'; the default is
	// "l" for the first column and "r" for the others.
	Align string
}

// Text writes g for a terminal.
func (g *Grid) Text(w io.Writer) error {
	if g.Title != "" {
		if _, err := fmt.Fprintln(w, g.Title); err != nil {
			return err
		}
	}
	if err := g.render(w, renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)}), nil); err != nil {
		return err
	}
	for _, n := range g.notes() {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// Markdown writes g as a GitHub Markdown table followed by a blank line.
func (g *Grid) Markdown(w io.Writer) error {
	if g.Title != "" {
		if _, err := fmt.Fprintf(w, "**%s**\n\n", g.Title); err != nil {
			return err
		}
	}
	if err := g.render(w, renderer.NewMarkdown(), mdPipes); err != nil {
		return err
	}
	notes := g.notes()
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		if _, err := fmt.Fprintf(w, "%s  \n", n); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// notes returns the lines after the table: Notes, then Counts.
func (g *Grid) notes() []string {
	out := slices.Clone(g.Notes)
	for _, c := range g.Counts {
		out = append(out, c.String())
	}
	return out
}

// CSV writes g's header and rows as CSV records, cells as they are; the
// title and notes are not data and are left out.
func (g *Grid) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(g.Header)
	for _, row := range g.Rows {
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func (g *Grid) render(w io.Writer, r tw.Renderer, esc func(string) string) error {
	if esc == nil {
		esc = func(s string) string { return s }
	}
	tb := tablewriter.NewTable(w, tablewriter.WithRenderer(r),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignment(tw.AlignRight),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off))
	align := []tw.Align{tw.AlignLeft}
	if g.Align != "" {
		align = align[:0]
		for _, a := range g.Align {
			align = append(align, map[rune]tw.Align{'l': tw.AlignLeft, 'r': tw.AlignRight}[a])
		}
	}
	tb.Configure(func(c *tablewriter.Config) { c.Row.Alignment.PerColumn = align })
	h := make([]string, len(g.Header))
	for i, s := range g.Header {
		h[i] = esc(s)
	}
	tb.Header(h)
	for _, row := range g.Rows {
		r := make([]string, len(g.Header))
		for i := range r {
			if i < len(row) {
				r[i] = esc(row[i])
			}
		}
		if err := tb.Append(r); err != nil {
			return err
		}
	}
	return tb.Render()
}

// fmtMBs formats a B/s summary as MB/s with its interval: "4118 ± 3%".
func fmtMBs(s benchmath.Summary) string {
	return fmtNum(s.Center/1e6) + " ± " + s.PctRangeString()
}

// fmtSec formats seconds with a unit: "615 ns", "1.63 µs", "12.3 ms".
func fmtSec(sec float64) string {
	switch ns := sec * 1e9; {
	case ns < 1e3:
		return fmtNum(ns) + " ns"
	case ns < 1e6:
		return fmtNum(ns/1e3) + " µs"
	case ns < 1e9:
		return fmtNum(ns/1e6) + " ms"
	default:
		return fmtNum(ns/1e9) + " s"
	}
}

// fmtNum formats v with three significant digits, more for large integers.
func fmtNum(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100 || a == math.Trunc(a):
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// fmtRatio formats a ratio with its significance: "0.74 (p=0.008)" when
// significant, "0.98 ~" when not.
func fmtRatio(r Ratio) string {
	if !r.Significant {
		return fmt.Sprintf("%.2f ~", r.Value)
	}
	return fmt.Sprintf("%.2f (p=%.3f)", r.Value, r.P)
}
