package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chartData writes benchmark output for the chart tests: six samples a
// cell with a 2 % spread, as framebench run records them.
type chartData struct{ strings.Builder }

// stream adds BenchmarkStream cells of strategy s (codec raw) on
// transport t at each size, at mbs MB/s.
func (d *chartData) stream(t, s string, mbs float64, sizes ...string) {
	for _, size := range sizes {
		d.cell(fmt.Sprintf("BenchmarkStream/transport=%s/codec=raw/strategy=%s/payload=blob/size=%s", t, s, size), mbs, "")
	}
}

// pingPong adds BenchmarkPingPong cells with p50 and p99 of us µs and
// 3×us µs.
func (d *chartData) pingPong(t, s string, us float64, sizes ...string) {
	for _, size := range sizes {
		d.cell(fmt.Sprintf("BenchmarkPingPong/transport=%s/codec=raw/strategy=%s/payload=blob/size=%s", t, s, size), 1,
			fmt.Sprintf("\t %.0f p50-ns\t %.0f p99-ns", us*1e3, 3*us*1e3))
	}
}

// wire adds BenchmarkWire cells of mode on transport t.
func (d *chartData) wire(t, mode string, mbs float64, sizes ...string) {
	for _, size := range sizes {
		d.cell(fmt.Sprintf("BenchmarkWire/transport=%s/wire=%s/size=%s", t, mode, size), mbs, "")
	}
}

// broken reports cells of strategy s on t as broken, as go test -v does.
func (d *chartData) broken(t, s string, sizes ...string) {
	for _, size := range sizes {
		name := fmt.Sprintf("BenchmarkStream/transport=%s/codec=raw/strategy=%s/payload=blob/size=%s", t, s, size)
		fmt.Fprintf(d, "    bench_test.go:21: broken: bench: %s: strategies: %s: short read\n--- SKIP: %s\n", name, s, name)
	}
}

func (d *chartData) cell(name string, mbs float64, extra string) {
	for i := range 6 {
		v := mbs * (1 + 0.01*float64(i%3))
		fmt.Fprintf(d, "%s-2 \t 100\t %.1f ns/op\t %.3f MB/s%s\n", name, 1e9/v, v, extra)
	}
}

// index loads the data.
func (d *chartData) index(t *testing.T) *Index {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(d.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := Load([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s.Index(0)
}

// figure returns the figure named name, failing the test without it.
func figureNamed(t *testing.T, figs []figure, name string) figure {
	t.Helper()
	var names []string
	for _, f := range figs {
		if f.Name == name {
			return f
		}
		names = append(names, f.Name)
	}
	t.Fatalf("no chart %s among %q", name, names)
	return figure{}
}

// seriesNamed returns the series labelled label in f's first panel.
func seriesNamed(t *testing.T, f figure, label string) series {
	t.Helper()
	for _, s := range f.Panels[0].Series {
		if s.Label == label {
			return s
		}
	}
	t.Fatalf("chart %s has no line %q", f.Name, label)
	return series{}
}

var allSizes = []string{"16B", "256B", "4KiB", "64KiB", "1MiB", "16MiB"}
