package report

import (
	"fmt"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Chart is one chart of a run, written as name.svg and name.png.
type Chart struct {
	Name  string // file name without extension, e.g. "throughput-pipe"
	Title string
}

// Charts draws, for each transport of the framing sweep, the throughput
// chart (median MB/s against size, log-log, one line per strategy with its
// line codec) and the overhead chart (each strategy's median MB/s as a
// fraction of none's, against size) into dir, as SVG and PNG.
func (ix *Index) Charts(dir string) ([]Chart, error) {
	var charts []Chart
	for _, t := range ix.Values("transport") {
		if ix.lineCodec(t, "none") == "" && len(ix.strategiesWith(t, "raw")) == 0 && len(ix.strategiesWith(t, "gob")) == 0 {
			continue
		}
		for _, kind := range []string{"throughput", "overhead"} {
			p, ok := ix.chart(t, kind)
			if !ok {
				continue
			}
			c := Chart{Name: kind + "-" + t, Title: p.Title.Text}
			for _, ext := range []string{".svg", ".png"} {
				if err := p.Save(16*vg.Centimeter, 10*vg.Centimeter, filepath.Join(dir, c.Name+ext)); err != nil {
					return nil, fmt.Errorf("chart %s%s: %w", c.Name, ext, err)
				}
			}
			charts = append(charts, c)
		}
	}
	return charts, nil
}

// chart builds one chart of transport t; ok is false when it has no line.
func (ix *Index) chart(t, kind string) (*plot.Plot, bool) {
	p := plot.New()
	p.X.Label.Text = "message size"
	p.X.Scale = plot.LogScale{}
	p.Legend.Top = true // at the right, past the last size: see below
	if kind == "throughput" {
		p.Title.Text = "Throughput on " + t + " (median MB/s, blob payload)"
		p.Y.Label.Text = "MB/s"
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	} else {
		p.Title.Text = "Fraction of none's throughput on " + t
		p.Y.Label.Text = "MB/s ÷ MB/s of none"
	}
	var ticks []plot.Tick
	for _, size := range ix.Values("size") {
		if n, ok := ParseSize(size); ok && n > 0 {
			ticks = append(ticks, plot.Tick{Value: float64(n), Label: size})
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	if len(ticks) > 0 {
		// Leave the right third of the x axis empty for the legend, so
		// that it never hides a line.
		lo, hi := ticks[0].Value/1.5, ticks[len(ticks)-1].Value*1.5
		p.X.Min, p.X.Max = lo, lo*math.Pow(hi/lo, 1/0.7)
	}
	lines := 0
	for i, s := range ix.Values("strategy") {
		codec := ix.lineCodec(t, s)
		if codec == "" || (kind == "overhead" && s == "none") {
			continue
		}
		var pts plotter.XYs
		for _, size := range ix.Values("size") {
			n, _ := ParseSize(size)
			c := Cell{"Stream", t, codec, s, "blob", size}
			sum, ok := ix.Summary(c, unitBps)
			if _, broken := ix.Broken[c]; broken || !ok || sum.Center <= 0 || n <= 0 {
				continue
			}
			y := sum.Center / 1e6
			if kind == "overhead" {
				r, ok := ix.Ratio(noneCell(c), c, unitBps)
				if !ok {
					continue
				}
				y = r.Value
			}
			pts = append(pts, plotter.XY{X: float64(n), Y: y})
		}
		if len(pts) == 0 {
			continue
		}
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			continue
		}
		l.Color, sc.Color = plotutil.Color(i), plotutil.Color(i)
		l.Dashes = plotutil.Dashes(i / len(plotutil.DefaultColors))
		sc.Shape = plotutil.Shape(i)
		name := s
		if codec != "raw" {
			name += " (" + codec + ")"
		}
		p.Add(l, sc)
		p.Legend.Add(name, l, sc)
		lines++
	}
	if kind == "overhead" && lines > 0 {
		one, _ := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: 1}, {X: ticks[len(ticks)-1].Value * 1.5, Y: 1}})
		one.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(one)
		p.Y.Min, p.Y.Max = 0, math.Max(1.1, p.Y.Max*1.05)
	}
	p.Add(plotter.NewGrid())
	return p, lines > 0
}
