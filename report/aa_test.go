package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// aaRaw writes a calibration's raw file: 6 interleaved rounds of cells x
// and y, where y's copy b is 1.2 times slower in every round (a real
// difference) and x's copy b equals copy a but misses round 3 (a round
// that broke).
func aaRaw(t *testing.T) string {
	var b strings.Builder
	b.WriteString("cpu: Test CPU\ndate: 2026-12-01T00:00:00Z\nUnit wire-bytes/op assume=exact\n")
	for k := 1; k <= 6; k++ {
		for _, c := range []string{"a", "b"} {
			fmt.Fprintf(&b, "copy: %s\nframebench-round slice=aa-%s round=%d rounds=6 order-seed=%d\n", c, c, k, 10*k)
			x, y := 1000*float64(k), 2000.0+7*float64(k)
			if c == "b" {
				y *= 1.2
			}
			if !(c == "b" && k == 3) {
				fmt.Fprintf(&b, "BenchmarkStream/transport=pipe/x-2 \t 100\t %g ns/op\n", x)
			}
			fmt.Fprintf(&b, "BenchmarkStream/transport=pipe/y-2 \t 100\t %g ns/op\n", y)
			fmt.Fprintf(&b, "BenchmarkStream/transport=pipe/z-2 \t 0\t NaN ns/op\n")
			fmt.Fprintf(&b, "%s\n", Machine{Slice: "aa-" + c, Round: k, CPUs: 2, LoadStart: 0.2, LoadEnd: 0.3, CtxtPerS: 500})
		}
	}
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAnalyzeAA checks the false-positive count, that per-round ratios
// pair samples by their round marker (a missing round shifts nothing),
// and the spreads.
func TestAnalyzeAA(t *testing.T) {
	a, err := AnalyzeAA(aaRaw(t))
	if err != nil {
		t.Fatal(err)
	}
	if a.Compared != 2 || a.Flagged != 1 || len(a.Cells) != 2 || a.Thin != 1 {
		t.Fatalf("compared %d, flagged %d, %d cells, %d thin; want 2, 1 (y), 2, 1 (x)", a.Compared, a.Flagged, len(a.Cells), a.Thin)
	}
	x, y := a.Cells[0], a.Cells[1]
	if x.Name != "BenchmarkStream/transport=pipe/x" || x.NA != 6 || x.NB != 5 || x.P <= 0.05 {
		t.Errorf("cell x = %+v, want 6+5 samples, not significant", x)
	}
	if y.P > 0.05 || math.Abs(y.Ratio-1.2) > 1e-9 {
		t.Errorf("cell y: ratio %v p %v, want 1.2, significant", y.Ratio, y.P)
	}
	// 5 pairs of x at exactly 1 and 6 of y at 1.2; pairing by position
	// would pair x's rounds 3-5 of a with 4-6 of b: ratios 4/3, 5/4, 6/5.
	if r := a.PerRound; r.N != 11 || r.P5 != 1 || math.Abs(r.Median-1.2) > 1e-9 || math.Abs(r.P95-1.2) > 1e-9 {
		t.Errorf("per-round spread %+v, want 11 pairs, 5th percentile 1, median and 95th 1.2", r)
	}
	if c := a.PerCell; c.N != 2 || math.Abs(c.Median-(x.Ratio+1.2)/2) > 1e-9 {
		t.Errorf("per-cell spread %+v, want the mean of 2 ratios as median", c)
	}
	if h := a.Headline(); !strings.HasPrefix(h, "the U test flagged 1 of 2 cells (50 %) at α = 0.05") {
		t.Errorf("Headline() = %q", h)
	}
}

// TestAnalyzeAABad checks the errors: no file, no copies, a malformed
// benchmark line.
func TestAnalyzeAABad(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"nocopy.txt":  "BenchmarkStream/x-2 \t 100\t 5 ns/op\n",
		"onecopy.txt": "copy: a\nBenchmarkStream/x-2 \t 100\t 5 ns/op\n",
		"syntax.txt":  "copy: a\nBenchmarkStream/x-2 \t 100\t 5\n",
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o666)
		if _, err := AnalyzeAA(path); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("AnalyzeAA(%s) = %v, want an error naming the file", name, err)
		}
	}
	if _, err := AnalyzeAA(filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("AnalyzeAA(missing file): no error")
	}
}

