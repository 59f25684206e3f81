package report

import (
	"fmt"
	"slices"

	"gonum.org/v1/plot"
)

// Chart is one chart of a run, written as Name.svg and Name.png.
type Chart struct {
	Name      string // file name without extension, e.g. "throughput-pipe-reference"
	Title     string
	Transport string // the transport it shows
	Kind      string // "throughput", "overhead" or "latency"
}

// maxLines is the most lines one chart (one panel) draws: past about six,
// a reader can no longer tell them apart at a glance.
const maxLines = 6

// chartGroup is a set of strategies drawn together, with the reference
// lines repeated on each of its charts.
type chartGroup struct {
	Name, Title string
	Members     []string // the strategies the chart is about, in registry order
	Refs        []string // reference lines: none, the ceiling, first
	Overhead    bool     // also draw the fraction-of-none chart
}

// point is one size of a series. Lo and Hi bound the 95 % confidence
// interval of the median (equal to Y when it is unknown); a Broken point
// has no value: the strategy failed its correctness check at that size.
type point struct {
	X, Y, Lo, Hi float64
	Broken       bool
}

// series is one line of a chart.
type series struct {
	Label string
	Style lineStyle
	Pts   []point // by size
}

// panel is one plot of a figure.
type panel struct {
	Title, YLabel string
	LogY          bool
	Series        []series
}

// figure is a chart before it is drawn: what the tests inspect.
type figure struct {
	Chart
	Panels []panel
	Notes  []string    // lines printed under the legend
	Ticks  []plot.Tick // the x axis: the run's sizes that the figure spans
}

// Charts draws the run's charts into dir, as SVG and PNG, and returns
// them in the order a report shows them. Per transport and chartGroup:
// the throughput chart (median MB/s against size, log-log, one line per
// strategy with its line codec), the overhead chart (MB/s as a fraction
// of none's, with BenchmarkWire's ceiling) and the ping-pong latency
// chart (p50 and p99). Each line has its 95 % confidence band and a cross
// where the strategy broke.
func (ix *Index) Charts(dir string) ([]Chart, error) {
	var charts []Chart
	for _, f := range ix.figures() {
		if err := f.save(dir); err != nil {
			return nil, err
		}
		charts = append(charts, f.Chart)
	}
	return charts, nil
}

// figures builds every chart of the run.
func (ix *Index) figures() []figure {
	var out []figure
	ticks := ix.sizeTicks()
	add := func(f figure, ok bool) {
		if ok {
			f.Ticks = f.span(ticks)
			out = append(out, f)
		}
	}
	for _, t := range ix.Values("transport") {
		for _, g := range ix.groupsOn("Stream", t) {
			add(ix.throughputFigure(t, g))
			if g.Overhead {
				add(ix.overheadFigure(t, g))
			}
		}
		for _, g := range ix.groupsOn("PingPong", t) {
			add(ix.latencyFigure(t, g))
		}
	}
	return out
}

// groupsOn returns the chartGroups with a member measured by bench on
// transport t, keeping only the strategies measured, then the strategies
// of no group, maxLines-2 per "other" chart beside none and the ceiling.
func (ix *Index) groupsOn(bench, t string) []chartGroup {
	var out []chartGroup
	known := map[string]bool{}
	keep := func(ss []string) []string {
		var kept []string
		for _, s := range ss {
			known[s] = true
			if ix.codecOf(bench, t, s) != "" {
				kept = append(kept, s)
			}
		}
		return kept
	}
	for _, g := range chartGroups() {
		g.Members, g.Refs = keep(g.Members), keep(g.Refs)
		if len(g.Members) > 0 {
			out = append(out, g)
		}
	}
	var rest []string
	for _, s := range ix.Values("strategy") {
		if !known[s] && ix.codecOf(bench, t, s) != "" {
			rest = append(rest, s)
		}
	}
	refs := keep([]string{noneName()})
	for i := 0; len(rest) > 0; i++ {
		n := min(len(rest), maxLines-2) // beside none and the wire ceiling
		g := chartGroup{Name: "other", Title: "other strategies", Members: rest[:n], Refs: refs, Overhead: true}
		if i > 0 {
			g.Name += fmt.Sprint(i + 1)
		}
		out, rest = append(out, g), rest[n:]
	}
	return out
}

// throughputFigure charts group g on transport t: median MB/s.
func (ix *Index) throughputFigure(t string, g chartGroup) (figure, bool) {
	p := panel{YLabel: "MB/s (median, log scale)", LogY: true}
	for _, s := range append(slices.Clone(g.Refs), g.Members...) {
		if l := ix.line("Stream", t, s, unitBps, 1e-6, nil); len(l.Pts) > 0 {
			p.Series = append(p.Series, l)
		}
	}
	if len(p.Series) == 0 {
		return figure{}, false
	}
	f := figure{
		Chart:  Chart{Name: "throughput-" + t + "-" + g.Name, Title: "Throughput on " + t + ": " + g.Title + " (blob payload)", Transport: t, Kind: "throughput"},
		Panels: []panel{p},
		Notes:  []string{"Bands: 95 % confidence interval of each median. none: no framing at all, the transport's ceiling."},
	}
	return f, true
}
