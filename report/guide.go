package report

import (
	"math"
)

// Band is a range of message sizes the decision guide answers for.
type Band struct {
	Name     string
	Min, Max int // bytes, inclusive
}

// Bands are the guide's size bands: small ≤ 4 KiB, medium up to the pipe
// capacity (64 KiB), large above it.
var Bands = []Band{
	{"small (≤ 4KiB)", 0, 4 << 10},
	{"medium (64KiB)", 4<<10 + 1, 64 << 10},
	{"large (≥ 1MiB)", 64<<10 + 1, math.MaxInt},
}

// Choice is one row of the decision guide: for a transport and size band,
// the strategy to use (Pick), those the test cannot tell from the fastest
// (AnyOf), the evidence, and the strategies to avoid.
type Choice struct {
	Transport string
	Band      Band
	// Decided is false when no strategy qualifies (none has results at
	// every size of the band without breaking on the transport).
	Decided bool
	Verdict
	Codec  string  // Pick's codec
	MBs    float64 // geomean over the band's sizes of Pick's median MB/s
	OfNone float64 // MBs / none's, 0 if unknown
	Avoid  []string
	// AvoidNames are the strategies of Avoid, for a compact guide.
	AvoidNames []string
}

// bandSizes returns the sizes of the data that fall in band b.
func (ix *Index) bandSizes(b Band) []string {
	var sizes []string
	for _, s := range ix.Values("size") {
		if n, ok := ParseSize(s); ok && n >= b.Min && n <= b.Max {
			sizes = append(sizes, s)
		}
	}
	return sizes
}

// Guide decides, for each transport and size band, among the strategies
// that did not break at any size on that transport (and are not
// neverReason'd), which to use for throughput: the one with the
// highest median MB/s (geomean over the band's sizes), unless the test
// cannot separate others from it; then any of them, and the row names the
// first in StrategyPreference(). The tests (Mann-Whitney U, each candidate
// against the fastest at each size) are one family, decided by
// Benjamini–Hochberg at FDR; ntests is their number. Rows whose data is
// too thin say so (Verdict.Thin).
func (ix *Index) Guide() (choices []Choice, ntests int) {
	var ts tests
	var qs []*question
	for _, t := range ix.Values("transport") {
		broken := ix.brokenOn(t)
		for _, b := range Bands {
			sizes := ix.bandSizes(b)
			ch := Choice{Transport: t, Band: b}
			q := &question{key: "strategy", sizes: sizes, unit: unitBps, prefer: StrategyPreference(),
				cell: func(s, size string) Cell { return Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", size} }}
			for _, s := range ix.Values("strategy") {
				if _, bad := broken[s]; !bad && neverReason(s) == "" {
					q.cands = append(q.cands, s)
				}
			}
			for _, s := range ix.Values("strategy") {
				bi, bad := broken[s]
				switch {
				case !bad || !ix.bandHas(t, s, sizes):
				case overlaps(bi.sizes, sizes):
					ch.Avoid = append(ch.Avoid, s+": "+bi.text)
					ch.AvoidNames = append(ch.AvoidNames, s)
				default:
					ch.Avoid = append(ch.Avoid, s+" ("+bi.where+")")
					ch.AvoidNames = append(ch.AvoidNames, s)
				}
			}
			ch.Decided = len(sizes) > 0 && ix.ask(q, &ts)
			if !ch.Decided && len(ch.Avoid) == 0 {
				continue
			}
			choices = append(choices, ch)
			qs = append(qs, q)
		}
	}
	ts.settle()
	for i := range choices {
		ch := &choices[i]
		if !ch.Decided {
			continue
		}
		ch.Verdict = ix.decide(qs[i])
		ch.Codec = ix.lineCodec(ch.Transport, ch.Pick)
		ch.MBs = ch.Score[ch.Pick]
		if none := ix.bandMBs(ch.Transport, noneName(), qs[i].sizes); none > 0 {
			ch.OfNone = ch.MBs / none
		}
	}
	return choices, len(ts.rs)
}

// bandMBs is the geomean of strategy s's median MB/s on transport t over
// sizes, or 0 unless it has results at every one of them.
func (ix *Index) bandMBs(t, s string, sizes []string) float64 {
	c := Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", ""}
	logSum := 0.0
	for _, size := range sizes {
		c.Size = size
		sum, ok := ix.Summary(c, unitBps)
		if !ok || sum.Center <= 0 {
			return 0
		}
		logSum += math.Log(sum.Center)
	}
	if len(sizes) == 0 {
		return 0
	}
	return math.Exp(logSum / float64(len(sizes)))
}

// bandHas reports whether strategy s has a cell on t at one of sizes.
func (ix *Index) bandHas(t, s string, sizes []string) bool {
	for _, c := range ix.Values("codec") {
		for _, size := range sizes {
			if ix.present(Cell{"Stream", t, c, s, "blob", size}) {
				return true
			}
		}
	}
	return false
}
