package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// AA is an A/A calibration: the same cells run as two copies, labelled by
// the configuration lines "copy: a" and "copy: b", interleaved round by
// round. The copies differ only by chance, so every cell the U test flags
// is a false positive, and the ratios' spread is the machine's noise.
type AA struct {
	Cells []AACell // sorted by name
	// Compared counts the cells with samples in both copies, Flagged
	// those whose U test rejected "same distribution" at Alpha.
	Compared, Flagged int
	Alpha             float64
	// Thin counts the compared cells with fewer than 6 samples in a copy:
	// too few for an interval, and for the test to flag much.
	Thin int
	// PerCell spreads the cells' ratios of medians; PerRound the ratios of
	// b to a of one cell within one round (framebench-round markers).
	PerCell, PerRound Spread
	// AFirst and BFirst count the rounds with both copies by which copy
	// ran first (its first result earlier in the file). PerRoundAFirst
	// and PerRoundBFirst split PerRound by that order: where they differ,
	// the machine drifts within a round, and a calibration that always
	// runs one copy first puts that drift between the copies.
	AFirst, BFirst                 int
	PerRoundAFirst, PerRoundBFirst Spread
}

// AACell is one cell of an A/A calibration; times are seconds per op.
type AACell struct {
	Name   string // as go test names it, without the -GOMAXPROCS suffix
	A, B   benchmath.Summary
	NA, NB int
	Ratio  float64 // B.Center / A.Center
	P      float64 // Mann-Whitney U test, as benchstat computes it
}

// Spread summarizes ratios: their count, median and 5th and 95th percentiles.
type Spread struct {
	N               int
	Median, P5, P95 float64
}

// maxAAFile bounds the raw file AnalyzeAA reads: a calibration writes
// a few hundred lines.
const maxAAFile = 64 << 20

// AnalyzeAA reads an A/A calibration's raw file and compares its copies
// cell by cell (sec/op). It fails on a file it cannot read, larger than
// 64 MiB, with a benchfmt syntax error, or without both copies.
func AnalyzeAA(path string) (*AA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAAFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxAAFile {
		return nil, fmt.Errorf("%s: over %d MiB: not an A/A calibration", path, maxAAFile>>20)
	}
	marks, err := scanMarkers(path, data)
	if err != nil {
		return nil, err
	}
	type key struct{ name, copy string }
	samples := map[key][]float64{}
	rounds := map[key][]int{}
	firstLine := map[string]map[int]int{"a": {}, "b": {}} // copy → round → line of its first result
	var names []string
	seen := map[string]bool{}
	var r benchfmt.Reader
	r.Reset(bytes.NewReader(data), path)
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, rec
		case *benchfmt.Result:
			v, ok := rec.Value("sec/op")
			c := rec.GetConfig("copy")
			if !ok || rec.Iters == 0 || badValue(rec) != "" || v <= 0 || (c != "a" && c != "b") {
				continue
			}
			name := "Benchmark" + trimProcs(rec.Name.String()) // benchfmt drops the prefix
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
			k := key{name, c}
			_, line := rec.Pos()
			rd := roundAt(marks, line, "").Round
			samples[k] = append(samples[k], v)
			rounds[k] = append(rounds[k], rd)
			if _, ok := firstLine[c][rd]; rd != 0 && !ok { // results come in file order
				firstLine[c][rd] = line
			}
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	slices.Sort(names)
	a := &AA{Alpha: benchmath.DefaultThresholds.CompareAlpha}
	bFirst := map[int]bool{} // rounds with both copies → whether b ran first
	for rd, la := range firstLine["a"] {
		if lb, ok := firstLine["b"][rd]; ok {
			bFirst[rd] = lb < la
		}
	}
	for _, b := range bFirst {
		if b {
			a.BFirst++
		} else {
			a.AFirst++
		}
	}
	var perCell, perRound, perA, perB []float64
	for _, n := range names {
		sa, sb := samples[key{n, "a"}], samples[key{n, "b"}]
		if len(sa) == 0 || len(sb) == 0 {
			continue
		}
		ratios, rds := pairRounds(sa, rounds[key{n, "a"}], sb, rounds[key{n, "b"}])
		perRound = append(perRound, ratios...)
		for i, rd := range rds {
			if bFirst[rd] {
				perB = append(perB, ratios[i])
			} else {
				perA = append(perA, ratios[i])
			}
		}
		c := AACell{Name: n, NA: len(sa), NB: len(sb)}
		xa := benchmath.NewSample(slices.Clone(sa), &benchmath.DefaultThresholds)
		xb := benchmath.NewSample(slices.Clone(sb), &benchmath.DefaultThresholds)
		c.A = benchmath.AssumeNothing.Summary(xa, 0.95)
		c.B = benchmath.AssumeNothing.Summary(xb, 0.95)
		c.Ratio = c.B.Center / c.A.Center
		c.P = benchmath.AssumeNothing.Compare(xa, xb).P
		a.Cells = append(a.Cells, c)
		perCell = append(perCell, c.Ratio)
		a.Compared++
		if min(c.NA, c.NB) < 6 {
			a.Thin++
		}
		if c.P <= a.Alpha { // benchstat prints "~" only for P > α
			a.Flagged++
		}
	}
	if a.Compared == 0 {
		return nil, fmt.Errorf("%s: no cell has results under both \"copy: a\" and \"copy: b\": not an A/A calibration", path)
	}
	a.PerCell, a.PerRound = spread(perCell), spread(perRound)
	a.PerRoundAFirst, a.PerRoundBFirst = spread(perA), spread(perB)
	return a, nil
}

// pairRounds returns b/a for every round in which a and b each have
// exactly one sample, and those rounds; samples outside any round (0) are
// not paired.
func pairRounds(a []float64, ra []int, b []float64, rb []int) (ratios []float64, rounds []int) {
	index := func(rs []int) map[int]int { // round → sample index, -1 if repeated
		m := map[int]int{}
		for i, r := range rs {
			if _, dup := m[r]; dup {
				m[r] = -1
			} else {
				m[r] = i
			}
		}
		return m
	}
	ia, ib := index(ra), index(rb)
	for i, k := range ra {
		if j, ok := ib[k]; k != 0 && ok && j >= 0 && ia[k] == i {
			ratios = append(ratios, b[j]/a[i])
			rounds = append(rounds, k)
		}
	}
	return ratios, rounds
}

// spread returns the count, median and 5th and 95th percentiles of xs
// (linear interpolation between order statistics).
func spread(xs []float64) Spread {
	s := slices.Sorted(slices.Values(xs))
	q := func(p float64) float64 {
		if len(s) == 0 {
			return math.NaN()
		}
		h := p * float64(len(s)-1)
		lo := int(h)
		if lo+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
	}
	return Spread{N: len(s), Median: q(0.5), P5: q(0.05), P95: q(0.95)}
}
