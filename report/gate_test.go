package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gateFile writes a benchmark file of cells cells, n samples each, of
// ns/op drawn around 1000·(1+cell) with multiplicative noise of ±spread,
// times slow for the cells slowed picks, and loads it.
func gateFile(t *testing.T, rng *rand.Rand, cells, n int, spread float64, slow float64, slowed func(int) bool) *Set {
	t.Helper()
	var b strings.Builder
	b.WriteString("cpu: test\ngoos: linux\n")
	for range n {
		for c := range cells {
			v := 1000 * float64(1+c) * (1 + spread*(2*rng.Float64()-1))
			if slowed(c) {
				v *= slow
			}
			fmt.Fprintf(&b, "BenchmarkX/cell=%d-2 \t1000\t%.1f ns/op\n", c, v)
		}
	}
	path := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := Load([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func none(int) bool { return false }

// TestGateMultipleTests: pairs of 300 unchanged cells, 10 samples each,
// drawn from one distribution. Each U test at α = 0.05 flags about one in
// twenty cells, so a gate of such tests would fail every pair; deciding
// all the tests of a pair together by Benjamini–Hochberg at q = 0.05, a
// pair has a significant cell with probability at most about q whatever
// its number of cells, and the threshold (5 %) passes some of those: of
// 40 seeded pairs, at most 4 may fail (2.5 % did over 200 pairs when the
// gate was written). The same gate finds every cell of 30 that is 20 %
// slower.
func TestGateMultipleTests(t *testing.T) {
	naive, flagged, failed := 0, 0, 0
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 1))
		old, new := gateFile(t, rng, 300, 10, 0.2, 1, none), gateFile(t, rng, 300, 10, 0.2, 1, none)
		g, err := Compare(old, new, GateOptions{Threshold: 0.05})
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Cells) != 300 || g.Powerless != 0 {
			t.Fatalf("%d cells compared, %d without power; want 300 and 0", len(g.Cells), g.Powerless)
		}
		for _, c := range g.Cells {
			if c.Significant {
				flagged++
			}
			if c.Test.P < 0.05 {
				naive++
			}
		}
		if !g.Pass() {
			failed++
		}
	}
	if naive < 40*300/40 { // about 600 expected: the test must be able to fail
		t.Errorf("the U test alone flagged %d of 12000 unchanged cells at α = 0.05; want about 600", naive)
	}
	if failed > 4 || flagged > 8 {
		t.Errorf("of 40 A/A pairs of 300 cells, %d failed the gate (%d cells flagged); want at most 4", failed, flagged)
	}
	rng := rand.New(rand.NewPCG(99, 1))
	slowed := func(c int) bool { return c%10 == 0 }
	old, new := gateFile(t, rng, 300, 10, 0.05, 1, none), gateFile(t, rng, 300, 10, 0.05, 1.2, slowed)
	g, err := Compare(old, new, GateOptions{Threshold: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(g.Regressions()); n != 30 || g.Pass() {
		t.Errorf("%d regressions among 30 cells 20%% slower", n)
	}
	for _, c := range g.Regressions() {
		if math.Abs(c.Worse-0.2) > 0.1 {
			t.Errorf("%s: worse %.3f, want about 0.2", c.Name, c.Worse)
		}
	}
}

// TestGatePowerless: with 4 samples a side, no lone regression among 100
// cells can be significant (the smallest p is 2/70 > 0.05/100): the gate
// says so.
func TestGatePowerless(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	g, err := Compare(gateFile(t, rng, 100, 4, 0.01, 1, none), gateFile(t, rng, 100, 4, 0.01, 2, func(c int) bool { return c == 0 }), GateOptions{Threshold: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if g.Powerless != 100 || !g.Pass() {
		t.Errorf("powerless %d, pass %v; want 100 powerless cells and a pass", g.Powerless, g.Pass())
	}
	var b strings.Builder
	g.Text(&b)
	if !strings.Contains(b.String(), "WARNING: 100 of 100 cells have too few samples") {
		t.Errorf("no warning:\n%s", b.String())
	}
}

func TestWorse(t *testing.T) {
	for _, tc := range []struct {
		unit     string
		old, new float64
		want     float64
	}{
		{"sec/op", 100, 120, 0.2},
		{"B/s", 120, 100, 0.2},
		{"B/s", 100, 120, -1.0 / 6},
		{"allocs/op", 0, 0, 0},
	} {
		if got := worse(tc.unit, tc.old, tc.new); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("worse(%s, %v, %v) = %v, want %v", tc.unit, tc.old, tc.new, got, tc.want)
		}
	}
	if !math.IsNaN(worse("sec/op", 0, 1)) {
		t.Errorf("worse from 0 is not NaN")
	}
	if p := minUTestP(6, 6); math.Abs(p-2.0/924) > 1e-12 {
		t.Errorf("minUTestP(6, 6) = %v, want 2/924", p)
	}
}
