package report

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the drawing, in points (a PNG pixel is 1/pngDPI inch).
var (
	lineWidth    = vg.Points(1.6)
	glyphRadius  = vg.Points(3)
	brokenRadius = vg.Points(5.5)
)

// plot draws panel p on a log x axis with the given ticks: per series a
// translucent band for each run of sizes with values, the line over it,
// its markers, and a cross in its colour, joined to the line by a dotted
// segment, at each size where it broke.
func (p panel) plot(ticks []plot.Tick) *plot.Plot {
	pl := plot.New()
	pl.Title.Text = p.Title
	pl.X.Label.Text = "message size (log scale)"
	pl.X.Scale = plot.LogScale{}
	pl.X.Tick.Marker = plot.ConstantTicks(ticks)
	if len(ticks) > 0 {
		pl.X.Min, pl.X.Max = ticks[0].Value/1.4, ticks[len(ticks)-1].Value*1.4
	}
	if p.LogY {
		pl.Y.Scale = plot.LogScale{}
		pl.Y.Tick.Marker = logTicks{}
	}
	pl.Add(plotter.NewGrid())
	var lines, marks, broken []plot.Plotter
	for _, s := range p.Series {
		for _, run := range s.runs() {
			if band := bandOf(run, s.Style); band != nil {
				pl.Add(band)
			}
			l, sc, err := plotter.NewLinePoints(xys(run))
			if err != nil {
				continue // a NaN or Inf: the point is not drawn
			}
			l.LineStyle = draw.LineStyle{Color: s.Style.Color, Width: lineWidth, Dashes: s.Style.Dashes}
			sc.GlyphStyle = draw.GlyphStyle{Color: s.Style.Color, Radius: glyphRadius, Shape: s.Style.Glyph}
			lines, marks = append(lines, l), append(marks, sc)
		}
	}
	pl.Add(lines...)
	pl.Add(marks...)
	if !p.LogY {
		// A fraction: from 0, with room above 1 and above every line,
		// but not stretched by a wide band.
		top := 1.0
		for _, s := range p.Series {
			for _, q := range s.Pts {
				if !q.Broken && q.Y > top {
					top = q.Y
				}
			}
		}
		pl.Y.Min, pl.Y.Max = 0, math.Min(math.Max(pl.Y.Max, 1.1), top*1.25)
		pl.Y.Tick.Marker = fracTicks{}
	}
	floor := pl.Y.Min
	if p.LogY {
		floor = math.Max(floor, pl.Y.Min*1.05)
	}
	for _, s := range p.Series {
		broken = append(broken, s.brokenMarks(floor)...)
	}
	pl.Add(broken...)
	return pl
}

// runs splits the series at its broken points: a line never joins two
// sizes with a broken one between them.
func (s series) runs() [][]point {
	var out [][]point
	var cur []point
	for _, p := range s.Pts {
		if p.Broken {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, p)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// brokenMarks returns a cross at each broken size, at the height of the
// nearest size with a value before it (else after it, else at floor),
// joined by a dotted segment to that value when it is next to it, and to
// the cross before it.
func (s series) brokenMarks(floor float64) []plot.Plotter {
	var out []plot.Plotter
	dotted := func(a, b plotter.XY) {
		if l, err := plotter.NewLine(plotter.XYs{a, b}); err == nil {
			l.LineStyle = draw.LineStyle{Color: s.Style.Color, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(1), vg.Points(3)}}
			out = append(out, l)
		}
	}
	placed := make([]float64, len(s.Pts))
	for i, p := range s.Pts {
		if !p.Broken {
			continue
		}
		y, from := floor, -1
		for _, j := range nearest(i, len(s.Pts)) {
			if !s.Pts[j].Broken {
				y, from = s.Pts[j].Y, j
				break
			}
		}
		placed[i] = y
		pt := plotter.XYs{{X: p.X, Y: y}}
		if from >= 0 && (from == i-1 || from == i+1) {
			dotted(plotter.XY{X: s.Pts[from].X, Y: y}, pt[0])
		}
		if i > 0 && s.Pts[i-1].Broken { // a run of broken sizes reads as one
			dotted(plotter.XY{X: s.Pts[i-1].X, Y: placed[i-1]}, pt[0])
		}
		if sc, err := plotter.NewScatter(pt); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: s.Style.Color, Radius: brokenRadius, Shape: crossGlyph{}}
			out = append(out, sc)
		}
	}
	return out
}

// nearest lists the indexes other than i in [0, n) by distance from i,
// the earlier first on a tie.
func nearest(i, n int) []int {
	var out []int
	for d := 1; d < n; d++ {
		if i-d >= 0 {
			out = append(out, i-d)
		}
		if i+d < n {
			out = append(out, i+d)
		}
	}
	return out
}

// crossGlyph is draw.CrossGlyph with a thicker stroke, to be read as a
// mark rather than a data point.
type crossGlyph struct{}

func (crossGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.Push()
	c.SetLineWidth(vg.Points(2.2))
	brokenGlyph.DrawGlyph(c, sty, pt)
	c.Pop()
}

// bandOf is the translucent polygon between the intervals' bounds of a
// run, or nil when no point of it has an interval.
func bandOf(run []point, st lineStyle) *plotter.Polygon {
	ring := make(plotter.XYs, 0, 2*len(run))
	wide := false
	for _, p := range run {
		ring = append(ring, plotter.XY{X: p.X, Y: p.Hi})
		wide = wide || p.Hi > p.Lo
	}
	for i := len(run) - 1; i >= 0; i-- {
		ring = append(ring, plotter.XY{X: run[i].X, Y: run[i].Lo})
	}
	if !wide {
		return nil
	}
	if len(run) == 1 { // a lone point: a narrow bar at its size
		x := run[0].X
		ring = plotter.XYs{{X: x / 1.08, Y: run[0].Hi}, {X: x * 1.08, Y: run[0].Hi}, {X: x * 1.08, Y: run[0].Lo}, {X: x / 1.08, Y: run[0].Lo}}
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		return nil
	}
	poly.Color = bandColor(st.Color)
	poly.LineStyle.Width = 0
	return poly
}

func xys(run []point) plotter.XYs {
	out := make(plotter.XYs, len(run))
	for i, p := range run {
		out[i] = plotter.XY{X: p.X, Y: p.Y}
	}
	return out
}