// TestCiteAA checks that a run cites the latest calibration beside it
// with the same cpu line, and none made on another cpu.
func TestCiteAA(t *testing.T) {
	results := t.TempDir()
	raw, err := os.ReadFile(aaRaw(t))
	if err != nil {
		t.Fatal(err)
	}
	put := func(dir, text string) {
		os.MkdirAll(filepath.Join(results, dir), 0o777)
		os.WriteFile(filepath.Join(results, dir, "raw.txt"), []byte(text), 0o666)
	}
	run := filepath.Join(results, "2026-12-03-quick")
	if got := citeAA(run, "Test CPU"); !strings.HasPrefix(got, "No A/A calibration of this cpu") {
		t.Errorf("no calibration: %q", got)
	}
	put("2026-12-01-aa", string(raw))
	put("2026-12-02-aa", strings.Replace(string(raw), "2026-12-01", "2026-12-02", 1))
	put("2026-12-04-aa", strings.Replace(string(raw), "cpu: Test CPU", "cpu: Other CPU", 1))
	got := citeAA(run, "Test CPU   ")
	if want := "A/A calibration of this cpu, [2026-12-02-aa](../2026-12-02-aa/README.md): the U test flagged 1 of 2 cells"; !strings.HasPrefix(got, want) {
		t.Errorf("citeAA = %q, want prefix %q", got, want)
	}
}

// TestAnalyzeAAOrder checks the split by which copy ran first: 6 rounds,
// copy b first in the even ones, on a machine whose second process of a
// round runs 10 % faster. The per-round ratios then fall in two groups,
// 0.9 where a ran first and 1/0.9 where b did, and the per-cell ratio
// stays near 1; a calibration that always ran a first would show b 10 %
// faster in every round.
func TestAnalyzeAAOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("cpu: Test CPU\n")
	for k := 1; k <= 6; k++ {
		order := []string{"a", "b"}
		if k%2 == 0 {
			order = []string{"b", "a"}
		}
		for i, c := range order {
			fmt.Fprintf(&b, "copy: %s\nframebench-round slice=aa-%s round=%d rounds=6 order-seed=%d\n", c, c, k, k)
			v := 1000.0 + float64(k)
			if i == 1 {
				v *= 0.9
			}
			fmt.Fprintf(&b, "BenchmarkStream/transport=pipe/x-2 \t 100\t %g ns/op\n", v)
		}
	}
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	a, err := AnalyzeAA(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.AFirst != 3 || a.BFirst != 3 {
		t.Errorf("a first in %d rounds, b first in %d; want 3 and 3", a.AFirst, a.BFirst)
	}
	if r := a.PerRoundAFirst; r.N != 3 || math.Abs(r.Median-0.9) > 1e-9 {
		t.Errorf("a-first rounds %+v, want 3 pairs at 0.9", r)
	}
	if r := a.PerRoundBFirst; r.N != 3 || math.Abs(r.Median-1/0.9) > 1e-9 {
		t.Errorf("b-first rounds %+v, want 3 pairs at 1/0.9", r)
	}
	if want := "copy a first in 3 of 6 rounds and copy b first in 3"; a.orderText() != want {
		t.Errorf("orderText() = %q, want %q", a.orderText(), want)
	}
	if line := a.orderLine(); !strings.Contains(line, "median 0.900 (3 pairs); where copy b ran first, median 1.111 (3 pairs)") {
		t.Errorf("orderLine() = %q", line)
	}
	one, err := AnalyzeAA(aaRaw(t))
	if err != nil {
		t.Fatal(err)
	}
	if one.AFirst != 6 || one.BFirst != 0 || one.orderText() != "copy a then copy b" || !strings.HasPrefix(one.orderLine(), "- One copy ran first in every round") {
		t.Errorf("a always first: %d/%d, %q, %q", one.AFirst, one.BFirst, one.orderText(), one.orderLine())
	}
}
