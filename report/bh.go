package report

import "sort"

// FDR is the false-discovery rate q at which the run report's tables
// decide their "~" and p markers: each table's tests are one family, and
// the Benjamini–Hochberg procedure keeps the expected share of false
// differences among those it marks at or below q. A table of hundreds of
// tests at α = 0.05 each would mark about one in twenty of the cells with
// no real difference.
const FDR = 0.05

// bhReject returns which of the p-values are discoveries under the
// Benjamini–Hochberg procedure at rate q: with p sorted, p(1) ≤ … ≤ p(m),
// k is the largest rank with p(k) ≤ k·q/m, and every p-value ranked at or
// below k is a discovery. NaN p-values take no part.
func bhReject(ps []float64, q float64) []bool {
	idx := make([]int, 0, len(ps))
	for i, p := range ps {
		if p == p { // not NaN
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return ps[idx[a]] < ps[idx[b]] })
	m := float64(len(idx))
	k := 0
	for r, i := range idx {
		if ps[i] <= float64(r+1)*q/m {
			k = r + 1
		}
	}
	out := make([]bool, len(ps))
	for _, i := range idx[:k] {
		out[i] = true
	}
	return out
}

// tests collects the comparisons of one table, so that their verdicts are
// decided together (settle) once the table is built; cells format them
// afterwards.
type tests struct {
	rs []*Ratio
}

// add records r as one test of the table and returns the Ratio whose
// Significant settle will set.
func (ts *tests) add(r Ratio) *Ratio {
	p := new(Ratio)
	*p = r
	ts.rs = append(ts.rs, p)
	return p
}

// settle sets Significant on every test by Benjamini–Hochberg at FDR.
func (ts *tests) settle() {
	ps := make([]float64, len(ts.rs))
	for i, r := range ts.rs {
		ps[i] = r.P
	}
	for i, rej := range bhReject(ps, FDR) {
		ts.rs[i].Significant = rej
	}
}
