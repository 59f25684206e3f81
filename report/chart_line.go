package report

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
)

// codecOf returns the codec of strategy s's line on transport t for bench
// (Stream or PingPong): the first of sweepCodecs, then of all codecs,
// with blob cells, as lineCodec does for Stream; "" if none.
func (ix *Index) codecOf(bench, t, s string) string {
	for _, c := range append(sweepCodecs(), ix.Values("codec")...) {
		if ix.Has(Cell{bench, t, c, s, "blob", ""}) {
			return c
		}
	}
	return ""
}

// line returns strategy s's series on transport t for bench in unit,
// each value multiplied by scale and divided by div(size) when div is
// not nil (a size where div is not positive has no point).
func (ix *Index) line(bench, t, s, unit string, scale float64, div func(size string) float64) series {
	codec := ix.codecOf(bench, t, s)
	label := s
	if codec != rawName() {
		label += " (" + codec + ")"
	}
	out := series{Label: label, Style: styleOf(s)}
	for _, size := range ix.Values("size") {
		n, ok := ParseSize(size)
		if !ok || n <= 0 {
			continue // no place on a log axis
		}
		c := Cell{bench, t, codec, s, "blob", size}
		if _, broken := ix.Broken[c]; broken {
			out.Pts = append(out.Pts, point{X: float64(n), Broken: true})
			continue
		}
		sum, ok := ix.Summary(c, unit)
		d := 1.0
		if div != nil {
			d = div(size)
		}
		if !ok || sum.Center <= 0 || !(d > 0) {
			continue
		}
		out.Pts = append(out.Pts, bandPoint(float64(n), sum.Center, sum.Lo, sum.Hi, scale/d))
	}
	return out
}

// bandPoint is the point at x of a median and its interval, times k. An
// interval that is unknown (too few samples: ±Inf) or not positive (no
// place on a log axis) collapses to the median.
func bandPoint(x, center, lo, hi, k float64) point {
	p := point{X: x, Y: center * k, Lo: lo * k, Hi: hi * k}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo <= 0 || hi < center {
		p.Lo, p.Hi = p.Y, p.Y
	}
	return p
}

// span returns the ticks between the figure's smallest and largest size:
// charts of one workload share an axis, and ping-pong, measured at fewer
// sizes, does not leave half its width empty.
func (f figure) span(ticks []plot.Tick) []plot.Tick {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range f.Panels {
		for _, s := range p.Series {
			for _, q := range s.Pts {
				lo, hi = math.Min(lo, q.X), math.Max(hi, q.X)
			}
		}
	}
	var out []plot.Tick
	for _, t := range ticks {
		if t.Value >= lo && t.Value <= hi {
			out = append(out, t)
		}
	}
	return out
}

// sizeTicks are the ticks of the x axis: every size of the run, so that
// all the run's charts share one axis.
func (ix *Index) sizeTicks() []plot.Tick {
	var ticks []plot.Tick
	for _, size := range ix.Values("size") {
		if n, ok := ParseSize(size); ok && n > 0 {
			ticks = append(ticks, plot.Tick{Value: float64(n), Label: size})
		}
	}
	return ticks
}

// hasValue reports whether the series has a point that is not broken.
func (s series) hasValue() bool {
	return slices.ContainsFunc(s.Pts, func(p point) bool { return !p.Broken })
}
