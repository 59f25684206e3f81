package bench

import (
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"testing"
)

// shuffleSeed orders the cells of one run of the bench binary. framebench
// run passes a fresh seed to every round (and logs it in the round's
// marker line), so that a cell's position in the round, and with it
// whatever the machine did at that moment, changes from round to round:
// position effects then spread over every cell's samples instead of
// falling on the same cells each round.
var shuffleSeed = flag.Uint64("framebench.shuffle", 0, "run sibling sub-benchmarks in an order drawn from `seed` (0: registry order)")

// shuffled returns cells with the groups of siblings at depth (cells that
// share Keys()[depth], which runTree runs as one sub-benchmark) permuted
// by -framebench.shuffle; within a group the order is left to the next
// level. Names are unchanged: only the order of the b.Run calls moves.
func shuffled(b *testing.B, cells []Cell, depth int) []Cell {
	return shuffleGroups(*shuffleSeed, b.Name(), cells, depth)
}

// shuffleGroups permutes the runs of consecutive cells with the same key
// at depth, drawing the permutation from seed and the parent benchmark's
// name, so that each level of the tree has its own order and one seed
// reproduces the whole run. Seed 0 returns cells as they are.
func shuffleGroups(seed uint64, parent string, cells []Cell, depth int) []Cell {
	if seed == 0 || len(cells) < 2 {
		return cells
	}
	var groups [][]Cell
	for i := 0; i < len(cells); {
		j := i + 1
		for j < len(cells) && cells[j].Keys()[depth] == cells[i].Keys()[depth] {
			j++
		}
		groups = append(groups, cells[i:j])
		i = j
	}
	out := make([]Cell, 0, len(cells))
	for _, k := range permutation(seed, parent, len(groups)) {
		out = append(out, groups[k]...)
	}
	return out
}

// permutation returns a permutation of 0..n-1 drawn from seed and name.
func permutation(seed uint64, name string, n int) []int {
	h := fnv.New64a()
	h.Write([]byte(name))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	return rng.Perm(n)
}

// TestPermutation checks that permutation is a permutation, that it
// depends on the seed and on the parent's name, and that a seed
// reproduces it.
func TestPermutation(t *testing.T) {
	const n = 24
	seen := map[string]bool{}
	for seed := uint64(1); seed <= 20; seed++ {
		p := permutation(seed, "BenchmarkStream", n)
		s := slices.Sorted(slices.Values(p))
		for i, v := range s {
			if v != i {
				t.Fatalf("permutation(%d) = %v: not a permutation of 0..%d", seed, p, n-1)
			}
		}
		if q := permutation(seed, "BenchmarkStream", n); !slices.Equal(p, q) {
			t.Errorf("permutation(%d) gave %v, then %v", seed, p, q)
		}
		seen[fmt.Sprint(p)] = true
	}
	if len(seen) < 19 {
		t.Errorf("20 seeds gave %d distinct orders of %d items, want 19 or more", len(seen), n)
	}
	if a, b := permutation(7, "BenchmarkStream/transport=pipe", n), permutation(7, "BenchmarkStream/transport=tcp", n); slices.Equal(a, b) {
		t.Errorf("siblings' children share one order %v", a)
	}
}

// TestShuffleGroups checks, on every level of the real Stream tree, that
// shuffling keeps every cell once, keeps siblings' groups whole (so that
// runTree creates each sub-benchmark once, with the same name), changes
// the order for a seed and leaves it alone for seed 0.
func TestShuffleGroups(t *testing.T) {
	cells := Cells(Stream)
	if got := shuffleGroups(0, "BenchmarkStream", cells, 0); !slices.Equal(got, cells) {
		t.Error("seed 0 changed the registry order")
	}
	var walk func(parent string, cells []Cell, depth int) []Cell
	walk = func(parent string, cells []Cell, depth int) []Cell {
		got := shuffleGroups(42, parent, cells, depth)
		var out []Cell
		seen := map[string]bool{}
		for i := 0; i < len(got); {
			key := got[i].Keys()[depth]
			if seen[key] {
				t.Fatalf("%s: group %s split by the shuffle", parent, key)
			}
			seen[key] = true
			j := i + 1
			for j < len(got) && got[j].Keys()[depth] == key {
				j++
			}
			if depth == len(got[i].Keys())-1 {
				out = append(out, got[i:j]...)
			} else {
				out = append(out, walk(parent+"/"+key, got[i:j], depth+1)...)
			}
			i = j
		}
		return out
	}
	order := walk("BenchmarkStream", cells, 0)
	names := func(cs []Cell) []string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Name())
		}
		return s
	}
	if slices.Equal(names(order), names(cells)) {
		t.Error("seed 42 kept the registry order")
	}
	if !slices.Equal(slices.Sorted(slices.Values(names(order))), slices.Sorted(slices.Values(names(cells)))) {
		t.Errorf("the shuffled tree runs %d cells, not the registry's %d", len(order), len(cells))
	}
}
