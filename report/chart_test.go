package report

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"framebench/strategies"

	"gonum.org/v1/plot/plotter"
)

// TestChartStylesFollowRegistry: the baseline (none) is drawn black and
// dashed, the i-th other strategy of strategies.Strategies gets the i-th
// style, and no two of them share a colour; a strategy past the styles (a
// new one) or unknown to the registry gets one that does not change.
func TestChartStylesFollowRegistry(t *testing.T) {
	seen := map[any]string{}
	i := 0
	for _, s := range strategies.Strategies {
		got := styleOf(s.Name())
		if s.Facts().Role == strategies.RoleBaseline {
			if !reflect.DeepEqual(got, baselineStyle) {
				t.Errorf("styleOf(%q) = %v, want the baseline's %v", s.Name(), got, baselineStyle)
			}
			continue
		}
		if i < len(registryStyles) && !reflect.DeepEqual(got, registryStyles[i]) {
			t.Errorf("styleOf(%q) = %v, want registryStyles[%d] = %v", s.Name(), got, i, registryStyles[i])
		}
		if other, ok := seen[got.Color]; ok && i < len(registryStyles) {
			t.Errorf("%s and %s share colour %v", other, s.Name(), got.Color)
		}
		seen[got.Color] = s.Name()
		i++
	}
	if a, b := styleOf("from-another-version"), styleOf("from-another-version"); !reflect.DeepEqual(a, b) {
		t.Errorf("an unregistered strategy's style changes from call to call: %v, %v", a, b)
	}
}

// TestChartStyleStableAcrossData: a strategy has the same style in charts
// of different runs, whatever else they measured and in whichever order
// their lines appear (the style used to follow the drawing order).
func TestChartStyleStableAcrossData(t *testing.T) {
	var a, b chartData
	a.stream("pipe", "lenprefix", 900, "4KiB", "64KiB")
	a.stream("pipe", "none", 1000, "4KiB", "64KiB")
	a.stream("pipe", "msgio", 800, "4KiB", "64KiB")
	b.stream("unix", "protodelim", 100, "1MiB")
	b.stream("unix", "msgio-varint", 700, "1MiB")
	b.stream("unix", "varint", 900, "1MiB")
	b.stream("unix", "stream", 300, "1MiB")
	b.stream("unix", "none", 1000, "1MiB")
	b.stream("unix", "lenprefix", 900, "1MiB")
	fa, fb := a.index(t).figures(), b.index(t).figures()
	want := styleOf(strategies.LenPrefix.Name())
	for _, name := range []string{"pipe-reference", "pipe-peers"} {
		if got := seriesNamed(t, figureNamed(t, fa, "throughput-"+name), "lenprefix").Style; !reflect.DeepEqual(got, want) {
			t.Errorf("lenprefix in throughput-%s: %v, want %v", name, got, want)
		}
	}
	for _, name := range []string{"unix-reference", "unix-peers"} {
		if got := seriesNamed(t, figureNamed(t, fb, "throughput-"+name), "lenprefix").Style; !reflect.DeepEqual(got, want) {
			t.Errorf("lenprefix in throughput-%s: %v, want %v", name, got, want)
		}
	}
	if sa, sb := seriesNamed(t, figureNamed(t, fa, "throughput-pipe-peers"), "none").Style,
		seriesNamed(t, figureNamed(t, fb, "throughput-unix-codec"), "none").Style; !reflect.DeepEqual(sa, sb) {
		t.Errorf("none: %v in one run, %v in the other", sa, sb)
	}
}

// TestChartLineLimit: with every registered strategy and seven unknown
// ones, on Stream, PingPong and Wire, no panel draws more than maxLines
// lines, and every strategy is drawn in a throughput and a latency chart.
func TestChartLineLimit(t *testing.T) {
	var d chartData
	var names []string
	for _, s := range strategies.Strategies {
		names = append(names, s.Name())
	}
	for i := range 7 {
		names = append(names, "extra"+string(rune('a'+i)))
	}
	for i, s := range names {
		d.stream("pipe", s, 100+float64(i), "256B", "64KiB")
		d.pingPong("pipe", s, 10+float64(i), "256B", "64KiB")
	}
	d.wire("pipe", "write", 1000, "256B", "64KiB")
	d.wire("pipe", "writev", 900, "256B", "64KiB")
	drawn := map[string]map[string]bool{}
	for _, f := range d.index(t).figures() {
		for _, p := range f.Panels {
			if len(p.Series) > maxLines {
				t.Errorf("%s: %d lines, want at most %d", f.Name, len(p.Series), maxLines)
			}
			for _, s := range p.Series {
				if drawn[f.Kind] == nil {
					drawn[f.Kind] = map[string]bool{}
				}
				drawn[f.Kind][s.Label] = true
			}
		}
	}
	for _, kind := range []string{"throughput", "latency"} {
		for _, s := range names {
			if !drawn[kind][s] {
				t.Errorf("%s is in no %s chart", s, kind)
			}
		}
	}
}

