package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// guideGrid renders the throughput choices as one table, with ntests, the
// size of the family of tests the choices were decided on. A compact grid
// names the strategies to avoid and gives the reasons in its notes, once
// each.
func guideGrid(choices []Choice, ntests int, compact bool) *Grid {
	g := &Grid{Header: []string{"transport", "messages", "use", "MB/s (of none)", "n, 95 % CI, p", "tied: MB/s ratio, smallest p", "avoid"}, Align: "lllrlll"}
	for _, ch := range choices {
		use, mbs, ev, tied := "—", "", "", ""
		if ch.Decided {
			use, ev, tied = ch.useText(func(s string) string { return withCodec(s, ch.Codec) }), ch.evidence(), ch.tiedText()
			mbs = fmtNum(ch.MBs / 1e6)
			if ch.OfNone > 0 {
				mbs += fmt.Sprintf(" (%.2f)", ch.OfNone)
			}
		}
		avoid := strings.Join(ch.Avoid, "; ")
		if compact {
			avoid = strings.Join(ch.AvoidNames, ", ")
			for _, a := range ch.Avoid {
				if strings.Contains(a, ": broken") && !contains(g.Notes, a) {
					g.Notes = append(g.Notes, a)
				}
			}
		}
		g.Rows = append(g.Rows, []string{ch.Transport, ch.Band.Name, use, mbs, ev, tied, avoid})
	}
	g.Notes = append(g.Notes, guideTestsNote(ntests))
	return g
}

// withCodec names a strategy with its codec where that is not raw.
func withCodec(s, codec string) string {
	if codec == "" || codec == rawName() {
		return s
	}
	return s + " (" + codec + ")"
}

// useText is what a row recommends: the pick alone, "any of: a, b, c"
// with the pick first, or "inconclusive (why): …".
func (v Verdict) useText(name func(string) string) string {
	if v.Pick == "" {
		return "—"
	}
	use := name(v.Pick)
	if len(v.AnyOf) > 1 {
		all := []string{use}
		for _, c := range v.AnyOf {
			if c != v.Pick {
				all = append(all, c)
			}
		}
		use = "any of: " + strings.Join(all, ", ")
	}
	if v.Thin != "" {
		return "inconclusive (" + v.Thin + "): " + use
	}
	return use
}

// guideTestsNote says how many tests decided a guide table.
func guideTestsNote(n int) string {
	if n == 0 {
		return "One candidate per row: no tests."
	}
	return fmt.Sprintf("%d tests decided this table (Mann-Whitney U, each candidate against the best at each size of the band), "+
		"with Benjamini–Hochberg at a false-discovery rate of %.2f over them; p shown unadjusted.", n, FDR)
}

// guideNotes explains how the guide is drawn from the data.
func guideNotes() []string {
	notes := []string{
		"use: the strategy with the highest median MB/s (geomean over the band's sizes, blob payload, codec raw where the strategy carries it) among those that did not break at any size on that transport, " +
			"where the test finds it faster than each other one at some size of the band and slower at none. " +
			"Otherwise \"any of\" the strategies the test cannot tell apart from it (overlapping intervals alone are no tie, and a faster median alone is no winner); " +
			"the first named is the first of them in this order: " + strings.Join(StrategyPreference(), ", ") + " (the project's own length prefixes first). " +
			"Where corruption must not pass, take lenprefix-crc: its cost and the others' silent corruption are under Integrity.",
		fmt.Sprintf("n, 95 %% CI, p: the fewest samples and the widest interval of the named strategy's and the fastest one's cells in the band; for a sole winner, p is the weakest of its wins (the largest, over the others, of the smallest p at which it was found faster). "+
			"With fewer than %d samples or an interval wider than ±%.0f %% the row reads \"inconclusive\".", minGuideN, maxGuideCI*100),
		"tied: the others in \"any of\", with their MB/s relative to the named one and the smallest p of their tests.",
		"avoid: strategies that broke in the band, with the error they reported; in parentheses, those that broke on that transport at other sizes.",
	}
	for _, s := range neverRecommended() {
		notes = append(notes, "never recommended: "+s+": "+neverReason(s)+".")
	}
	return notes
}

// sampleCounts says how many samples the cells hold: "Samples per cell:
// 10 (min 10, max 10) over 1234 cells."
func (ix *Index) sampleCounts() string {
	var ns []int
	for _, units := range ix.samples {
		if s := units[unitSec]; s != nil {
			ns = append(ns, len(s.Values))
		}
	}
	if len(ns) == 0 {
		return "No timed cells."
	}
	slices.Sort(ns)
	return fmt.Sprintf("Samples per cell: median %d (min %d, max %d) over %d cells; %d cells broke.", ns[len(ns)/2], ns[0], ns[len(ns)-1], len(ns), len(ix.Broken))
}

// Headline writes the tables a run prints when it ends: the decision
// guide and the fractions of none, for a terminal, or as Markdown when
// format is "markdown".
func Headline(w io.Writer, s *Set, format string) error {
	ix := s.Index(0)
	write := (*Grid).Text
	if format == "markdown" {
		write = (*Grid).Markdown
	}
	if choices, n := ix.Guide(); len(choices) > 0 {
		g := guideGrid(choices, n, true)
		g.Title = "Decision guide (the strategy the test finds fastest among those that never broke on the transport, or any of those it cannot tell apart)"
		if err := write(g, w); err != nil {
			return err
		}
	}
	if gs := ix.fractionGrids(); len(gs) > 0 {
		gs[0].Notes = nil // the count of tests only: the rest is in the README
		return write(gs[0], w)
	}
	return nil
}
