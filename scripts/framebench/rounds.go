package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// roundMarker is the line run writes into raw.txt before each round's
// output; the report pairs samples by (slice, round) from it. It is
// deliberately not a benchfmt configuration line ("key: value"): it has a
// space before any colon, so benchfmt and benchstat ignore it. A per-round
// configuration line such as "round: 3" would make go tool benchstat's
// default -table .config split every table by round.
const roundMarker = "framebench-round slice=%s round=%d rounds=%d order-seed=%d"

// round is one run of the bench binary: round k of n of a slice, its
// cells in the order drawn from seed (0: registry order).
type round struct {
	slice int // index in the run's slices
	k, n  int
	seed  uint64
}

// marker is r's roundMarker line for slice s.
func (r round) marker(s slice) string {
	return fmt.Sprintf(roundMarker, s.Name, r.k, r.n, r.seed)
}

// schedule returns the rounds of a run in the order they run: each
// slice's rounds in turn, or with interleave round k of every slice
// before round k+1 of any (calibrate's copies a and b, so that both see
// the same spells of the machine), the slices in turn in odd rounds and
// in reverse in even ones: a machine that drifts within a round (on one
// machine seen, the second process of a pair ran a few percent faster)
// then favours each copy in half the rounds instead of always the same.
// Seeds come from seed, in that order.
func schedule(slices []slice, profileDir string, interleave bool, seed func() uint64) []round {
	var rs []round
	maxRuns := 0
	for _, s := range slices {
		runs, _ := s.rounds(profileDir)
		maxRuns = max(maxRuns, runs)
	}
	add := func(i, k int) {
		if runs, _ := slices[i].rounds(profileDir); k <= runs {
			rs = append(rs, round{slice: i, k: k, n: runs, seed: seed()})
		}
	}
	if interleave {
		for k := 1; k <= maxRuns; k++ {
			for j := range slices {
				i := j
				if k%2 == 0 {
					i = len(slices) - 1 - j
				}
				add(i, k)
			}
		}
		return rs
	}
	for i := range slices {
		for k := 1; k <= maxRuns; k++ {
			add(i, k)
		}
	}
	return rs
}

// orderSeeds returns the source of the rounds' order seeds for -shuffle:
// "on", a fresh random seed per round; "off", 0 (registry order); a
// number, the seeds that number always gives, so that a run's orders can
// be replayed. Seeds are below 2^63: go test's -test.shuffle takes an int64.
func orderSeeds(flag string) (func() uint64, error) {
	switch flag {
	case "on":
		return func() uint64 { return 1 + rand.Uint64N(1<<63-1) }, nil
	case "off":
		return func() uint64 { return 0 }, nil
	}
	n, err := strconv.ParseUint(flag, 10, 64)
	if err != nil {
		return nil, usageError{fmt.Sprintf("-shuffle %q: want on, off or a number", flag)}
	}
	rng := rand.New(rand.NewPCG(n, 1)) // any fixed stream: n alone picks the seeds
	return func() uint64 { return 1 + rng.Uint64N(1<<63-1) }, nil
}

// checkSliceNames rejects slice names that would make markers ambiguous:
// empty, repeated within the run, or holding a space.
func checkSliceNames(slices []slice) error {
	seen := map[string]bool{}
	for _, s := range slices {
		if s.Name == "" || seen[s.Name] || strings.ContainsAny(s.Name, " \t\n:") {
			return fmt.Errorf("slice name %q: want a unique name without spaces or colons", s.Name)
		}
		seen[s.Name] = true
	}
	return nil
}
