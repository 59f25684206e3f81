package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"framebench/bench"
)

// TestWorkflow holds the users' CI workflow to the registries: its full
// preset shards cover every transport of the matrix (and memory), each
// once, and its gate's cells exist and are few enough for the gate to
// flag a lone regression with the rounds it runs.
func TestWorkflow(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, ".github", "workflows", "framebench.yml"))
	if err != nil {
		t.Fatal(err)
	}
	wf := string(data)
	m := regexp.MustCompile(`(?m)^\s+transport: \[([^\]]*)\]`).FindStringSubmatch(wf)
	if m == nil {
		t.Fatal("no transport matrix in the workflow")
	}
	var got []string
	for _, f := range strings.Split(m[1], ",") {
		got = append(got, strings.TrimSpace(f))
	}
	want := []string{memoryShard}
	for _, tr := range bench.Transports {
		if tr.Name != "remote" {
			want = append(want, tr.Name)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the workflow's shards are %v, want one per transport and memory: %v", got, want)
	}
	gate := regexp.MustCompile(`(?m)^\s+GATE_BENCH: "([^"]+)"`).FindStringSubmatch(wf)
	rounds := regexp.MustCompile(`(?m)^\s+GATE_ROUNDS: "(\d+)"`).FindStringSubmatch(wf)
	if gate == nil || rounds == nil {
		t.Fatal("no GATE_BENCH or GATE_ROUNDS in the workflow")
	}
	cells, err := slice{Name: "gate", Bench: gate[1]}.cells()
	if err != nil || len(cells) == 0 {
		t.Fatalf("GATE_BENCH %q selects no cell: %v", gate[1], err)
	}
	n, _ := strconv.Atoi(rounds[1])
	if p := 2 / binomial(2*n, n); p > 0.05/float64(len(cells)) {
		t.Errorf("the gate's %d cells with %d rounds: the smallest p-value %.2g is above %.2g, so no lone regression can fail it", len(cells), n, p, 0.05/float64(len(cells)))
	}
}

func binomial(n, k int) float64 {
	c := 1.0
	for i := 1; i <= k; i++ {
		c = c * float64(n-k+i) / float64(i)
	}
	return c
}
