package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"framebench/strategies"
)

// The markers of a README region that framebench report -readme writes
// from the raw files the opening marker names, so that the figures a README
// quotes are regenerated from committed runs, never typed:
//
//	<!-- framebench:headline results/2026-11-30-speed/raw.txt -->
//	(generated)
//	<!-- /framebench:headline -->
//
// Several raw files (each ending in ".txt") are read together, each run's
// rounds its own, as framebench report reads them. A word after the paths
// picks a part of the headline (see HeadlineParts).
const (
	readmeBegin = "<!-- framebench:headline "
	readmeEnd   = "<!-- /framebench:headline -->"
)

// HeadlineParts are the parts of a run's headline a README region may
// name after its raw files: the framing tables (fraction of none and of
// the wire ceiling), the wire ceiling table alone, the write paths
// (BenchmarkWire's modes against a plain write), or the three lines on
// the naive length prefix, Nagle's algorithm and the codecs. No part is
// all of them but the ceiling alone, which framing holds.
var HeadlineParts = []string{"framing", "ceiling", "wire", "lines"}

// SpliceReadme returns readme with every headline region's body replaced
// by render(paths, part), paths and part (or "") being what its marker
// names. A marker without its end, or a region inside another, is an
// error naming the line.
func SpliceReadme(readme []byte, render func(paths []string, part string) ([]byte, error)) ([]byte, error) {
	var out bytes.Buffer
	lines := strings.SplitAfter(string(readme), "\n")
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		rest, ok := strings.CutPrefix(strings.TrimSpace(lines[i]), readmeBegin)
		if !ok {
			continue
		}
		paths, part, err := markerArgs(strings.TrimSuffix(rest, "-->"))
		if err != nil {
			return nil, fmt.Errorf("readme:%d: %w", i+1, err)
		}
		path := strings.Join(paths, " ")
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != readmeEnd {
			if strings.HasPrefix(strings.TrimSpace(lines[j]), readmeBegin) {
				return nil, fmt.Errorf("readme:%d: headline region inside the one of line %d", j+1, i+1)
			}
			j++
		}
		if j == len(lines) {
			return nil, fmt.Errorf("readme:%d: headline region of %q without %s", i+1, path, readmeEnd)
		}
		body, err := render(paths, part)
		if err != nil {
			return nil, fmt.Errorf("readme:%d: %s: %w", i+1, path, err)
		}
		out.Write(body)
		out.WriteString(lines[j])
		i = j
	}
	return out.Bytes(), nil
}

// markerArgs splits what a headline marker names into its raw files and
// its part: every word names a raw file (ending in ".txt") but a last one
// that does not, which must be one of HeadlineParts.
func markerArgs(s string) (paths []string, part string, err error) {
	words := strings.Fields(s)
	if n := len(words); n > 0 && !strings.HasSuffix(words[n-1], ".txt") {
		part, words = words[n-1], words[:n-1]
		if !slices.Contains(HeadlineParts, part) {
			return nil, "", fmt.Errorf("headline part %q: want one of %s", part, strings.Join(HeadlineParts, ", "))
		}
	}
	for _, w := range words {
		if !strings.HasSuffix(w, ".txt") {
			return nil, "", fmt.Errorf("headline marker: %q is not a raw file (*.txt): want the raw files, then at most one part", w)
		}
	}
	if len(words) == 0 {
		return nil, "", fmt.Errorf("headline marker names no raw file")
	}
	return words, part, nil
}

