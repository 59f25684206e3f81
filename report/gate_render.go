package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"golang.org/x/perf/benchunit"
)

// GateSchema names the version of the JSON document of Gate.JSON.
const GateSchema = "framebench/compare/v1"

// Text writes the gate's verdict for a terminal: what was compared, a
// loud warning when the files come from different machines, the
// regressions and improvements, and a summary. Markdown writes the same
// with every cell in a collapsed table.
func (g *Gate) Text(w io.Writer) error { return g.render(w, false) }

// Markdown writes the gate's verdict as GitHub Markdown (a pull request
// comment, a CI job summary).
func (g *Gate) Markdown(w io.Writer) error { return g.render(w, true) }

func (g *Gate) render(w io.Writer, md bool) error {
	m := &md2{w: w, md: md}
	m.line(g.heading())
	for _, line := range g.warnings() {
		m.line(line)
	}
	for _, sel := range []struct {
		title string
		pick  func(GateCell) bool
	}{
		{fmt.Sprintf("Regressions: significantly worse than OLD by more than %s", thPct(g.Options.Threshold)), func(c GateCell) bool { return c.Regression }},
		{fmt.Sprintf("Improvements: significantly better than OLD by more than %s", thPct(g.Options.Threshold)), func(c GateCell) bool { return c.Improvement }},
	} {
		if gr := g.grid(sel.title, sel.pick); len(gr.Rows) > 0 {
			m.grid(gr)
		}
	}
	m.line(g.summary())
	if md {
		m.line("<details><summary>Every cell compared</summary>\n")
		m.grid(g.grid("", func(GateCell) bool { return true }))
		m.line("</details>")
	}
	m.line(g.verdict())
	return m.err
}

// heading says what was compared, and how.
func (g *Gate) heading() string {
	metric := g.Options.Metric
	if metric == "" {
		metric = "B/s where a cell reports it, else sec/op"
	}
	return fmt.Sprintf("compare: OLD %s, NEW %s; metric %s; threshold %s; %d tests, Benjamini–Hochberg at a false-discovery rate of %.2f",
		g.Old.Label, g.New.Label, metric, thPct(g.Options.Threshold), len(g.Cells), g.Options.FDR)
}

// warnings are the lines a reader must not miss: different machines, and
// a gate that cannot see a lone regression.
func (g *Gate) warnings() []string {
	var out []string
	if len(g.Machines) > 0 {
		out = append(out, fmt.Sprintf("WARNING: OLD and NEW come from different machines (%s): a difference may be the machine's, not the code's. Compare runs made on one machine.",
			strings.Join(g.Machines, "; ")))
	}
	if g.Powerless > 0 {
		out = append(out, fmt.Sprintf("WARNING: %d of %d cells have too few samples for the U test to flag a regression alone among %d tests at FDR %.2f (the smallest p-value of n samples against n is 2/C(2n,n)): run more samples (-count 10 reaches 1.1e-5) or compare fewer cells.",
			g.Powerless, len(g.Cells), len(g.Cells), g.Options.FDR))
	}
	return out
}

// summary counts the cells by verdict and names what could not be compared.
func (g *Gate) summary() string {
	reg, imp, sig := 0, 0, 0
	for _, c := range g.Cells {
		switch {
		case c.Regression:
			reg++
		case c.Improvement:
			imp++
		case c.Significant:
			sig++
		}
	}
	s := fmt.Sprintf("%s compared: %s, %s, %d significant within ±%s, %d with no significant difference.",
		plural(len(g.Cells), "cell"), plural(reg, "regression"), plural(imp, "improvement"), sig, thPct(g.Options.Threshold), len(g.Cells)-reg-imp-sig)
	if len(g.Broke) > 0 {
		s += fmt.Sprintf(" Broken in NEW, measured in OLD: %s.", strings.Join(g.Broke, ", "))
	}
	if n := len(g.OnlyOld) + len(g.OnlyNew); n > 0 {
		s += fmt.Sprintf(" Not compared: %d cells only in OLD, %d only in NEW.", len(g.OnlyOld), len(g.OnlyNew))
	}
	return s
}

// verdict is the last line: PASS, or FAIL and why.
func (g *Gate) verdict() string {
	if g.Pass() {
		return "PASS: no cell is significantly worse than OLD by more than " + thPct(g.Options.Threshold) + "."
	}
	return fmt.Sprintf("FAIL: %s significantly worse than OLD by more than %s, %d broken.", plural(len(g.Regressions()), "cell"), thPct(g.Options.Threshold), len(g.Broke))
}

