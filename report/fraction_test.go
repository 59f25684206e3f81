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