// ReadmeHeadline writes the headline of the runs in s (one per input,
// made on one machine) for a README, in markdown, its links relative to
// the README (runDirs: each run's directory from there): where and how
// the runs were made; where they have the speed slices, the reference
// framings and the peers as a fraction of none from 64 KiB up, beside the
// wire ceiling, and the per-round fraction of the ceiling; and, where they
// have the cells, one line each on what the naive length prefix costs,
// what Nagle's algorithm costs and which codec is fastest per payload.
// Runs from different machines are an error: their rounds do not pool.
func ReadmeHeadline(w io.Writer, s *Set, runDirs []string, part string) error {
	if len(runDirs) != len(s.Inputs) {
		return fmt.Errorf("report: headline: %d run directories for %d inputs", len(runDirs), len(s.Inputs))
	}
	first := func(k string) string { return configValue(s.Inputs[0].Config, k) }
	for _, in := range s.Inputs[1:] {
		if d := machineDiffs(first, func(k string) string { return configValue(in.Config, k) }); len(d) > 0 {
			return fmt.Errorf("report: headline: %s and %s come from different machines (%s): read runs of one machine together", runDirs[0], in.Label, strings.Join(d, "; "))
		}
	}
	ix := s.Index(0)
	m := &md{w: w}
	var links []string
	for _, d := range runDirs {
		links = append(links, fmt.Sprintf("[%s](%s/README.md)", d, d))
	}
	from := links[0]
	if len(links) > 1 {
		from = strings.Join(links[:len(links)-1], ", ") + " and " + links[len(links)-1] + ", read together, each run's rounds its own"
	}
	m.p("From %s (%s).", from, runLine(s))
	switch part {
	case "framing", "":
		ix.framingHeadline(m)
	case "ceiling":
		ix.ceilingHeadline(m)
	}
	if part == "wire" || part == "" {
		ix.wireHeadline(m)
	}
	if part == "lines" || part == "" {
		for _, line := range ix.guideLines() {
			m.p("- %s", line)
		}
	}
	return m.err
}

// headlineWhole is where a cut-down headline table's tests were counted.
const headlineWhole = "the run README's whole table"

// largeRow reports whether a row of a transport-and-size table is of 64 KiB
// or more: the sizes where the write path is chosen, and where the
// headline looks.
func largeRow(row []string) bool {
	_, size, _ := strings.Cut(row[0], " ")
	n, ok := ParseSize(size)
	return ok && n >= 64<<10
}

// framingHeadline writes the headline's tables: the reference framings
// and the peers as a fraction of none, and of the wire ceiling, paired by
// round, from 64 KiB up.
func (ix *Index) framingHeadline(m *md) {
	keep := append(append(roleNames(strategies.RoleReference), Peers()...), "wire ceiling")
	if g := ix.fractionGrid(noneName(), false); g != nil {
		g = g.only(keep, largeRow, headlineWhole)
		g.Notes = g.Notes[:1] // what the ratios are; the run README says the rest
		m.grid(g)
	}
	ix.ceilingHeadline(m)
}

// ceilingHeadline writes the reference framings as a fraction of the wire
// ceiling, paired by round, from 64 KiB up.
func (ix *Index) ceilingHeadline(m *md) {
	if g := ix.ceilingGrid(); g != nil {
		m.grid(g.only(append(roleNames(strategies.RoleReference), "wire ceiling"), largeRow, headlineWhole))
	}
}

// wireHeadline writes BenchmarkWire's write paths against a plain write,
// by the U test and paired by round, from 64 KiB up: the sizes at which
// the header writers choose a path (smaller frames are always copied).
func (ix *Index) wireHeadline(m *md) {
	all := append(ix.wireModes(), "wire ceiling")
	for _, paired := range []bool{false, true} {
		if g := ix.wireGrid(paired); g != nil {
			m.grid(g.only(all, largeRow, headlineWhole))
		}
	}
}

// runLine is how and where a run was made, from its configuration lines.
// A key given twice with different values (cpu: /proc/cpuinfo's model
// name, then go test's own line) shows both.
func runLine(s *Set) string {
	var parts []string
	for _, k := range []string{"preset", "commit", "cpu", "kernel", "go", "pipe-capacity", "writepolicy"} {
		if vs := s.ConfigValues(k); len(vs) > 0 {
			parts = append(parts, k+": "+strings.Join(vs, " / "))
		}
	}
	return strings.Join(parts, "; ")
}

// only returns a copy of g with the columns named in keep (and the first)
// and the rows for which row is true. Its intervals are counted anew; its
// tests, decided together with the rest of g's, are counted in whole, the
// name of g where the reader finds it ("the run README's whole table").
func (g *Grid) only(keep []string, row func([]string) bool, whole string) *Grid {
	cols := []int{0}
	for i, h := range g.Header[1:] {
		if slices.Contains(keep, h) || slices.ContainsFunc(keep, func(k string) bool { return strings.HasPrefix(h, k) }) {
			cols = append(cols, i+1)
		}
	}
	out := &Grid{Title: g.Title, Notes: slices.Clone(g.Notes), Counts: slices.Clone(g.Counts)}
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
	for i, c := range out.Counts {
		switch {
		case c.intervals():
			out.Counts[i].n = countIntervals(out.Rows)
		case c.where == "":
			out.Counts[i].where = whole
		}
	}
	return out
}
