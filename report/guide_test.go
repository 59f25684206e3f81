package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// loadText loads benchmark output given as a string.
func loadText(t *testing.T, text string) *Set {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := Load([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGuide builds a run where, on pipe, lenprefix is fastest, varint is
// within noise of it, msgio is clearly slower and oneread breaks above
// 64KiB, and checks the guide's choices.
func TestGuide(t *testing.T) {
	var b strings.Builder
	mbs := map[string]float64{"lenprefix": 1000, "varint": 990, "msgio": 500, "none": 1100, "oneread": 1200}
	for _, s := range []string{"lenprefix", "varint", "oneread", "none", "msgio"} {
		for _, size := range []string{"4KiB", "64KiB", "1MiB"} {
			name := fmt.Sprintf("BenchmarkStream/transport=pipe/codec=raw/strategy=%s/payload=blob/size=%s", s, size)
			if s == "oneread" && size == "1MiB" {
				fmt.Fprintf(&b, "%s\n    bench_test.go:1: broken: bench: %s: strategies: oneread: short read: one read returned 65536 of 1048576 bytes\n--- SKIP: %s\n", name, name, name)
				continue
			}
			for i := range 6 {
				v := mbs[s] * (1 + 0.04*float64(i%3) - 0.02*float64(i%2)) // spread ±4 %
				fmt.Fprintf(&b, "%s-2 \t 100\t %.1f ns/op\t %.2f MB/s\n", name, 1e3/v*1e3, v)
			}
		}
	}
	ix := loadText(t, b.String()).Index(0)
	got := ix.Guide()
	if len(got) != 3 {
		t.Fatalf("Guide returned %d choices, want 3 (one per band)", len(got))
	}
	for i, ch := range got {
		if ch.Best != "lenprefix" || !reflect.DeepEqual(ch.Tied, []string{"varint (0.99)"}) {
			t.Errorf("band %s: best %s, tied %q; want lenprefix, tied [varint (0.99)]", ch.Band.Name, ch.Best, ch.Tied)
		}
		wantAvoid := "oneread (broken above 64KiB)"
		if i == 2 {
			wantAvoid = "oneread: broken above 64KiB on pipe: short read: one read returned 65536 of 1048576 bytes"
		}
		if !reflect.DeepEqual(ch.Avoid, []string{wantAvoid}) {
			t.Errorf("band %s: avoid %q, want [%q]", ch.Band.Name, ch.Avoid, wantAvoid)
		}
	}
	if r := got[1].OfNone; r < 0.90 || r > 0.92 {
		t.Errorf("medium band: lenprefix is %.3f of none, want 1000/1100", r)
	}
}
