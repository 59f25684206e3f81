package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestWireGrid: the write-path table has a column per mode in the
// registry's order (whatever order the file gives them), each mode against
// a plain write; unpaired, the ratio of medians and its test, which the
// machine's swings from round to round hide; paired, the per-round ratio,
// which they do not; and the mode the ceiling takes. Without BenchmarkWire
// there is no table, and without round markers no paired one.
func TestWireGrid(t *testing.T) {
	text := func(markers bool) string {
		var b strings.Builder
		for i := range 12 {
			if markers {
				fmt.Fprintf(&b, "framebench-round slice=wire round=%d rounds=12 order-seed=7\n", i+1)
			}
			f := 0.6 + 0.08*float64((i*7)%10)
			for _, c := range []struct {
				mode string
				mbs  float64
			}{{"chunk", 500}, {"copy", 800}, {"write", 1000}, {"split", 1030}, {"writev", 900}} {
				benchLine(&b, "BenchmarkWire/transport=pipe/wire="+c.mode+"/size=1MiB", c.mbs*f)
			}
			// Only the plain write at 16 B: no row.
			benchLine(&b, "BenchmarkWire/transport=pipe/wire=write/size=16B", 10*f)
		}
		return b.String()
	}
	ix := loadText(t, text(true)).Index(0)
	g := ix.wireGrid(false)
	if g == nil {
		t.Fatal("no write-path table")
	}
	if want := []string{"transport size", "writev", "copy", "split", "chunk", "wire ceiling"}; !slices.Equal(g.Header, want) {
		t.Errorf("header %q, want %q", g.Header, want)
	}
	if len(g.Rows) != 1 {
		t.Fatalf("rows %q, want the one at 1 MiB", g.Rows)
	}
	if want := []string{"pipe 1MiB", "0.90 ~", "0.80 ~", "1.03 ~", "0.50 (p=0.000)", "split"}; !slices.Equal(g.Rows[0], want) {
		t.Errorf("unpaired row %q, want %q", g.Rows[0], want)
	}
	p := ix.wireGrid(true)
	if p == nil {
		t.Fatal("no paired write-path table")
	}
	if want := []string{"pipe 1MiB", "0.90 [0.90, 0.90]", "0.80 [0.80, 0.80]", "1.03 [1.03, 1.03]", "0.50 [0.50, 0.50]", "split"}; !slices.Equal(p.Rows[0], want) {
		t.Errorf("paired row %q, want %q", p.Rows[0], want)
	}
	if c := p.Counts[len(p.Counts)-1].String(); !strings.HasPrefix(c, "4 intervals in this table") {
		t.Errorf("paired count %q, want 4 intervals", c)
	}
	unmarked := loadText(t, text(false)).Index(0)
	if unmarked.wireGrid(false) == nil || unmarked.wireGrid(true) != nil {
		t.Error("without round markers: want the unpaired table only")
	}
	none := loadText(t, "BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB-2 \t 10\t 100 ns/op\t 1000 MB/s\n").Index(0)
	if none.wireGrid(false) != nil {
		t.Error("a table without BenchmarkWire results")
	}
}
