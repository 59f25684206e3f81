package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"
	"golang.org/x/perf/benchunit"
)

// GateOptions configures Gate. The zero value gates on time per
// operation or throughput (as each cell reports), at a threshold of 0 and
// a false-discovery rate of FDR.
type GateOptions struct {
	// Metric is the unit compared, in a file's spelling or benchfmt's
	// tidied one ("ns/op" is "sec/op", "MB/s" is "B/s"); "" picks B/s
	// for a cell that reports it, else sec/op.
	Metric string
	// Threshold is how much worse a cell may be, as a fraction of time
	// (0.05: 5 % slower), before a significant difference fails the gate.
	Threshold float64
	// FDR is the false-discovery rate of the Benjamini–Hochberg procedure
	// over all the compared cells; 0 means FDR.
	FDR float64
	// Filter selects the results compared, in benchstat's -filter syntax
	// ("/transport:pipe"); "" keeps all.
	Filter string
}

// GateCell is one benchmark compared by Gate.
type GateCell struct {
	Name     string // the benchmark's name without its -GOMAXPROCS suffix
	Unit     string
	Old, New *benchmath.Sample
	OldSum   benchmath.Summary
	NewSum   benchmath.Summary
	Test     benchmath.Comparison
	// Worse is how much worse NEW is than OLD as a fraction of time:
	// new/old − 1 for a cost (sec/op, B/op), old/new − 1 for a rate
	// (a unit per second: B/s), so that 0.2 is "20 % slower" in either.
	// Negative is better; NaN where a center is 0.
	Worse float64
	// Significant: the U test's p-value is a discovery under
	// Benjamini–Hochberg at the gate's FDR over all the compared cells.
	Significant bool
	// Regression: Significant and Worse above the threshold.
	Regression bool
	// Improvement: Significant and Worse below minus the threshold.
	Improvement bool
}

// Gate is the regression gate's verdict on NEW against OLD.
type Gate struct {
	Old, New Input
	Options  GateOptions
	Cells    []GateCell
	// OnlyOld and OnlyNew name the cells (with the gate's metric) that
	// only one of the files has.
	OnlyOld, OnlyNew []string
	// Broke names cells OLD measured that NEW reports as broken or failed
	// (go test -v's "broken:" lines and --- FAIL): a regression too.
	Broke []string
	// Machines lists the machine configuration lines that differ between
	// the files ("cpu: A → B"): the difference may be the machine's.
	Machines []string
	// Powerless counts the cells whose samples are too few for the U test
	// to flag one regression alone among len(Cells) tests at the FDR.
	Powerless int
}

// machineKeys are the configuration keys that tell machines apart.
var machineKeys = []string{"cpu", "kernel", "go", "gomaxprocs", "pipe-capacity", "goos", "goarch"}

// machineDiffs lists, as "key: a → b", the machineKeys whose values differ
// between two runs, each given by its function from key to value.
func machineDiffs(a, b func(key string) string) []string {
	var diffs []string
	for _, k := range machineKeys {
		if va, vb := strings.TrimSpace(a(k)), strings.TrimSpace(b(k)); va != vb {
			diffs = append(diffs, fmt.Sprintf("%s: %s → %s", k, orUnknown(va), orUnknown(vb)))
		}
	}
	return diffs
}

