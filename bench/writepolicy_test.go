package bench

import (
	"slices"
	"strings"
	"testing"

	"framebench/strategies"
)

func TestChoosePath(t *testing.T) {
	rounds := func(n int, f func(i int) float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	swing := func(i int) float64 { return 1000 * (1 + 0.3*float64(i%3)) } // the machine's drift
	for _, tc := range []struct {
		name string
		n    int
		gain func(i int) float64 // copy's speed against writev's in round i
		want strategies.WritePath
	}{
		{"copy 10% faster every round", 9, func(int) float64 { return 1.10 }, strategies.Copy},
		{"copy 2% faster: inside the margin", 9, func(int) float64 { return 1.02 }, strategies.Writev},
		{"copy faster in 7 of 9 rounds", 9, func(i int) float64 { return map[bool]float64{true: 0.95, false: 1.2}[i < 2] }, strategies.Writev},
		{"copy faster in 8 of 9 rounds", 9, func(i int) float64 { return map[bool]float64{true: 0.95, false: 1.2}[i < 1] }, strategies.Copy},
		{"faster in all of 7 rounds", 7, func(int) float64 { return 1.5 }, strategies.Copy},
		{"too few rounds for an interval", 5, func(int) float64 { return 1.5 }, strategies.Writev},
		{"copy slower", 9, func(int) float64 { return 0.5 }, strategies.Writev},
	} {
		mbps := make([][]float64, len(strategies.WritePaths))
		for p := range mbps {
			mbps[p] = rounds(tc.n, swing)
		}
		for i := range mbps[strategies.Copy] {
			mbps[strategies.Copy][i] *= tc.gain(i)
		}
		if got, _ := choosePath(mbps, 0.03); got != tc.want {
			t.Errorf("%s: choosePath = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestMeasureWritePolicy measures a short write policy on the pipe and checks that it
// names a path for the pipe's kind at each size, and that the policy reads
// back from its own configuration line.
func TestMeasureWritePolicy(t *testing.T) {
	tr, err := LookupTransport("pipe")
	if err != nil {
		t.Fatal(err)
	}
	c, err := MeasureWritePolicy([]Transport{tr, tr}, WriteMeasure{Sizes: []int{64 << 10, 1 << 20}, Rounds: 2, Bytes: 1 << 20, Margin: 0.03})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Lines) != 1 || !strings.HasPrefix(c.Lines[0], "pipe-") || strings.Count(c.Lines[0], "writev 1.00") != 2 {
		t.Errorf("MeasureWritePolicy(pipe, pipe).Lines = %q, want one pipe line with both sizes", c.Lines)
	}
	text := c.Policy.String()
	if !strings.HasPrefix(text, "pipe-") || strings.Count(text, "=") != 2 || strings.Contains(text, ";") {
		t.Errorf("MeasureWritePolicy(pipe, pipe) = %q, want one pipe row with two sizes", text)
	}
	if q, err := strategies.ParsePolicy(text); err != nil || q.String() != text {
		t.Errorf("ParsePolicy(%q) = %v, %v", text, q, err)
	}
}

// TestPeerFlagsWritePolicy: the proc transport's child peer is given this
// process's write policy, in a form that survives the split at spaces of
// its flag list.
func TestPeerFlagsWritePolicy(t *testing.T) {
	policy := strategies.FixedPolicy(strategies.Copy).Set("pipe-64KiB", 1<<20, strategies.Split)
	flags := strings.Fields(strings.Join(peerFlags(Cell{Bench: Stream, Transport: "proc", Codec: "raw", Strategy: "lenprefix", Payload: strategies.Blob, Size: 16}, policy), " "))
	i := slices.Index(flags, "-write-policy")
	if i < 0 || i+1 >= len(flags) {
		t.Fatalf("peerFlags = %q, want -write-policy", flags)
	}
	if p, err := strategies.ParsePolicy(flags[i+1]); err != nil || p.String() != policy.String() {
		t.Errorf("-write-policy %s reads back as %v, %v; want %s", flags[i+1], p, err, policy)
	}
}
