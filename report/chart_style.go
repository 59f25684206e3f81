package report

import (
	"hash/fnv"
	"image/color"
	"slices"

	"framebench/strategies"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lineStyle is how one series looks in every chart of every run.
type lineStyle struct {
	Color  color.NRGBA
	Glyph  draw.GlyphDrawer
	Dashes []vg.Length // nil: solid
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 255}
}

// registryStyles gives the i-th strategy of the registry, the baseline
// left out (see strategyIndex), its colour and marker: a strategy keeps
// them whatever else a chart draws, and whichever strategies a run
// measured. Strategies that share a chart (see chartGroups) have distinct
// colours and markers; the cross is kept for broken cells. The comments
// name the strategies of today's registry.
var registryStyles = []lineStyle{
	{Color: rgb(0x17becf), Glyph: draw.CircleGlyph{}},   // stream
	{Color: rgb(0x8c564b), Glyph: draw.SquareGlyph{}},   // buffered
	{Color: rgb(0x1f77b4), Glyph: draw.CircleGlyph{}},   // lenprefix
	{Color: rgb(0xff7f0e), Glyph: draw.TriangleGlyph{}}, // varint
	{Color: rgb(0x7f7f7f), Glyph: draw.PyramidGlyph{}},  // oneread
	{Color: rgb(0xa6a61c), Glyph: draw.TriangleGlyph{}}, // scanner
	{Color: rgb(0x9467bd), Glyph: draw.BoxGlyph{}},      // newline
	{Color: rgb(0x2ca02c), Glyph: draw.SquareGlyph{}},   // lenprefix-crc
	{Color: rgb(0xd62728), Glyph: draw.TriangleGlyph{}}, // msgio
	{Color: rgb(0xe377c2), Glyph: draw.PyramidGlyph{}},  // msgio-varint
	{Color: rgb(0x8c6d31), Glyph: draw.SquareGlyph{}},   // protodelim
	{Color: rgb(0x6b6ecf), Glyph: draw.PyramidGlyph{}},  // lenprefix-naive
}

// baselineStyle is the baseline's (none's): black, dashed.
var baselineStyle = lineStyle{Color: rgb(0x000000), Glyph: draw.RingGlyph{}, Dashes: dashed}

// extraStyles serve strategies the registry does not list (a file from
// another version of the suite). The style is picked by a hash of the
// name, so that it too stays the same from run to run.
var extraStyles = []lineStyle{
	{Color: rgb(0x393b79), Glyph: draw.CircleGlyph{}},
	{Color: rgb(0x637939), Glyph: draw.SquareGlyph{}},
	{Color: rgb(0x843c39), Glyph: draw.TriangleGlyph{}},
	{Color: rgb(0x7b4173), Glyph: draw.PyramidGlyph{}},
	{Color: rgb(0x3182bd), Glyph: draw.BoxGlyph{}},
	{Color: rgb(0xe6550d), Glyph: draw.PlusGlyph{}},
}

// Styles of the series that are not strategies, and none's dashes.
var (
	dashed       = []vg.Length{vg.Points(5), vg.Points(3)}
	ceilingStyle = lineStyle{Color: rgb(0x555555), Glyph: draw.BoxGlyph{},
		Dashes: []vg.Length{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}}
	brokenGlyph = draw.CrossGlyph{}
)

// styleOf returns strategy s's style: its place in the registry decides
// it, never the order in which a chart draws its lines.
func styleOf(s string) lineStyle {
	if f, ok := facts(s); ok && f.Role == strategies.RoleBaseline {
		return baselineStyle
	}
	if i := slices.Index(strategies.StrategyNames(func(s strategies.Strategy) bool { return s.Facts().Role != strategies.RoleBaseline }), s); i >= 0 && i < len(registryStyles) {
		return registryStyles[i]
	}
	h := fnv.New32a()
	h.Write([]byte(s))
	return extraStyles[h.Sum32()%uint32(len(extraStyles))]
}

// bandColor is c made translucent, for a confidence band.
func bandColor(c color.NRGBA) color.NRGBA {
	c.A = 48
	return c
}
