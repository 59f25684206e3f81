package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Thin-data bounds: a guide row whose pick has fewer samples per cell, or
// a wider interval, reads "inconclusive" rather than naming a winner.
const (
	minGuideN  = 6    // benchmath gives no interval below 6 samples
	maxGuideCI = 0.10 // half-width of the 95 % interval, as a fraction of the median
)

// question is one row of a guide table to decide: which candidate (a
// strategy, or a codec) does best in unit over sizes.
type question struct {
	key    string                       // the candidates' name key: "strategy" or "codec"
	cands  []string                     // in report order
	cell   func(cand, size string) Cell // the cell of a candidate at a size
	sizes  []string                     // the band's sizes
	unit   string                       // unitBps (higher is better) or a latency (lower is better)
	prefer []string                     // the order that names one of several tied candidates
	lower  bool                         // lower is better
	tests  map[string]map[string]*Ratio // per candidate and size, its test against the leader
	score  map[string]float64           // per candidate, the geomean of its medians over sizes
	leader string
}

// Verdict is a decided question: the answer of one row of a guide table.
type Verdict struct {
	Leader string   // the best geomean of medians
	Pick   string   // the candidate the row names: Leader, or the preferred of AnyOf
	AnyOf  []string // Leader and the candidates the test cannot separate from it, in report order
	// Unclear are the candidates neither separated from the leader nor
	// tied with it: different from it before the correction for multiple
	// tests but not after, or faster at some sizes and slower at others.
	// benchstat, which does not correct, would not call them tied.
	Unclear []string
	// P maps each candidate of AnyOf but Leader to its smallest p over
	// the sizes (unadjusted); for a sole winner, P[""] is the largest
	// over the other candidates of the smallest p at which the leader was
	// found ahead of it.
	P     map[string]float64
	Score map[string]float64 // per candidate, the geomean over the sizes of its medians
	N     int                // the fewest samples of Pick's and Leader's cells
	CI    float64            // the widest half-interval of those cells, a fraction of the median
	Thin  string             // why the data is too thin to name a winner, or ""
}

// ask prepares q: it scores the candidates, takes the leader and records
// its tests against every other candidate at every size in ts, to be
// settled with the rest of the table. It returns false if no candidate
// has results at every size.
func (ix *Index) ask(q *question, ts *tests) bool {
	q.score, q.tests = map[string]float64{}, map[string]map[string]*Ratio{}
	for _, c := range q.cands {
		logSum := 0.0
		for _, size := range q.sizes {
			s, ok := ix.Summary(q.cell(c, size), q.unit)
			if !ok || s.Center <= 0 {
				logSum = math.NaN()
				break
			}
			logSum += math.Log(s.Center)
		}
		if len(q.sizes) == 0 || math.IsNaN(logSum) {
			continue
		}
		q.score[c] = math.Exp(logSum / float64(len(q.sizes)))
		if q.leader == "" || q.better(q.score[c], q.score[q.leader]) {
			q.leader = c
		}
	}
	if q.leader == "" {
		return false
	}
	for _, c := range q.cands {
		if _, ok := q.score[c]; !ok || c == q.leader {
			continue
		}
		q.tests[c] = map[string]*Ratio{}
		for _, size := range q.sizes {
			if r, ok := ix.Ratio(q.cell(q.leader, size), q.cell(c, size), q.unit); ok {
				q.tests[c][size] = ts.add(r)
			}
		}
	}
	return true
}

func (q *question) better(a, b float64) bool {
	if q.lower {
		return a < b
	}
	return a > b
}

