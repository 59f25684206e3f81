package report

import (
	"fmt"
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

// neverRecommended are strategies the guide does not recommend even where
// they did not break, with the reason printed under the guide.
var neverRecommended = map[string]string{
	"none":    "no framing: the reader must know every message's size; it is the transport's ceiling, shown for reference",
	"oneread": "one Read call per message is correct only while each message arrives in one read, which no stream promises",
}

// Choice is one row of the decision guide.
type Choice struct {
	Transport string
	Band      Band
	Best      string   // strategy, "" if none qualifies
	Codec     string   // Best's codec
	MBs       float64  // geomean over the band's sizes of Best's median MB/s
	OfNone    float64  // Best's MBs / none's, 0 if unknown
	Tied      []string // strategies not significantly slower, "name (0.97)"
	// Untested is set when the samples were too small to test for ties.
	Untested bool
	Avoid    []string // "oneread: broken above 64KiB on pipe: short read …"
	// AvoidNames are the strategies of Avoid, for a compact guide.
	AvoidNames []string
}

// Guide chooses, for each transport and size band, the strategy with the
// highest median MB/s (geomean over the band's sizes) among those that did
// not break at any size on that transport, and lists the strategies tied
// with it at every size of the band (p > α, or overlapping 95 % intervals
// where both are finite: with fewer than 6 samples they are infinite and
// only the test counts) and those that broke, with the reason they gave.
func (ix *Index) Guide() []Choice {
	var out []Choice
	for _, t := range ix.Values("transport") {
		broken := ix.brokenOn(t)
		for _, b := range Bands {
			var sizes []string
			for _, s := range ix.Values("size") {
				if n, ok := ParseSize(s); ok && n >= b.Min && n <= b.Max {
					sizes = append(sizes, s)
				}
			}
			ch := Choice{Transport: t, Band: b}
			score := map[string]float64{}
			for _, s := range ix.Values("strategy") {
				if _, bad := broken[s]; bad || neverRecommended[s] != "" {
					continue
				}
				if gm := ix.bandMBs(t, s, sizes); gm > ch.MBs {
					ch.Best, ch.Codec, ch.MBs = s, ix.lineCodec(t, s), gm
				}
				score[s] = ix.bandMBs(t, s, sizes)
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
			if ch.Best == "" {
				if len(ch.Avoid) > 0 {
					out = append(out, ch)
				}
				continue
			}
			if none := ix.bandMBs(t, "none", sizes); none > 0 {
				ch.OfNone = ch.MBs / none
			}
			for _, s := range ix.Values("strategy") {
				if s == ch.Best || score[s] == 0 {
					continue
				}
				switch tied, tested := ix.tied(t, ch.Best, s, sizes); {
				case !tested:
					ch.Untested = true
				case tied:
					ch.Tied = append(ch.Tied, fmt.Sprintf("%s (%.2f)", s, score[s]/ch.MBs))
				}
			}
			out = append(out, ch)
		}
	}
	return out
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

// tied reports whether s is statistically tied with best at every size;
// tested is false if at some size the samples were too small to tell.
func (ix *Index) tied(t, best, s string, sizes []string) (tied, tested bool) {
	a := Cell{"Stream", t, ix.lineCodec(t, best), best, "blob", ""}
	b := Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", ""}
	for _, size := range sizes {
		a.Size, b.Size = size, size
		r, ok := ix.Ratio(a, b, unitBps)
		if !ok {
			return false, true
		}
		if r.Underpowered {
			return false, false
		}
		sa, _ := ix.Summary(a, unitBps)
		sb, _ := ix.Summary(b, unitBps)
		finite := !math.IsInf(sa.Lo, 0) && !math.IsInf(sa.Hi, 0) && !math.IsInf(sb.Lo, 0) && !math.IsInf(sb.Hi, 0)
		if r.Significant && !(finite && r.Overlap) {
			return false, true
		}
	}
	return true, true
}
