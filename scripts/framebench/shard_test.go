package main

import (
	"slices"
	"testing"

	"framebench/bench"
)

// TestShardSlices: for every preset, the shards of every transport and
// memory hold exactly the preset's cells on them, and together every
// cell of the preset once: a run split across machines by transport
// measures what one run does.
func TestShardSlices(t *testing.T) {
	shards := []string{memoryShard}
	for _, tr := range bench.Transports {
		shards = append(shards, tr.Name)
	}
	for _, p := range presets {
		if testing.Short() && p.Name != "quick" {
			continue // about 3 s a preset
		}
		whole := map[string]int{}
		for _, s := range p.Slices {
			cells, err := s.cells()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cells {
				whole[s.Name+" "+c.Name()]++
			}
		}
		got := map[string]int{}
		for _, sh := range shards {
			ss, err := shardSlices(p.Slices, []string{sh})
			if err != nil {
				if err.Error() == "no cell of the preset runs there" {
					continue
				}
				t.Fatalf("%s -transport %s: %v", p.Name, sh, err)
			}
			for _, s := range ss {
				cells, _ := s.cells()
				for _, c := range cells {
					if want := sh; c.Transport != want && !(sh == memoryShard && c.Transport == "") {
						t.Errorf("%s -transport %s: slice %s runs %s", p.Name, sh, s.Name, c.Name())
					}
					got[s.Name+" "+c.Name()]++
				}
			}
		}
		for k, n := range whole {
			if got[k] != n {
				t.Errorf("%s: %s runs %d times in the shards, %d in the preset", p.Name, k, got[k], n)
			}
		}
		if len(got) != len(whole) {
			t.Errorf("%s: %d cells in the shards, %d in the preset", p.Name, len(got), len(whole))
		}
	}
}

func TestShardBadInput(t *testing.T) {
	quick := presets[0].Slices
	for _, trs := range [][]string{nil, {"carrier-pigeon"}, {"remote"}} {
		if _, err := shardSlices(quick, trs); err == nil {
			t.Errorf("shardSlices(%q): no error", trs)
		}
	}
	// A slice whose regexp has no transport level cannot be narrowed.
	odd := []slice{{Name: "odd", Bench: "BenchmarkStream", Count: 1, Benchtime: "1x"}}
	if _, err := shardSlices(odd, []string{"pipe"}); err == nil {
		t.Errorf("a regexp without a transport level was narrowed")
	}
	ss, err := shardSlices(quick, []string{"pipe", "tcp"})
	if err != nil || slices.ContainsFunc(ss, func(s slice) bool { return s.Name == "codecs" }) {
		t.Errorf("-transport pipe,tcp: %v; the in-memory codecs slice must be left out", err)
	}
}
