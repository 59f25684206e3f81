package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"golang.org/x/perf/benchunit"
)

// Text writes ts for a terminal: benchstat's key lines before each table,
// then a table per unit whose cells show the median ± the confidence
// interval and, past the first column, the change against the first
// column with its p-value ("~" when not significant at α), then a geomean
// row and numbered warnings.
func (ts *Tables) Text(w io.Writer) error {
	var err error
	ts.walk(func(hdr string) {
		if err == nil {
			_, err = fmt.Fprintln(w, hdr)
		}
	}, func(t *Table) {
		if err == nil {
			err = t.render(w, renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)}), false)
		}
	})
	return err
}

// Markdown writes ts as GitHub Markdown: a bold line with the table's key,
// then the same table as Text.
func (ts *Tables) Markdown(w io.Writer) error {
	fields := []string{}
	var err error
	for i, t := range ts.Tables {
		fields = fields[:0]
		for _, f := range ts.Keys[i].Projection().FlattenedFields() {
			if v := ts.Keys[i].Get(f); f.Name != ".unit" && v != "" {
				fields = append(fields, keyValue(f.Name, v))
			}
		}
		fields = append(fields, t.Unit)
		if _, err = fmt.Fprintf(w, "**%s**\n\n", MarkdownText(strings.Join(fields, " · "))); err != nil {
			return err
		}
		if err = t.render(w, renderer.NewMarkdown(), true); err != nil {
			return err
		}
		if _, err = fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

// keyValue shows a table key field: the bare value for .name, key=value
// for name keys, key: value for configuration.
func keyValue(name, val string) string {
	switch {
	case name == ".name" || name == ".fullname":
		return val
	case strings.HasPrefix(name, "/"):
		return name[1:] + "=" + val
	}
	return name + ": " + val
}

// render writes t through a tablewriter renderer. Cells that mean the same
// thing as benchstat's text columns: "1.718µ ± 1%", "-17.20% (p=0.000 n=10)".
func (t *Table) render(w io.Writer, r tw.Renderer, md bool) error {
	esc := func(s string) string { return s }
	if md {
		esc = func(s string) string { return mdPipes(MarkdownText(s)) }
	}
	var notes []string
	noteIndex := map[string]int{}
	mark := func(s string, errs ...[]error) string {
		var marks []string
		for _, es := range errs {
			for _, e := range es {
				i, ok := noteIndex[e.Error()]
				if !ok {
					i = len(notes) + 1
					noteIndex[e.Error()] = i
					notes = append(notes, e.Error())
				}
				marks = append(marks, superscript(i))
			}
		}
		if len(marks) == 0 {
			return s
		}
		return s + " " + strings.Join(marks, " ")
	}
	header := []string{esc(t.Unit)}
	for i, c := range t.Cols {
		header = append(header, esc(c.StringValues()))
		if i > 0 {
			header = append(header, esc("vs "+t.Cols[0].StringValues()))
		}
	}
	tb := tablewriter.NewTable(w, tablewriter.WithRenderer(r),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignment(tw.AlignRight),
		tablewriter.WithTrimSpace(tw.Off))
	tb.Configure(func(c *tablewriter.Config) { c.Row.Alignment.PerColumn = []tw.Align{tw.AlignLeft} })
	tb.Header(header)
	class := benchunit.ClassOf(t.Unit)
	for _, rk := range t.Rows {
		row := []string{esc(rk.StringValues())}
		var vals []float64
		for _, ck := range t.Cols {
			if c, ok := t.Cells[TableKey{rk, ck}]; ok {
				vals = append(vals, c.Summary.Center)
			}
		}
		scaler := benchunit.CommonScale(vals, class)
		for i, ck := range t.Cols {
			c, ok := t.Cells[TableKey{rk, ck}]
			switch {
			case !ok:
				row = append(row, "")
			default:
				row = append(row, mark(scaler.Format(c.Summary.Center)+" ± "+c.Summary.PctRangeString(), c.Sample.Warnings, c.Summary.Warnings))
			}
			if i == 0 {
				continue
			}
			if !ok || c.Baseline == nil {
				row = append(row, "")
				continue
			}
			d := c.Comparison.FormatDelta(c.Baseline.Summary.Center, c.Summary.Center)
			row = append(row, mark(d+" ("+c.Comparison.String()+")", c.Comparison.Warnings))
		}
		tb.Append(row)
	}
	if len(t.Rows) > 1 {
		row := []string{"geomean"}
		for i, ck := range t.Cols {
			s := t.Summary[ck]
			v := ""
			if s.HasSummary {
				v = benchunit.Scale(s.Summary, class)
			}
			if i == 0 {
				row = append(row, mark(v, s.Warnings))
				continue
			}
			row = append(row, v, mark(s.ratioString(), s.Warnings))
		}
		tb.Append(row)
	}
	if err := tb.Render(); err != nil {
		return err
	}
	if md && len(notes) > 0 {
		if _, err := fmt.Fprintln(w); err != nil { // a table runs on to the next line otherwise
			return err
		}
	}
	sep := "\n"
	if md {
		sep = "  \n" // a Markdown line break
	}
	for i, n := range notes {
		if _, err := fmt.Fprintf(w, "%s %s%s", superscript(i+1), esc(n), sep); err != nil {
			return err
		}
	}
	if n := t.tests(); n > 0 {
		if md && len(notes) == 0 {
			fmt.Fprintln(w)
		}
		if _, err := fmt.Fprintf(w, "%s%s", esc(testsNote(n)), sep); err != nil {
			return err
		}
	}
	return nil
}

// tests counts the comparisons in t: the cells past the first column that
// have a baseline.
func (t *Table) tests() int {
	n := 0
	for _, c := range t.Cells {
		if c.Baseline != nil {
			n++
		}
	}
	return n
}

// testsNote says how many tests a table holds and why its markers are
// benchstat's own: each test at α, no false-discovery control, so that
// the table agrees with benchstat's cell for cell (the run report's tables
// control it with Benjamini–Hochberg).
func testsNote(n int) string {
	return fmt.Sprintf("%d tests in this table, each at α = 0.05 as benchstat marks them: about 1 in 20 of the cells with no real difference shows a p-value "+
		"(framebench report -out controls the false-discovery rate within each table).", n)
}

func superscript(i int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	s := fmt.Sprint(i)
	var b strings.Builder
	for _, d := range s {
		b.WriteString(string([]rune(digits)[d-'0']))
	}
	return b.String()
}
