package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// guideGrid renders the choices as one table. A compact grid names the
// strategies to avoid and gives the reasons in its notes, once each.
func guideGrid(choices []Choice, compact bool) *Grid {
	g := &Grid{Header: []string{"transport", "messages", "use", "MB/s (of none)", "tied with it (MB/s ratio)", "avoid"}, Align: "lllrll"}
	for _, ch := range choices {
		use, mbs := "—", ""
		if ch.Best != "" {
			use = ch.Best
			if ch.Codec != "raw" {
				use += " (" + ch.Codec + ")"
			}
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
		tied := strings.Join(ch.Tied, ", ")
		if ch.Untested {
			tied = strings.TrimPrefix(tied+"; too few samples to test the others", "; ")
		}
		g.Rows = append(g.Rows, []string{ch.Transport, ch.Band.Name, use, mbs, tied, avoid})
	}
	return g
}

// guideNotes explains how the guide is drawn from the data.
func guideNotes() []string {
	notes := []string{
		"use: the highest median MB/s (geomean over the band's sizes, blob payload, codec raw where the strategy carries it) among strategies that did not break at any size on that transport.",
		"tied: not significantly slower at every size of the band (Mann-Whitney U, p > 0.05, or overlapping 95 % intervals where both are finite).",
		"avoid: strategies that broke in the band, with the error they reported; in parentheses, those that broke on that transport at other sizes.",
	}
	for _, s := range []string{"none", "oneread"} {
		notes = append(notes, "never recommended: "+s+": "+neverRecommended[s]+".")
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

// Headline writes the tables a run prints when it ends, for a terminal:
// the decision guide and the fractions of none.
func Headline(w io.Writer, s *Set) error {
	ix := s.Index(0)
	if choices := ix.Guide(); len(choices) > 0 {
		g := guideGrid(choices, true)
		g.Title = "Decision guide (fastest strategy that never broke on the transport; tied: not significantly slower)"
		if err := g.Text(w); err != nil {
			return err
		}
	}
	if gs := ix.fractionGrids(); len(gs) > 0 {
		gs[0].Notes = nil
		return gs[0].Text(w)
	}
	return nil
}