// decide reads q's settled tests. A candidate is separated from the
// leader when at some size the test finds the leader better after the
// correction for multiple tests (Benjamini–Hochberg) and at none the
// candidate, even before it; it is tied when no test finds a difference
// even before the correction, which is benchstat's own verdict, so that
// the guide never calls tied what benchstat shows as different; anything
// else is unclear. A candidate not tested at every size is tied. The pick
// is the first of the tied set in q.prefer (then report order); the data
// is thin when a cell of the pick or the leader has fewer than minGuideN
// samples or an interval wider than ±maxGuideCI.
func (ix *Index) decide(q *question) Verdict {
	v := Verdict{Leader: q.leader, AnyOf: []string{q.leader}, P: map[string]float64{}, Score: q.score}
	weakest := 0.0
	for _, c := range q.cands {
		tests, ok := q.tests[c]
		if !ok {
			continue
		}
		ahead, behind, differs, minP, minAhead := false, false, false, 1.0, 1.0
		for _, size := range q.sizes {
			r := tests[size]
			if r == nil {
				continue
			}
			minP = min(minP, r.P)
			differs = differs || r.Unadjusted
			worse := (r.Value < 1) != q.lower // the candidate is worse than the leader here
			if worse && r.Significant {
				ahead = true
				minAhead = min(minAhead, r.P)
			}
			if !worse && r.Unadjusted {
				behind = true
			}
		}
		switch {
		case ahead && !behind && len(tests) == len(q.sizes):
			weakest = max(weakest, minAhead)
			continue
		case differs && len(tests) == len(q.sizes):
			v.Unclear = append(v.Unclear, c)
		default:
			v.AnyOf = append(v.AnyOf, c)
		}
		v.P[c] = minP
	}
	v.AnyOf = Order(q.key, v.AnyOf)
	v.Pick = v.AnyOf[0]
	for _, p := range q.prefer {
		if slices.Contains(v.AnyOf, p) {
			v.Pick = p
			break
		}
	}
	v.Unclear = Order(q.key, v.Unclear)
	if len(v.AnyOf) == 1 && len(v.Unclear) == 0 {
		v.P[""] = weakest
	}
	v.N, v.CI = math.MaxInt, 0
	for _, c := range []string{v.Pick, v.Leader} {
		for _, size := range q.sizes {
			cell := q.cell(c, size)
			if smp := ix.Sample(cell, q.unit); smp != nil {
				v.N = min(v.N, len(smp.Values))
			}
			if s, ok := ix.Summary(cell, q.unit); ok && s.Center > 0 {
				v.CI = max(v.CI, (s.Hi-s.Center)/s.Center, (s.Center-s.Lo)/s.Center)
			}
		}
	}
	switch {
	case v.N < minGuideN:
		v.Thin = fmt.Sprintf("n=%d < %d", v.N, minGuideN)
	case v.CI > maxGuideCI:
		v.Thin = fmt.Sprintf("±%s > ±%.0f %%", pct(v.CI), maxGuideCI*100)
	}
	return v
}

// pct formats a fraction as a percentage: "3 %", "∞ %".
func pct(f float64) string {
	if math.IsInf(f, 0) {
		return "∞ %"
	}
	return fmt.Sprintf("%.0f %%", f*100)
}

// evidence formats a verdict's n, interval and, for a sole winner, p:
// "n=10, ±3 %, p ≤ 0.002".
func (v Verdict) evidence() string {
	s := fmt.Sprintf("n=%d, ±%s", v.N, pct(v.CI))
	if p, ok := v.P[""]; ok && len(v.AnyOf) == 1 && len(v.Score) > 1 {
		if p < 0.001 {
			s += ", p < 0.001"
		} else {
			s += fmt.Sprintf(", p ≤ %.3f", p)
		}
	}
	return s
}

// tiedText is the tied column of a guide row: tiedList, then the unclear
// candidates, which benchstat would not call tied.
func (v Verdict) tiedText() string {
	s := strings.Join(v.tiedList(), ", ")
	if len(v.Unclear) > 0 {
		if s != "" {
			s += "; "
		}
		s += "not tied, not separated after correction (or faster at some sizes): " + strings.Join(v.unclearList(), ", ")
	}
	return s
}

// unclearList formats the members of Unclear as tiedList does.
func (v Verdict) unclearList() []string {
	var out []string
	for _, c := range v.Unclear {
		out = append(out, fmt.Sprintf("%s (%.2f, p=%.3f)", c, v.Score[c]/v.Score[v.Pick], v.P[c]))
	}
	return out
}

// tiedList formats the members of AnyOf but the pick: "varint (0.99,
// p=0.394)", each with its score relative to the pick's and its smallest p.
func (v Verdict) tiedList() []string {
	var out []string
	for _, c := range v.AnyOf {
		if c == v.Pick {
			continue
		}
		p, ok := v.P[c]
		if c == v.Leader {
			p, ok = v.P[v.Pick]
		}
		s := fmt.Sprintf("%s (%.2f", c, v.Score[c]/v.Score[v.Pick])
		if ok {
			s += fmt.Sprintf(", p=%.3f", p)
		}
		out = append(out, s+")")
	}
	return out
}
