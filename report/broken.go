package report

import (
	"fmt"
	"sort"
	"strings"
)

// brokenGrid lists the broken and failed cells, one row per workload,
// transport, strategy, codec and payload, with the sizes that broke and
// the cause reported by the smallest of them.
func (ix *Index) brokenGrid() *Grid {
	type group struct{ bench, transport, strategy, codec, payload string }
	sizes := map[group][]string{}
	var order []group
	for c := range ix.Broken {
		g := group{c.Bench, c.Transport, c.Strategy, c.Codec, c.Payload}
		if sizes[g] == nil {
			order = append(order, g)
		}
		sizes[g] = append(sizes[g], c.Size)
	}
	if len(order) == 0 {
		return &Grid{Header: []string{"cells"}, Rows: [][]string{{"none broke"}}}
	}
	rank := func(key, v string) int { return indexOf(ix.Values(key), v) }
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		for _, d := range [][3]string{{"bench", a.bench, b.bench}, {"transport", a.transport, b.transport}, {"strategy", a.strategy, b.strategy}, {"codec", a.codec, b.codec}, {"payload", a.payload, b.payload}} {
			if ra, rb := rank(d[0], d[1]), rank(d[0], d[2]); ra != rb {
				return ra < rb
			}
		}
		return false
	})
	g := &Grid{Header: []string{"benchmark", "transport", "strategy", "codec", "payload", "sizes", "cause (smallest size)"}, Align: "lllllll"}
	for _, k := range order {
		ss := Order("size", sizes[k])
		sk := ix.Broken[Cell{k.bench, k.transport, k.codec, k.strategy, k.payload, ss[0]}]
		cause := sk.Cause()
		if sk.Kind == Failed {
			cause = "FAIL: " + cause
		}
		g.Rows = append(g.Rows, []string{k.bench, k.transport, k.strategy, k.codec, k.payload, strings.Join(ss, " "), cause})
	}
	return g
}

// breakage is how a strategy broke on a transport.
type breakage struct {
	sizes []string // the sizes at which some codec broke
	where string   // "broken above 64KiB", "broken at 16B, 1MiB"
	text  string   // where, transport, codecs and the first reason
}

// brokenOn describes, per strategy, how it broke on transport t: "broken
// above 64KiB on pipe: short read …", "broken at 16B, 1MiB on tcp with gob:
// …", with the reason of its smallest broken cell.
func (ix *Index) brokenOn(t string) map[string]breakage {
	out := map[string]breakage{}
	for _, s := range ix.Values("strategy") {
		var bad, codecs []string
		var reason string
		maxOK := ""
		for _, size := range ix.Values("size") {
			broke := false
			for _, c := range ix.Values("codec") {
				cell := Cell{"Stream", t, c, s, "blob", size}
				if sk, ok := ix.Broken[cell]; ok {
					if !broke && reason == "" {
						reason = sk.Cause()
					}
					broke = true
					if !contains(codecs, c) {
						codecs = append(codecs, c)
					}
				} else if ix.samples[cell] != nil && len(bad) == 0 {
					maxOK = size
				}
			}
			if broke {
				bad = append(bad, size)
			}
		}
		if len(bad) == 0 {
			continue
		}
		where := "broken at " + strings.Join(bad, ", ")
		if maxOK != "" && ix.contiguousAbove(maxOK, bad) {
			where = "broken above " + maxOK
		}
		with := ""
		if all := ix.codecsOf(t, s); len(codecs) < len(all) {
			with = " with " + strings.Join(codecs, ", ")
		}
		out[s] = breakage{bad, where, fmt.Sprintf("%s on %s%s: %s", where, t, with, shorten(reason, 100))}
	}
	return out
}

// contiguousAbove reports whether bad is every size above maxOK.
func (ix *Index) contiguousAbove(maxOK string, bad []string) bool {
	sizes := ix.Values("size")
	i := indexOf(sizes, maxOK)
	return i >= 0 && len(bad) == len(sizes)-i-1 && bad[0] == sizes[i+1]
}

// codecsOf returns the codecs with Stream blob cells for s on t.
func (ix *Index) codecsOf(t, s string) []string {
	var out []string
	for _, c := range ix.Values("codec") {
		if ix.Has(Cell{"Stream", t, c, s, "blob", ""}) {
			out = append(out, c)
		}
	}
	return out
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool { return indexOf(xs, x) >= 0 }

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
