package report

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestFractionWireCeiling: with BenchmarkWire in the data, the
// fraction-of-none table gains the wire ceiling (writev/write) per
// transport and size, and write and writev do not become strategies.
func TestFractionWireCeiling(t *testing.T) {
	var b strings.Builder
	line := func(name string, mbs float64) {
		for i := range 6 {
			v := mbs * (1 + 0.01*float64(i%3)) // spread 2 %
			fmt.Fprintf(&b, "%s-2 \t 100\t %.1f ns/op\t %.2f MB/s\n", name, 1e3/v*1e3, v)
		}
	}
	for _, size := range []string{"64KiB", "1MiB"} {
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size="+size, 1000)
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size="+size, 850)
		line("BenchmarkWire/transport=pipe/wire=write/size="+size, 1000)
	}
	line("BenchmarkWire/transport=pipe/wire=writev/size=64KiB", 870)
	line("BenchmarkWire/transport=pipe/wire=writev/size=1MiB", 1005)

	ix := loadText(t, b.String()).Index(0)
	if got := ix.Values("strategy"); !reflect.DeepEqual(got, []string{"lenprefix", "none"}) {
		t.Errorf("strategies %q, want [lenprefix none]", got)
	}
	gs := ix.fractionGrids()
	if len(gs) != 1 {
		t.Fatalf("%d fraction tables, want 1 (none)", len(gs))
	}
	g := gs[0]
	if want := []string{"transport size", "lenprefix", "wire ceiling"}; !reflect.DeepEqual(g.Header, want) {
		t.Errorf("header %q, want %q", g.Header, want)
	}
	want := [][]string{
		{"pipe 64KiB", "0.85 (p=0.002)", "0.87 (p=0.002)"},
		{"pipe 1MiB", "0.85 (p=0.002)", "1.00 ~"},
	}
	if !reflect.DeepEqual(g.Rows, want) {
		t.Errorf("rows %q, want %q", g.Rows, want)
	}
	if !strings.Contains(strings.Join(g.Notes, " "), "BenchmarkWire") {
		t.Errorf("notes do not explain the wire ceiling: %q", g.Notes)
	}

	// Without BenchmarkWire, no column.
	b.Reset()
	line("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB", 1000)
	line("BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=1MiB", 850)
	if g := loadText(t, b.String()).Index(0).fractionGrids()[0]; len(g.Header) != 2 {
		t.Errorf("header %q without BenchmarkWire, want no wire ceiling", g.Header)
	}
}

// TestFractionPaired: when the machine's speed swings from round to round,
// the ratio of medians cannot tell a steady 5 % loss from noise, and the
// per-round ratios can. Rounds are written in order, as framebench run's
// rounds of -count 1 write them.
func TestFractionPaired(t *testing.T) {
	var b strings.Builder
	line := func(name string, mbs float64) {
		fmt.Fprintf(&b, "%s-2 \t 100\t %.1f ns/op\t %.2f MB/s\n", name, 1e3/mbs*1e3, mbs)
	}
	for i := range 10 {
		f := 0.6 + 0.08*float64((i*7)%10) // 0.6 … 1.32, shuffled
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB", 1000*f)
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=1MiB", 950*f*(1+0.002*float64(i%3)))
		line("BenchmarkWire/transport=pipe/wire=write/size=1MiB", 1000*f)
		line("BenchmarkWire/transport=pipe/wire=writev/size=1MiB", 990*f)
	}
	// A cell with a sample missing does not pair.
	line("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=64KiB", 1000)
	for range 6 {
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=64KiB", 900)
	}
	ix := loadText(t, b.String()).Index(0)
	if got := ix.fractionGrid("none", false).Rows[1]; got[1] != "0.95 ~" {
		t.Errorf("unpaired row %q: want lenprefix 0.95 ~ (lost in the swings)", got)
	}
	g := ix.fractionGrid("none", true)
	want := [][]string{{"pipe 1MiB", "0.95 [0.95, 0.95]", "0.99 [0.99, 0.99]"}}
	if g == nil || !reflect.DeepEqual(g.Rows, want) {
		t.Fatalf("paired grid %v, want rows %q", g, want)
	}
}
