package report

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	ptext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The page: a title, the panels side by side, and the legend and notes
// below them, where they hide no line. At pngDPI a 20 cm figure is 1512
// pixels wide.
var (
	panelWidth  = 20 * vg.Centimeter // one panel; two share 28 cm
	panelHeight = 11 * vg.Centimeter
	margin      = vg.Points(8)
	thumbWidth  = vg.Points(30)
)

const pngDPI = 192

func style(size vg.Length, c color.Color) ptext.Style {
	return ptext.Style{Color: c, Font: font.From(plot.DefaultFont, size), Handler: plot.DefaultTextHandler}
}

var (
	titleStyle  = style(14, color.Black)
	legendStyle = style(11, color.Black)
	noteStyle   = style(9, color.Gray{Y: 0x44})
)

// legendEntry is one line of the legend: a series, or the broken mark.
type legendEntry struct {
	label  string
	style  lineStyle
	broken bool
}

// legend lists the figure's series once each, then the broken mark if a
// series broke somewhere.
func (f figure) legend() []legendEntry {
	var out []legendEntry
	broke := false
	for _, p := range f.Panels {
		for _, s := range p.Series {
			if !slices.ContainsFunc(out, func(e legendEntry) bool { return e.label == s.Label }) {
				out = append(out, legendEntry{label: s.Label, style: s.Style})
			}
			broke = broke || slices.ContainsFunc(s.Pts, func(p point) bool { return p.Broken })
		}
	}
	if broke {
		out = append(out, legendEntry{label: "broken", style: lineStyle{Color: rgb(0)}, broken: true})
	}
	return out
}

// layout sizes the figure: its width, the legend's columns and rows, and
// the notes wrapped to the width.
func (f figure) layout() (w, h vg.Length, cols, rows int, notes []string) {
	w = panelWidth
	if len(f.Panels) > 1 {
		w = panelWidth * 1.4
	}
	entries := f.legend()
	var widest vg.Length
	for _, e := range entries {
		widest = max(widest, legendStyle.Width(e.label))
	}
	colW := thumbWidth + widest + 3*margin
	cols = max(1, min(len(entries), int((w-2*margin)/colW)))
	rows = (len(entries) + cols - 1) / cols
	all := f.Notes
	if len(entries) > 0 && entries[len(entries)-1].broken {
		all = append(slices.Clone(all), "broken (a cross in the line's colour): the strategy failed its correctness check at that size, "+
			"drawn at the height of its nearest measured size; see the report's Broken cells.")
	}
	for _, n := range all {
		notes = append(notes, wrap(n, noteStyle, w-2*margin)...)
	}
	h = titleStyle.Height(f.Title) + 2*margin + panelHeight +
		vg.Length(rows)*legendStyle.Height("M")*1.5 + vg.Length(len(notes))*noteStyle.Height("M")*1.3 + 2*margin
	return w, h, cols, rows, notes
}

// wrap splits s into lines no wider than w in style st.
func wrap(s string, st ptext.Style, w vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && st.Width(line+" "+word) > w {
			lines, line = append(lines, line), ""
		}
		line = strings.TrimPrefix(line+" "+word, " ")
	}
	return append(lines, line)
}

// draw draws the whole figure on c.
func (f figure) draw(c draw.Canvas, cols, rows int, notes []string) {
	top := c.Max.Y - margin
	ts := titleStyle
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
	c.FillText(ts, vg.Point{X: c.Center().X, Y: top}, f.Title)
	top -= ts.Height(f.Title) + margin

	rowH, noteH := legendStyle.Height("M")*1.5, noteStyle.Height("M")*1.3
	bottom := c.Min.Y + margin + vg.Length(rows)*rowH + vg.Length(len(notes))*noteH
	pw := (c.Max.X - c.Min.X) / vg.Length(len(f.Panels))
	for i, p := range f.Panels {
		area := draw.Crop(c, vg.Length(i)*pw, -(c.Max.X - c.Min.X - vg.Length(i+1)*pw), bottom-c.Min.Y, -(c.Max.Y - top))
		// The y label is drawn here, not by the axis: on a log axis
		// gonum centres it on the mean of the data range, near the top,
		// and pads the plot's top to make room for it.
		ys := legendStyle
		ys.Rotation, ys.XAlign, ys.YAlign = math.Pi/2, draw.XCenter, draw.YTop
		c.FillText(ys, vg.Point{X: area.Min.X + margin/2, Y: (area.Min.Y + area.Max.Y) / 2}, p.YLabel)
		p.plot(f.Ticks).Draw(draw.Crop(area, margin+ys.Height(p.YLabel), 0, 0, 0))
	}

	entries := f.legend()
	colW := (c.Max.X - c.Min.X - 2*margin) / vg.Length(cols)
	ls := legendStyle
	ls.YAlign = draw.YCenter
	for i, e := range entries {
		x := c.Min.X + margin + vg.Length(i%cols)*colW
		y := bottom - rowH/2 - vg.Length(i/cols)*rowH
		e.thumb(c, x, y)
		c.FillText(ls, vg.Point{X: x + thumbWidth + margin/2, Y: y}, e.label)
	}
	ns := noteStyle
	ns.YAlign = draw.YTop
	y := bottom - vg.Length(rows)*rowH
	for _, n := range notes {
		c.FillText(ns, vg.Point{X: c.Min.X + margin, Y: y}, n)
		y -= noteH
	}
}

// thumb draws the entry's sample at (x, y): band, line and marker.
func (e legendEntry) thumb(c draw.Canvas, x, y vg.Length) {
	mid := vg.Point{X: x + thumbWidth/2, Y: y}
	if e.broken {
		c.DrawGlyph(draw.GlyphStyle{Color: e.style.Color, Radius: brokenRadius, Shape: crossGlyph{}}, mid)
		return
	}
	h := legendStyle.Height("M") / 2
	c.FillPolygon(bandColor(e.style.Color), []vg.Point{{X: x, Y: y - h}, {X: x + thumbWidth, Y: y - h}, {X: x + thumbWidth, Y: y + h}, {X: x, Y: y + h}})
	c.StrokeLine2(draw.LineStyle{Color: e.style.Color, Width: lineWidth, Dashes: e.style.Dashes}, x, y, x+thumbWidth, y)
	c.DrawGlyph(draw.GlyphStyle{Color: e.style.Color, Radius: glyphRadius, Shape: e.style.Glyph}, mid)
}

// save writes the figure as dir/Name.svg and dir/Name.png.
func (f figure) save(dir string) error {
	w, h, cols, rows, notes := f.layout()
	svg := vgsvg.New(w, h)
	png := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(pngDPI))}
	for _, out := range []struct {
		ext string
		cv  interface {
			vg.CanvasSizer
			io.WriterTo
		}
	}{{".svg", svg}, {".png", png}} {
		f.draw(draw.New(out.cv), cols, rows, notes)
		if err := writeFile(filepath.Join(dir, f.Name+out.ext), out.cv); err != nil {
			return fmt.Errorf("chart %s%s: %w", f.Name, out.ext, err)
		}
	}
	return nil
}

func writeFile(path string, w io.WriterTo) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := w.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
