package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"framebench/bench"
	"framebench/strategies"
)

// The markers of a README region that framebench report -readme writes
// from the raw file the opening marker names, so that the figures a README
// quotes are regenerated from committed runs, never typed:
//
//	<!-- framebench:headline results/2026-11-30-speed/raw.txt -->
//	(generated)
//	<!-- /framebench:headline -->
//
// A word after the path picks a part of the headline (see HeadlineParts).
const (
	readmeBegin = "<!-- framebench:headline "
	readmeEnd   = "<!-- /framebench:headline -->"
)

// HeadlineParts are the parts of a run's headline a README region may
// name after its raw file: the framing tables, or the three lines on the
// naive length prefix, Nagle's algorithm and the codecs; none names both.
var HeadlineParts = []string{"framing", "lines"}

// SpliceReadme returns readme with every headline region's body replaced
// by render(path, part), path and part (or "") being what its marker
// names. A marker without its end, or a region inside another, is an
// error naming the line.
func SpliceReadme(readme []byte, render func(path, part string) ([]byte, error)) ([]byte, error) {
	var out bytes.Buffer
	lines := strings.SplitAfter(string(readme), "\n")
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		rest, ok := strings.CutPrefix(strings.TrimSpace(lines[i]), readmeBegin)
		if !ok {
			continue
		}
		path, part, _ := strings.Cut(strings.TrimSpace(strings.TrimSuffix(rest, "-->")), " ")
		if part = strings.TrimSpace(part); part != "" && !slices.Contains(HeadlineParts, part) {
			return nil, fmt.Errorf("readme:%d: headline part %q: want one of %s", i+1, part, strings.Join(HeadlineParts, ", "))
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != readmeEnd {
			if strings.HasPrefix(strings.TrimSpace(lines[j]), readmeBegin) {
				return nil, fmt.Errorf("readme:%d: headline region inside the one of line %d", j+1, i+1)
			}
			j++
		}
		if j == len(lines) || path == "" {
			return nil, fmt.Errorf("readme:%d: headline region of %q without %s", i+1, path, readmeEnd)
		}
		body, err := render(path, part)
		if err != nil {
			return nil, fmt.Errorf("readme:%d: %s: %w", i+1, path, err)
		}
		out.Write(body)
		out.WriteString(lines[j])
		i = j
	}
	return out.Bytes(), nil
}

// ReadmeHeadline writes the headline of one run for a README, in
// markdown, its links relative to the README (runDir: the run's directory
// from there): where and how the run was made; where it has the speed
// slices, the reference framings and the peers as a fraction of none from
// 64 KiB up, beside the wire ceiling, and the per-round fraction of the
// ceiling; and, where it has the cells, one line each on what the naive
// length prefix costs, what Nagle's algorithm costs and which codec is
// fastest per payload.
func ReadmeHeadline(w io.Writer, s *Set, runDir, part string) error {
	ix := s.Index(0)
	m := &md{w: w}
	m.p("From [%s](%s/README.md) (%s).", runDir, runDir, runLine(s))
	if part != "lines" {
		ix.framingHeadline(m)
	}
	if part != "framing" {
		for _, line := range []string{ix.naiveLine(), ix.nagleLine(), ix.codecLine()} {
			if line != "" {
				m.p("- %s", line)
			}
		}
	}
	return m.err
}

// framingHeadline writes the headline's tables: the reference framings
// and the peers as a fraction of none, and of the wire ceiling, paired by
// round, from 64 KiB up.
func (ix *Index) framingHeadline(m *md) {
	large := func(row []string) bool {
		_, size, _ := strings.Cut(row[0], " ")
		n, ok := ParseSize(size)
		return ok && n >= 64<<10
	}
	keep := append(append(roleNames(strategies.RoleReference), Peers()...), "wire ceiling")
	if g := ix.fractionGrid(noneName(), false); g != nil {
		g = g.only(keep, large)
		var notes []string // what "~" means, and how many tests the full table holds
		for i, n := range g.Notes {
			if i == 0 || strings.Contains(n, "tests in this table") {
				notes = append(notes, n)
			}
		}
		g.Notes = notes
		m.grid(g)
	}
	if g := ix.ceilingGrid(); g != nil {
		m.grid(g.only(append(roleNames(strategies.RoleReference), "wire ceiling"), large))
	}
}

// runLine is how and where a run was made, from its configuration lines.
// A key given twice with different values (cpu: /proc/cpuinfo's model
// name, then go test's own line) shows both.
func runLine(s *Set) string {
	var parts []string
	for _, k := range []string{"preset", "commit", "cpu", "kernel", "go", "pipe-capacity", "writepolicy"} {
		var vs []string
		for _, in := range s.Inputs {
			for _, line := range in.Config {
				if v, ok := strings.CutPrefix(line, k+": "); ok && !slices.Contains(vs, strings.TrimSpace(v)) {
					vs = append(vs, strings.TrimSpace(v))
				}
			}
		}
		if len(vs) > 0 {
			parts = append(parts, k+": "+strings.Join(vs, " / "))
		}
	}
	return strings.Join(parts, "; ")
}

// only returns a copy of g with the columns named in keep (and the first)
// and the rows for which row is true.
func (g *Grid) only(keep []string, row func([]string) bool) *Grid {
	cols := []int{0}
	for i, h := range g.Header[1:] {
		if slices.Contains(keep, h) || slices.ContainsFunc(keep, func(k string) bool { return strings.HasPrefix(h, k) }) {
			cols = append(cols, i+1)
		}
	}
	out := &Grid{Title: g.Title, Notes: g.Notes}
	for _, c := range cols {
		out.Header = append(out.Header, g.Header[c])
	}
	for _, r := range g.Rows {
		if !row(r) {
			continue
		}
		var nr []string
		for _, c := range cols {
			nr = append(nr, r[c])
		}
		out.Rows = append(out.Rows, nr)
	}
	return out
}

