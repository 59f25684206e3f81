package bench

import (
	"slices"
	"testing"
)

// TestEnvRemote: the remote transport is no registry entry; an Env with a
// Remote address runs the stream and ping-pong cells on it too, and no
// Wire cells (its far end echoes messages, not bare bytes); an Env without
// one knows nothing of it.
func TestEnvRemote(t *testing.T) {
	remoteCells := func(e Env, bench string) int {
		n := 0
		for _, c := range e.Cells(bench) {
			if c.Transport == Remote.Name {
				n++
			}
		}
		return n
	}
	with := Env{Remote: "192.0.2.1:7777"}
	if trs := with.Transports(); len(trs) != len(Transports)+1 || trs[len(trs)-1].Name != Remote.Name || trs[len(trs)-1].Peer == nil {
		t.Errorf("Env{Remote}.Transports() does not end with a remote transport that can reach its peer")
	}
	if _, err := (Env{}).LookupTransport(Remote.Name); err == nil {
		t.Error("Env{}.LookupTransport(remote): found, want unknown")
	}
	for _, b := range []string{Stream, PingPong} {
		trs := 0 // the transports with cells of b: a latency-only one has ping-pong cells only
		for _, tr := range Transports {
			if !tr.LatencyOnly || b == PingPong {
				trs++
			}
		}
		if n := remoteCells(with, b); n == 0 || n*trs != len(Env{}.Cells(b)) {
			t.Errorf("%s: %d remote cells with an address, want as many as on each registered transport", b, n)
		}
		if n := remoteCells(Env{}, b); n != 0 {
			t.Errorf("%s: %d remote cells without an address", b, n)
		}
	}
	if n := remoteCells(with, Wire); n != 0 {
		t.Errorf("Wire: %d remote cells, want none", n)
	}
	if slices.ContainsFunc(Transports, func(tr Transport) bool { return tr.Name == Remote.Name }) {
		t.Error("the remote transport is in the registry")
	}
}