// plural is "1 cell", "2 cells".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// grid is a table of the cells pick selects.
func (g *Gate) grid(title string, pick func(GateCell) bool) *Grid {
	gr := &Grid{Title: title, Header: []string{"benchmark", "unit", "OLD", "NEW", "change", "slower by", "p", "verdict"}, Align: "llrrrrrl"}
	for _, c := range g.Cells {
		if !pick(c) {
			continue
		}
		sc := benchunit.CommonScale([]float64{c.OldSum.Center, c.NewSum.Center}, benchunit.ClassOf(c.Unit))
		v := "~"
		switch {
		case c.Regression:
			v = "regression"
		case c.Improvement:
			v = "improvement"
		case c.Significant:
			v = "within threshold"
		}
		gr.Rows = append(gr.Rows, []string{c.Name, c.Unit,
			sc.Format(c.OldSum.Center) + " ± " + c.OldSum.PctRangeString(), sc.Format(c.NewSum.Center) + " ± " + c.NewSum.PctRangeString(),
			c.Test.FormatDelta(c.OldSum.Center, c.NewSum.Center), signedPct(c.Worse), fmt.Sprintf("%.3g", c.Test.P), v})
	}
	return gr
}

// thPct formats a threshold as a percentage: 0.05 is "5%".
func thPct(f float64) string { return fmt.Sprintf("%g%%", math.Round(f*1e4)/100) }

func signedPct(f float64) string {
	if math.IsNaN(f) {
		return "?"
	}
	return fmt.Sprintf("%+.1f%%", 100*f)
}

// md2 writes lines and grids as text or Markdown, keeping the first error.
type md2 struct {
	w   io.Writer
	md  bool
	err error
}

func (m *md2) line(s string) {
	if m.err == nil {
		if m.md && strings.HasPrefix(s, "WARNING") {
			s = "> **" + s + "**"
		}
		_, m.err = fmt.Fprintf(m.w, "%s\n\n", s)
	}
}

func (m *md2) grid(g *Grid) {
	if m.err != nil {
		return
	}
	if m.md {
		m.err = g.Markdown(m.w)
	} else {
		m.err = g.Text(m.w)
	}
}

type gateJSON struct {
	Schema      string         `json:"schema"`
	Old         inputJSON      `json:"old"`
	New         inputJSON      `json:"new"`
	Metric      string         `json:"metric"` // "" for B/s where reported, else sec/op
	Threshold   float64        `json:"threshold"`
	FDR         float64        `json:"fdr"`
	Pass        bool           `json:"pass"`
	Regressions int            `json:"regressions"`
	Machines    []string       `json:"machines_differ"`
	Powerless   int            `json:"powerless"`
	Broke       []string       `json:"broke"`
	OnlyOld     []string       `json:"only_old"`
	OnlyNew     []string       `json:"only_new"`
	Cells       []gateCellJSON `json:"cells"`
}

type gateCellJSON struct {
	Name        string     `json:"name"`
	Unit        string     `json:"unit"`
	Old         SampleJSON `json:"old"`
	New         SampleJSON `json:"new"`
	Test        TestJSON   `json:"test"`
	Worse       *float64   `json:"worse"`
	Regression  bool       `json:"regression"`
	Improvement bool       `json:"improvement"`
}

// JSON writes the gate as one JSON document (schema GateSchema). A
// cell's test.significant is its Benjamini–Hochberg verdict, not p < α.
func (g *Gate) JSON(w io.Writer) error {
	doc := gateJSON{Schema: GateSchema, Old: inputJSON{g.Old.Label, g.Old.Path, ConfigMap(g.Old.Config)},
		New: inputJSON{g.New.Label, g.New.Path, ConfigMap(g.New.Config)}, Metric: g.Options.Metric,
		Threshold: g.Options.Threshold, FDR: g.Options.FDR, Pass: g.Pass(), Regressions: len(g.Regressions()),
		Machines: nonNil(g.Machines), Powerless: g.Powerless, Broke: nonNil(g.Broke), OnlyOld: nonNil(g.OnlyOld), OnlyNew: nonNil(g.OnlyNew),
		Cells: []gateCellJSON{}}
	for _, c := range g.Cells {
		t := testJSON(c.Test, c.OldSum.Center, c.NewSum.Center)
		t.Significant = c.Significant
		doc.Cells = append(doc.Cells, gateCellJSON{Name: c.Name, Unit: c.Unit, Old: sampleJSON(c.Old, c.OldSum), New: sampleJSON(c.New, c.NewSum),
			Test: *t, Worse: finite(c.Worse), Regression: c.Regression, Improvement: c.Improvement})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