// naiveLine says what the naive length prefix costs against the tuned one:
// the range of their MB/s ratios over the transports and sizes measured,
// and its allocations.
func (ix *Index) naiveLine() string {
	naive := strategies.LenPrefixNaive.Name()
	var small, large []float64
	allocs := -1.0
	for _, t := range ix.Values("transport") {
		for _, size := range ix.Values("size") {
			a, b := Cell{"Stream", t, rawName(), lenPrefixName(), "blob", size}, Cell{"Stream", t, rawName(), naive, "blob", size}
			r, ok := ix.Ratio(a, b, unitBps)
			if !ok {
				continue
			}
			if n, _ := ParseSize(size); n >= 64<<10 {
				large = append(large, r.Value)
			} else {
				small = append(small, r.Value)
			}
			if s, ok := ix.Summary(b, "allocs/op"); ok {
				allocs = max(allocs, s.Center)
			}
		}
	}
	if len(small)+len(large) == 0 {
		return ""
	}
	span := func(rs []float64) string {
		lo, hi := fmt.Sprintf("%.2f", slices.Min(rs)), fmt.Sprintf("%.2f", slices.Max(rs))
		if lo == hi {
			return lo
		}
		return lo + "–" + hi
	}
	var parts []string
	if len(small) > 0 {
		parts = append(parts, span(small)+" of "+lenPrefixName()+"'s MB/s below 64 KiB")
	}
	if len(large) > 0 {
		parts = append(parts, span(large)+" from 64 KiB up")
	}
	line := fmt.Sprintf("**Naive framing** (%s: binary.Write, then Write; ReadFull, make, ReadFull) runs at %s (ratios of median MB/s over %d transport and size cells)",
		naive, strings.Join(parts, " and "), len(small)+len(large))
	if allocs >= 0 {
		line += fmt.Sprintf(", with up to %.0f allocations per message where %s makes none", allocs, lenPrefixName())
	}
	return line + "."
}

// nagleLine says what Nagle's algorithm costs a frame written in two calls:
// the smallest ping-pong round trip of the naive length prefix and of the
// tuned one on tcp-nagle, and of the naive one on tcp.
func (ix *Index) nagleLine() string {
	naive, size := strategies.LenPrefixNaive.Name(), ""
	for _, sz := range ix.Values("size") {
		if ix.Sample(Cell{"PingPong", bench.TCPNagle.Name, rawName(), naive, "blob", sz}, unitP50) != nil {
			size = sz
			break
		}
	}
	p50 := func(t, s string) (float64, bool) {
		sum, ok := ix.Summary(Cell{"PingPong", t, rawName(), s, "blob", size}, unitP50)
		return sum.Center, ok && !math.IsNaN(sum.Center)
	}
	stall, ok1 := p50(bench.TCPNagle.Name, naive)
	one, ok2 := p50(bench.TCPNagle.Name, lenPrefixName())
	fast, ok3 := p50(bench.TCP.Name, naive)
	if size == "" || !ok1 || !ok2 || !ok3 {
		return ""
	}
	return fmt.Sprintf("**Nagle's algorithm** (%s: TCP_NODELAY off, as CPython's sockets have it) holds a frame written in two calls until the peer's delayed ACK: a %s round trip with %s takes %s (p50) there, against %s on %s; %s, one write per frame, takes %s on %s.",
		bench.TCPNagle.Name, size, naive, fmtSec(stall), fmtSec(fast), bench.TCP.Name, lenPrefixName(), fmtSec(one), bench.TCPNagle.Name)
}

// codecLine names, per payload, the codec with the highest MB/s with the
// reference length prefix on the codec sweep's transport over every size
// measured, decided as the guide's codec rows are.
func (ix *Index) codecLine() string {
	var ts tests
	type row struct {
		p string
		q *question
	}
	var rows []row
	for _, p := range ix.Values("payload") {
		t, s := ix.sweepTransport(lenPrefixName(), p), lenPrefixName()
		q := &question{key: "codec", unit: unitBps, cell: func(c, size string) Cell { return Cell{"Stream", t, c, s, p, size} }}
		for _, c := range ix.Values("codec") {
			if c != rawName() && ix.Has(Cell{"Stream", t, c, s, p, ""}) && !ix.brokeAnywhere(Cell{"Stream", t, c, s, p, ""}) {
				q.cands = append(q.cands, c) // raw serializes nothing: not a candidate
			}
		}
		q.sizes = ix.measuredSizes(Band{"all", 0, math.MaxInt}, q)
		if len(q.cands) >= 3 && len(q.sizes) > 0 && ix.ask(q, &ts) {
			rows = append(rows, row{p, q})
		}
	}
	if len(rows) == 0 {
		return ""
	}
	ts.settle()
	var parts []string
	for _, r := range rows {
		v := ix.decide(r.q)
		parts = append(parts, fmt.Sprintf("%s: %s (%s MB/s, geomean over %s; %s)", r.p, v.useText(func(s string) string { return s }),
			fmtNum(v.Score[v.Pick]/1e6), strings.Join(r.q.sizes, ", "), v.evidence()))
	}
	return "**Fastest codec** with " + lenPrefixName() + " on " + pipeName() + ", per payload: " + strings.Join(parts, "; ") + "."
}