// Compare runs the regression gate: for every benchmark both sets
// measured in the metric, the Mann-Whitney U test of OLD against NEW (as
// benchstat computes it), decided by Benjamini–Hochberg over all those
// tests together, and the change against the threshold.
func Compare(old, new *Set, o GateOptions) (*Gate, error) {
	if o.FDR == 0 {
		o.FDR = FDR
	}
	if !(o.FDR > 0 && o.FDR < 1) || !(o.Threshold >= 0 && o.Threshold < 10) {
		return nil, fmt.Errorf("report: gate: FDR %v (want 0 to 1) or threshold %v (want 0 to 10) out of range", o.FDR, o.Threshold)
	}
	if o.Metric != "" {
		_, o.Metric = benchunit.Tidy(1, o.Metric)
	}
	g := &Gate{Old: old.Inputs[0], New: new.Inputs[0], Options: o}
	g.Machines = machineDiffs(old.ConfigValue, new.ConfigValue)
	query := o.Filter
	if query == "" {
		query = "*"
	}
	filter, err := benchproc.NewFilter(query)
	if err != nil {
		return nil, syntaxErr("-filter", err)
	}
	ov, nv := gateValues(old, filter), gateValues(new, filter)
	th := &benchmath.Thresholds{CompareAlpha: o.FDR}
	metric := func(name string) string {
		switch {
		case o.Metric != "":
			return o.Metric
		case ov[name]["B/s"] != nil && nv[name]["B/s"] != nil:
			return "B/s"
		}
		return "sec/op"
	}
	for _, name := range sortedNames(ov) {
		unit := metric(name)
		a, b := ov[name][unit], nv[name][unit]
		switch {
		case a == nil:
			continue
		case b == nil:
			g.OnlyOld = append(g.OnlyOld, name)
			continue
		}
		as := old.Units.GetAssumption(unit)
		c := GateCell{Name: name, Unit: unit, Old: benchmath.NewSample(a, th), New: benchmath.NewSample(b, th)}
		c.OldSum, c.NewSum = as.Summary(c.Old, 0.95), as.Summary(c.New, 0.95)
		c.Test = as.Compare(c.Old, c.New)
		c.Worse = worse(unit, c.OldSum.Center, c.NewSum.Center)
		g.Cells = append(g.Cells, c)
	}
	for _, name := range sortedNames(nv) {
		if unit := metric(name); nv[name][unit] != nil && ov[name][unit] == nil {
			g.OnlyNew = append(g.OnlyNew, name)
		}
	}
	g.decide()
	for _, sk := range new.Skips {
		name := strings.TrimPrefix(trimProcs(sk.Name), "Benchmark") // as benchfmt names results
		if (sk.Kind == Broken || sk.Kind == Failed) && ov[name] != nil && nv[name] == nil && !slices.Contains(g.Broke, name) {
			g.Broke = append(g.Broke, name)
		}
	}
	return g, nil
}

// decide settles every cell's significance together, by
// Benjamini–Hochberg, and counts the cells that could not be flagged alone.
func (g *Gate) decide() {
	ps := make([]float64, len(g.Cells))
	for i, c := range g.Cells {
		ps[i] = c.Test.P
	}
	m := float64(len(g.Cells))
	for i, rej := range bhReject(ps, g.Options.FDR) {
		c := &g.Cells[i]
		c.Significant = rej
		c.Regression = rej && c.Worse > g.Options.Threshold
		c.Improvement = rej && c.Worse < -g.Options.Threshold
		if minUTestP(c.Test.N1, c.Test.N2) > g.Options.FDR/m && c.Test.P != 0 {
			g.Powerless++
		}
	}
}

// Regressions returns the cells that fail the gate.
func (g *Gate) Regressions() []GateCell {
	var out []GateCell
	for _, c := range g.Cells {
		if c.Regression {
			out = append(out, c)
		}
	}
	return out
}

// Pass reports whether NEW passes the gate: no regression, no cell broke.
func (g *Gate) Pass() bool { return len(g.Regressions()) == 0 && len(g.Broke) == 0 }

// worse is how much worse new is than old, as a fraction of time.
func worse(unit string, old, new float64) float64 {
	if old == 0 || new == 0 {
		if old == new {
			return 0
		}
		return math.NaN()
	}
	if strings.HasSuffix(unit, "/s") {
		return old/new - 1
	}
	return new/old - 1
}

// minUTestP is the smallest two-sided p-value the exact Mann-Whitney U
// test can give samples of n1 and n2 values: 2 / C(n1+n2, n1).
func minUTestP(n1, n2 int) float64 {
	if n1 == 0 || n2 == 0 {
		return 1
	}
	c := 1.0
	for i := 1; i <= n1; i++ {
		c = c * float64(n2+i) / float64(i)
	}
	return min(1, 2/c)
}

// gateValues returns the values of every result filter keeps by name
// (without the -GOMAXPROCS suffix) and tidied unit.
func gateValues(s *Set, filter *benchproc.Filter) map[string]map[string][]float64 {
	out := map[string]map[string][]float64{}
	for _, r := range s.Results {
		r = r.Clone() // Apply drops the values it filters out
		if ok, _ := filter.Apply(r); !ok {
			continue
		}
		name := trimProcs(string(r.Name))
		if out[name] == nil {
			out[name] = map[string][]float64{}
		}
		for _, v := range r.Values {
			out[name][v.Unit] = append(out[name][v.Unit], v.Value)
		}
	}
	return out
}

func sortedNames[V any](m map[string]V) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func orUnknown(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
