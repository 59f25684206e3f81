package report

import (
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// Cell names one benchmark of the suite by the keys of its name, e.g.
// BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=4KiB
// is {Stream pipe raw lenprefix blob 4KiB}. Keys a workload lacks are "";
// BenchmarkWire's wire= key (write, writev, …) is its Strategy.
type Cell struct {
	Bench, Transport, Codec, Strategy, Payload, Size string
}

// ParseCell splits a benchmark name, with or without its -GOMAXPROCS
// suffix, into a Cell. Unknown keys are ignored.
func ParseCell(name string) Cell {
	base, parts := benchfmt.Name(name).Parts()
	c := Cell{Bench: strings.TrimPrefix(string(base), "Benchmark")}
	for _, p := range parts {
		k, v, ok := strings.Cut(strings.TrimPrefix(string(p), "/"), "=")
		if !ok {
			continue
		}
		switch k {
		case "transport":
			c.Transport = v
		case "codec":
			c.Codec = v
		case "strategy", "wire": // BenchmarkWire's mode: write, writev, …
			c.Strategy = v
		case "payload":
			c.Payload = v
		case "size":
			c.Size = v
		}
	}
	return c
}

// Index looks up samples by Cell and unit (tidied as benchfmt tidies them:
// "sec/op", "B/s", "p50-sec"), pooling every input. It caches summaries;
// it is not safe for concurrent use.
type Index struct {
	samples   map[Cell]map[string]*benchmath.Sample
	rounds    map[Cell]map[string][]roundValue // the samples with their rounds, in the order recorded
	summaries map[Cell]map[string]benchmath.Summary
	units     benchfmt.UnitMetadataMap
	// Broken holds the skips of kind Broken and Failed by cell.
	Broken map[Cell]Skip
	values map[string][]string // each key's values in report order
	groups map[Cell]bool       // cells with Size "" that have results or broke
	alpha  float64
}

// Index builds the Index of s with significance level alpha (0 means 0.05).
func (s *Set) Index(alpha float64) *Index {
	if alpha == 0 {
		alpha = 0.05
	}
	ix := &Index{
		samples:   map[Cell]map[string]*benchmath.Sample{},
		rounds:    map[Cell]map[string][]roundValue{},
		summaries: map[Cell]map[string]benchmath.Summary{},
		units:     s.Units,
		Broken:    map[Cell]Skip{},
		values:    map[string][]string{},
		groups:    map[Cell]bool{},
		alpha:     alpha,
	}
	th := &benchmath.Thresholds{CompareAlpha: alpha}
	raw := map[Cell]map[string][]float64{}
	rounded := len(s.Rounds) == len(s.Results)
	seen := map[string]bool{}
	note := func(c Cell) {
		g := c
		g.Size = ""
		ix.groups[g] = true
		for k, v := range map[string]string{"bench": c.Bench, "transport": c.Transport, "codec": c.Codec, "strategy": c.Strategy, "payload": c.Payload, "size": c.Size} {
			if k == "strategy" && c.Bench == "Wire" {
				k = "wire" // write, writev, … are not strategies
			}
			if v != "" && !seen[k+"="+v] {
				seen[k+"="+v] = true
				ix.values[k] = append(ix.values[k], v)
			}
		}
	}
	for i, r := range s.Results {
		c := ParseCell(string(r.Name))
		note(c)
		if raw[c] == nil {
			raw[c], ix.rounds[c] = map[string][]float64{}, map[string][]roundValue{}
		}
		var rd Round
		if rounded {
			rd = s.Rounds[i]
		}
		for _, v := range r.Values {
			raw[c][v.Unit] = append(raw[c][v.Unit], v.Value)
			ix.rounds[c][v.Unit] = append(ix.rounds[c][v.Unit], roundValue{rd, v.Value})
		}
	}
	for c, units := range raw {
		ix.samples[c] = map[string]*benchmath.Sample{}
		for u, vs := range units {
			ix.samples[c][u] = benchmath.NewSample(vs, th)
		}
	}
	for _, sk := range s.Skips {
		c := ParseCell(sk.Name)
		if c.Size == "" || sk.Kind == NA {
			continue
		}
		note(c)
		// A real failure outweighs a breakage by design in another run.
		if prev, ok := ix.Broken[c]; !ok || prev.Kind == Broken && sk.Kind == Failed {
			ix.Broken[c] = sk
		}
	}
	for k, vs := range ix.values {
		ix.values[k] = Order(k, vs)
	}
	return ix
}

// Values returns the values of a name key ("transport", "size", …; "wire"
// for BenchmarkWire's modes) seen in results or broken cells, in report
// order.
func (ix *Index) Values(key string) []string { return ix.values[key] }

// Has reports whether any cell of the group g (a Cell with Size "") has
// results or broke.
func (ix *Index) Has(g Cell) bool { return ix.groups[g] }

// Sample returns the sample of cell c in unit, or nil.
func (ix *Index) Sample(c Cell, unit string) *benchmath.Sample {
	return ix.samples[c][unit]
}

// Summary returns the median and its 95 % confidence interval (or the
// summary of the unit's assumption, e.g. exact) of cell c in unit.
func (ix *Index) Summary(c Cell, unit string) (benchmath.Summary, bool) {
	if s, ok := ix.summaries[c][unit]; ok {
		return s, true
	}
	smp := ix.Sample(c, unit)
	if smp == nil {
		return benchmath.Summary{}, false
	}
	s := ix.units.GetAssumption(unit).Summary(smp, 0.95)
	if ix.summaries[c] == nil {
		ix.summaries[c] = map[string]benchmath.Summary{}
	}
	ix.summaries[c][unit] = s
	return s, true
}

// Compare tests whether cells a and b differ in unit (Mann-Whitney U for
// the default assumption).
func (ix *Index) Compare(a, b Cell, unit string) (benchmath.Comparison, bool) {
	sa, sb := ix.Sample(a, unit), ix.Sample(b, unit)
	if sa == nil || sb == nil {
		return benchmath.Comparison{}, false
	}
	return ix.units.GetAssumption(unit).Compare(sa, sb), true
}

// Ratio is the ratio of the medians of b and a in unit, with the test of
// their difference.
type Ratio struct {
	Value float64
	P     float64
	// Significant is benchstat's verdict (p ≤ α) as Index.Ratio returns
	// it; the run report's tables replace it with that of
	// Benjamini–Hochberg over the table's tests (tests.settle).
	Significant bool
	// Unadjusted is benchstat's verdict, p ≤ α, whatever settle decides:
	// the guide calls two strategies tied only where benchstat would too.
	Unadjusted bool
}

// Ratio compares b against a in unit; ok is false if either has no sample.
func (ix *Index) Ratio(a, b Cell, unit string) (r Ratio, ok bool) {
	sa, oka := ix.Summary(a, unit)
	sb, okb := ix.Summary(b, unit)
	cmp, okc := ix.Compare(a, b, unit)
	if !oka || !okb || !okc || sa.Center == 0 {
		return Ratio{}, false
	}
	return Ratio{
		Value:       sb.Center / sa.Center,
		P:           cmp.P,
		Significant: !(cmp.P > ix.alpha), // benchstat's rule: "~" only when p > α
		Unadjusted:  !(cmp.P > ix.alpha),
	}, true
}
