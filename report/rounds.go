package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// RoundMarker starts the line framebench run writes before each round's
// output, e.g.
//
//	framebench-round slice=speed-64KiB round=3 rounds=10 order-seed=42
//
// benchfmt ignores it (no colon), so benchstat pools the rounds; Load
// reads it so that the results after it, up to the next marker, are known
// to belong to that slice and round.
const RoundMarker = "framebench-round"

// Round is where a result was measured: its input, and the slice and
// round of framebench run (Slice "" when the input has no round markers).
type Round struct {
	File  string // the input's label
	Slice string
	Round int
}

// marker is a round marker and the line it is on.
type marker struct {
	line int
	r    Round
}

// parseMarker parses a round marker line; ok is false for any other line.
// A malformed marker is an error naming the line.
func parseMarker(path string, n int, line, label string) (m marker, ok bool, err error) {
	rest, ok := strings.CutPrefix(line, RoundMarker+" ")
	if !ok {
		return marker{}, false, nil
	}
	m = marker{line: n, r: Round{File: label, Round: -1}}
	rounds := -1
	for _, f := range strings.Fields(rest) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "slice":
			m.r.Slice = v
		case "round", "rounds":
			x, err := strconv.Atoi(v)
			if err != nil || x < 0 || x > 1e6 {
				return marker{}, true, fmt.Errorf("%s:%d: round marker: %s=%q is not a count", path, n, k, v)
			}
			if k == "round" {
				m.r.Round = x
			} else {
				rounds = x
			}
		}
	}
	switch {
	case m.r.Slice == "":
		return marker{}, true, fmt.Errorf("%s:%d: round marker without slice=", path, n)
	case m.r.Round < 0:
		return marker{}, true, fmt.Errorf("%s:%d: round marker without round=", path, n)
	case rounds >= 0 && m.r.Round > rounds:
		return marker{}, true, fmt.Errorf("%s:%d: round marker: round %d of %d", path, n, m.r.Round, rounds)
	}
	return m, true, nil
}

// scanMarkers returns the round markers of data, a whole input.
func scanMarkers(path string, data []byte) ([]marker, error) {
	var ms []marker
	for i, line := range strings.Split(string(data), "\n") {
		m, ok, err := parseMarker(path, i+1, line, "")
		if err != nil {
			return nil, err
		}
		if ok {
			ms = append(ms, m)
		}
	}
	return ms, nil
}

// roundAt returns the round of the result on line n: that of the last
// marker before it, or the zero Round with File set.
func roundAt(ms []marker, n int, label string) Round {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].line >= n })
	if i == 0 {
		return Round{File: label}
	}
	return ms[i-1].r
}

// HasRounds reports whether any result carries a round marker.
func (s *Set) HasRounds() bool {
	for _, r := range s.Rounds {
		if r.Slice != "" {
			return true
		}
	}
	return false
}