// TestChartWireCeiling: the overhead chart draws, at each size, the best
// header mode of BenchmarkWire over write, whichever mode that is; and
// no ceiling without Wire data.
func TestChartWireCeiling(t *testing.T) {
	var d chartData
	sizes := []string{"64KiB", "1MiB"}
	d.stream("pipe", "none", 1000, sizes...)
	d.stream("pipe", "lenprefix", 850, sizes...)
	d.stream("pipe", "msgio", 700, sizes...)
	d.wire("pipe", "write", 1000, sizes...)
	d.wire("pipe", "writev", 870, "64KiB")
	d.wire("pipe", "writev", 1005, "1MiB")
	d.wire("pipe", "copy", 900, "64KiB")
	d.wire("pipe", "copy", 950, "1MiB")
	figs := d.index(t).figures()
	for _, name := range []string{"overhead-pipe-reference", "overhead-pipe-peers"} {
		f := figureNamed(t, figs, name)
		c := seriesNamed(t, f, "wire ceiling")
		var got []float64
		for _, p := range c.Pts {
			got = append(got, math.Round(p.Y*1000)/1000)
		}
		if want := []float64{0.9, 1.005}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: wire ceiling %v, want %v (copy at 64KiB, writev at 1MiB)", name, got, want)
		}
		if notes := strings.Join(f.Notes, " "); !strings.Contains(notes, "copy, writev") {
			t.Errorf("%s: notes %q do not name the header modes", name, notes)
		}
		if l := seriesNamed(t, f, "lenprefix"); math.Abs(l.Pts[0].Y-0.85) > 0.01 {
			t.Errorf("%s: lenprefix at %v of none, want 0.85", name, l.Pts[0].Y)
		}
	}

	var e chartData
	e.stream("pipe", "none", 1000, sizes...)
	e.stream("pipe", "lenprefix", 850, sizes...)
	for _, s := range figureNamed(t, e.index(t).figures(), "overhead-pipe-reference").Panels[0].Series {
		if s.Label == "wire ceiling" {
			t.Errorf("a wire ceiling without BenchmarkWire data: %v", s.Pts)
		}
	}
}

// TestChartBroken: a strategy that broke has a broken point at each size
// where it broke, drawn as a cross at the height of its last value; one
// that broke everywhere is still drawn (crosses only), and the legend
// names the mark.
func TestChartBroken(t *testing.T) {
	var d chartData
	d.stream("pipe", "none", 1000, "256B", "64KiB", "1MiB")
	d.stream("pipe", "oneread", 500, "256B")
	d.broken("pipe", "oneread", "64KiB", "1MiB")
	d.broken("pipe", "scanner", "256B", "64KiB")
	f := figureNamed(t, d.index(t).figures(), "throughput-pipe-codec")
	var broke []float64
	for _, p := range seriesNamed(t, f, "oneread").Pts {
		if p.Broken {
			broke = append(broke, p.X)
		}
	}
	if want := []float64{64 << 10, 1 << 20}; !reflect.DeepEqual(broke, want) {
		t.Errorf("oneread broken at %v, want %v", broke, want)
	}
	one := seriesNamed(t, f, "oneread")
	marks := one.brokenMarks(1)
	var crosses int
	for _, m := range marks {
		if sc, ok := m.(*plotter.Scatter); ok {
			if x, y := sc.XYs[0].X, sc.XYs[0].Y; y != one.Pts[0].Y || (x != 64<<10 && x != 1<<20) {
				t.Errorf("cross at (%v, %v), want at 64KiB or 1MiB, height %v (256B's)", x, y, one.Pts[0].Y)
			}
			if _, ok := sc.Shape.(crossGlyph); !ok {
				t.Errorf("broken mark drawn as %T, want a cross", sc.Shape)
			}
			crosses++
		}
	}
	if crosses != 2 {
		t.Errorf("%d crosses for oneread, want 2", crosses)
	}
	if s := seriesNamed(t, f, "scanner"); len(s.brokenMarks(1)) == 0 {
		t.Errorf("scanner, broken at every size, has no cross")
	}
	if l := f.legend(); !l[len(l)-1].broken {
		t.Errorf("legend %v has no broken entry", l)
	}
	f.Panels[0].plot(f.Ticks) // must not panic with a line that never measured
}

// TestChartFiles renders a small run: each chart as SVG and a PNG at
// least 1200 pixels wide, a latency chart from ping-pong, and the list in
// the order the report shows them.
func TestChartFiles(t *testing.T) {
	var d chartData
	sizes := []string{"256B", "64KiB"}
	d.stream("pipe", "none", 1000, sizes...)
	d.stream("pipe", "lenprefix", 900, sizes...)
	d.stream("pipe", "msgio", 800, sizes...)
	d.pingPong("pipe", "none", 10, sizes...)
	d.pingPong("pipe", "lenprefix", 12, sizes...)
	dir := t.TempDir()
	charts, err := d.index(t).Charts(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range charts {
		names = append(names, c.Name)
	}
	want := []string{"throughput-pipe-reference", "overhead-pipe-reference", "throughput-pipe-peers", "overhead-pipe-peers", "latency-pipe-reference"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("charts %q, want %q", names, want)
	}
	for _, name := range names {
		svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil || !strings.Contains(string(svg[:min(len(svg), 200)]), "<svg") {
			t.Errorf("%s.svg: %v, not an SVG", name, err)
		}
		f, err := os.Open(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width < 1200 {
			t.Errorf("%s.png: %d×%d px, %v; want at least 1200 px wide", name, cfg.Width, cfg.Height, err)
		}
	}
}

// TestLogTicks: a range within one decade still gets numbers; a range
// that is not positive gets no ticks rather than a panic.
func TestLogTicks(t *testing.T) {
	var labels []string
	for _, tk := range (logTicks{}).Ticks(12, 45) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if want := []string{"20", "30", "40"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("labels over [12, 45]: %q, want %q", labels, want)
	}
	if got := (logTicks{}).Ticks(0, 10); got != nil {
		t.Errorf("ticks over [0, 10]: %v, want none", got)
	}
}
