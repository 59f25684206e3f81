package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestSchedule checks the order of rounds, slice by slice or interleaved
// (in reverse in even rounds), and that -profile makes one round of each
// slice.
func TestSchedule(t *testing.T) {
	ss := []slice{{Name: "a", Count: 2}, {Name: "b", Count: 3}}
	n := uint64(0)
	seq := func() uint64 { n++; return n }
	str := func(rs []round) string {
		var parts []string
		for _, r := range rs {
			parts = append(parts, fmt.Sprintf("%s%d/%d@%d", ss[r.slice].Name, r.k, r.n, r.seed))
		}
		return strings.Join(parts, " ")
	}
	for _, tc := range []struct {
		profile    string
		interleave bool
		want       string
	}{
		{"", false, "a1/2@1 a2/2@2 b1/3@3 b2/3@4 b3/3@5"},
		{"", true, "a1/2@1 b1/3@2 b2/3@3 a2/2@4 b3/3@5"},
		{"prof", false, "a1/1@1 b1/1@2"},
	} {
		n = 0
		if got := str(schedule(ss, tc.profile, tc.interleave, seq)); got != tc.want {
			t.Errorf("schedule(profile %q, interleave %v) = %s, want %s", tc.profile, tc.interleave, got, tc.want)
		}
	}
	if got := (round{k: 3, n: 6, seed: 99}).marker(slice{Name: "speed-64KiB"}); got != "framebench-round slice=speed-64KiB round=3 rounds=6 order-seed=99" {
		t.Errorf("marker = %q", got)
	}
}

// TestOrderSeeds checks -shuffle: off gives 0, on fresh nonzero seeds, a
// number the same seeds each time, and anything else is a usage error.
func TestOrderSeeds(t *testing.T) {
	draw := func(flag string) []uint64 {
		f, err := orderSeeds(flag)
		if err != nil {
			t.Fatalf("orderSeeds(%q): %v", flag, err)
		}
		var s []uint64
		for range 8 {
			s = append(s, f())
		}
		return s
	}
	for _, v := range draw("off") {
		if v != 0 {
			t.Errorf("-shuffle off gave seed %d, want 0", v)
		}
	}
	on1, on2 := draw("on"), draw("on")
	seen := map[uint64]bool{}
	for _, v := range append(on1, on2...) {
		if v == 0 || v >= 1<<63 || seen[v] {
			t.Errorf("-shuffle on gave seed %d: want distinct seeds from 1 to 2^63-1", v)
		}
		seen[v] = true
	}
	if a, b, c := fmt.Sprint(draw("7")), fmt.Sprint(draw("7")), fmt.Sprint(draw("8")); a != b || a == c {
		t.Errorf("-shuffle 7 gave %s then %s; -shuffle 8 %s: want the same seeds for the same number only", a, b, c)
	}
	for _, bad := range []string{"", "yes", "-1", "18446744073709551616"} {
		if _, err := orderSeeds(bad); err == nil || exitCode(err) != 2 || !strings.HasPrefix(err.Error(), "-shuffle ") {
			t.Errorf("orderSeeds(%q) = %v, want a usage error naming -shuffle", bad, err)
		}
	}
}

// TestSliceNames checks that every preset's and calibrate's slice names
// make unambiguous markers, and that bad ones are refused.
func TestSliceNames(t *testing.T) {
	for _, p := range presets {
		if err := checkSliceNames(p.Slices); err != nil {
			t.Errorf("preset %s: %v", p.Name, err)
		}
	}
	if err := checkSliceNames(aaSlices(10, "50ms")); err != nil {
		t.Errorf("calibrate: %v", err)
	}
	for _, bad := range [][]slice{{{Name: ""}}, {{Name: "a b"}}, {{Name: "a:b"}}, {{Name: "x"}, {Name: "x"}}} {
		if err := checkSliceNames(bad); err == nil {
			t.Errorf("checkSliceNames(%v) = nil, want an error", bad)
		}
	}
}
