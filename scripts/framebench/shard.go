package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"framebench/bench"
)

// memoryShard is the name -transport gives the cells that run on no
// transport: BenchmarkCodec, in memory.
const memoryShard = "memory"

// shardSlices returns the slices restricted to the cells on the named
// transports (and memoryShard), for run -transport: one shard of a preset
// run on one machine while others run the rest. Each slice's -bench
// regexp gets its transport level narrowed, alternative by alternative;
// the result is checked against the slice's cells, so that a regexp this
// cannot narrow is an error, not a silently different run. Slices left
// with no cell are dropped.
func shardSlices(in []slice, transports []string) ([]slice, error) {
	if len(transports) == 0 {
		return nil, fmt.Errorf("name at least one transport")
	}
	memory := false
	for _, t := range transports {
		if t == memoryShard {
			memory = true
			continue
		}
		if _, err := bench.LookupTransport(t); err != nil {
			return nil, err
		}
	}
	var out []slice
	for _, s := range in {
		all, err := s.cells()
		if err != nil {
			return nil, err
		}
		var want []string
		for _, c := range all {
			if slices.Contains(transports, c.Transport) || c.Transport == "" && memory {
				want = append(want, c.Name())
			}
		}
		if len(want) == 0 {
			continue
		}
		var alts []string
		for _, alt := range splitTop(s.Bench, '|') {
			levels := splitTop(alt, '/')
			if len(levels) < 2 || !strings.HasPrefix(levels[1], "transport=") {
				if memory {
					alts = append(alts, alt) // no transport level: the in-memory cells
				}
				continue
			}
			re, err := regexp.Compile(levels[1])
			if err != nil {
				return nil, err
			}
			var keep []string
			for _, t := range transports {
				if t != memoryShard && re.MatchString("transport="+t) {
					keep = append(keep, regexp.QuoteMeta(t))
				}
			}
			if len(keep) > 0 {
				levels[1] = "transport=(" + strings.Join(keep, "|") + ")$"
				alts = append(alts, strings.Join(levels, "/"))
			}
		}
		s.Bench = strings.Join(alts, "|")
		got, err := s.cells()
		if err != nil {
			return nil, err
		}
		var names []string
		for _, c := range got {
			names = append(names, c.Name())
		}
		if !slices.Equal(names, want) {
			return nil, fmt.Errorf("slice %s: cannot narrow its regexp to the transports", s.Name)
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no cell of the preset runs there")
	}
	return out, nil
}
