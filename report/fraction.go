package report

import (
	"fmt"
	"slices"
)

// fractionGrid compares every framing strategy with the strategy ref (none,
// or a peer): the ratio of their median MB/s per transport and size, with
// its significance. Each strategy uses its line codec (raw where it
// applies) and ref is taken with the same codec, or raw.
func (ix *Index) fractionGrid(ref string) *Grid {
	var strategies []string
	for _, s := range ix.Values("strategy") {
		if s != ref && s != "none" {
			strategies = append(strategies, s)
		}
	}
	what := ref
	if ref == "none" {
		what = "none (no framing: the transport's ceiling)"
	}
	g := &Grid{
		Title:  "MB/s as a fraction of " + what,
		Header: append([]string{"transport", "size"}, strategies...),
		Notes: []string{
			fmt.Sprintf("Ratio of median MB/s, blob payload, each strategy with its framing-sweep codec (raw where it applies, else gob or json) against %s with the same codec, or raw.", ref),
			"\"~\": not significantly different (Mann-Whitney U, p > 0.05); \"broken\": the strategy failed its correctness check in that cell.",
		},
	}
	wire := ref == "none" && ix.hasWire()
	if wire {
		g.Header = append(g.Header, "wire ceiling")
		g.Notes = append(g.Notes, "wire ceiling: BenchmarkWire's MB/s with a 4-byte header and the payload sent by one writev, against the payload alone sent by one write, "+
			"with no framing code on either side: the most a length prefix can reach against none on that transport and size.")
	}
	for _, t := range ix.Values("transport") {
		if !ix.Has(Cell{"Stream", t, "raw", ref, "blob", ""}) && !ix.Has(Cell{"Stream", t, "gob", ref, "blob", ""}) {
			continue
		}
		for _, size := range ix.sizes(Cell{"Stream", t, "raw", "", "blob", ""}, []string{ref}) {
			row := []string{t, size}
			for _, s := range strategies {
				c := Cell{"Stream", t, ix.lineCodec(t, s), s, "blob", size}
				b := Cell{"Stream", t, c.Codec, ref, "blob", size}
				if !ix.present(b) {
					b.Codec = "raw"
				}
				row = append(row, ix.ratioCell(b, c))
			}
			if wire {
				row = append(row, ix.ratioCell(Cell{"Wire", t, "", "write", "", size}, Cell{"Wire", t, "", "writev", "", size}))
			}
			g.Rows = append(g.Rows, row)
		}
	}
	if len(g.Rows) == 0 {
		return nil
	}
	g.Header = g.Header[1:]
	for i, r := range g.Rows {
		g.Rows[i] = append([]string{r[0] + " " + r[1]}, r[2:]...)
	}
	g.Header[0] = "transport size"
	return g
}

// fractionGrids returns the fraction-of-none table and one per peer
// present in the data.
func (ix *Index) fractionGrids() []*Grid {
	var gs []*Grid
	for _, ref := range append([]string{"none"}, Peers...) {
		if !slices.Contains(ix.Values("strategy"), ref) {
			continue
		}
		if g := ix.fractionGrid(ref); g != nil {
			gs = append(gs, g)
		}
	}
	return gs
}

// hasWire reports whether the data holds BenchmarkWire results.
func (ix *Index) hasWire() bool { return slices.Contains(ix.Values("bench"), "Wire") }
