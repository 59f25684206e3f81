package main

import (
	"slices"
	"testing"

	"framebench/bench"
)

// TestRemoteSlices: -remote's slices hand the bench binary the address
// (-framebench.remote, which makes its Env) and count their cells on the
// remote transport alone; the presets' slices name no address.
func TestRemoteSlices(t *testing.T) {
	const addr = "192.0.2.1:7777"
	_, ss, err := plan(runFlags{preset: "quick", remote: addr})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		args := s.args("", 0)
		if i := slices.Index(args, "-framebench.remote"); i < 0 || i+1 >= len(args) || args[i+1] != addr {
			t.Errorf("slice %s: args %q, want -framebench.remote %s", s.Name, args, addr)
		}
		cells, err := s.cells()
		if err != nil {
			t.Fatal(err)
		}
		if len(cells) == 0 || slices.ContainsFunc(cells, func(c bench.Cell) bool { return c.Transport != bench.Remote.Name }) {
			t.Errorf("slice %s: %d cells, want some, all on the remote transport", s.Name, len(cells))
		}
	}
	for _, p := range presets {
		for _, s := range p.Slices {
			if slices.Contains(s.args("", 0), "-framebench.remote") {
				t.Errorf("preset %s, slice %s: names a remote peer", p.Name, s.Name)
			}
		}
	}
}
