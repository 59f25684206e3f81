package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The gate's fixtures are derived from testdata/gate-aa.txt, a real A/A
// calibration (framebench calibrate -count 10 -benchtime 20ms, on a
// machine shared with other work): aa-a.txt
// and aa-b.txt are its copies a and b, two runs of the same code on one
// machine; aa-b-slower.txt is aa-b.txt with one cell (slowCell) made 20 %
// slower: its ns/op times 1.2, its MB/s divided by 1.2. TestGateFixtures
// derives them again and fails if the checked-in files differ (-update
// rewrites them).

// slowCell is the cell aa-b-slower.txt slows down.
const slowCell = "BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=64KiB"

// splitAA returns the lines of copies a and b of an A/A raw file, each
// with the header before the first copy, without the copy: lines and the
// bare benchmark names go test -v prints before each result (noise to
// compare, and half the file).
func splitAA(data string) (a, b string) {
	var head, out [2]strings.Builder
	cur := -1
	for _, line := range strings.SplitAfter(data, "\n") {
		switch {
		case strings.HasPrefix(line, "Benchmark") && !strings.ContainsAny(strings.TrimSpace(line), " \t"):
			continue
		case strings.HasPrefix(line, "copy: a"):
			cur = 0
			continue
		case strings.HasPrefix(line, "copy: b"):
			cur = 1
			continue
		case cur < 0:
			head[0].WriteString(line)
			head[1].WriteString(line)
			continue
		}
		out[cur].WriteString(line)
	}
	return head[0].String() + out[0].String(), head[1].String() + out[1].String()
}

// slower makes cell's results in data slower by factor: ns/op times it,
// MB/s divided by it; other lines and metrics stay as they are.
func slower(data, cell string, factor float64) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(data, "\n") {
		name, rest, ok := strings.Cut(line, "\t")
		if !ok || trimProcs(strings.TrimSpace(name)) != cell {
			b.WriteString(line)
			continue
		}
		f := strings.Split(strings.TrimRight(rest, "\n"), "\t")
		for i, field := range f {
			v, unit, ok := strings.Cut(strings.TrimSpace(field), " ")
			x, err := strconv.ParseFloat(v, 64)
			if !ok || err != nil {
				continue
			}
			switch unit {
			case "ns/op":
				f[i] = fmt.Sprintf("%10.0f ns/op", x*factor)
			case "MB/s":
				f[i] = fmt.Sprintf("%8.2f MB/s", x/factor)
			}
		}
		b.WriteString(name + "\t" + strings.Join(f, "\t") + "\n")
	}
	return b.String()
}

func TestGateFixtures(t *testing.T) {
	data, err := os.ReadFile("testdata/gate-aa.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, b := splitAA(string(data))
	if strings.Count(a, " ns/op") != 240 || strings.Count(b, " ns/op") != 240 {
		t.Fatalf("copies of %d and %d results, want 240 each", strings.Count(a, " ns/op"), strings.Count(b, " ns/op"))
	}
	s := slower(b, slowCell, 1.2)
	if s == b || strings.Count(s, "\n") != strings.Count(b, "\n") {
		t.Fatalf("slower changed no line, or the number of lines")
	}
	for name, want := range map[string]string{"aa-a.txt": a, "aa-b.txt": b, "aa-b-slower.txt": s} {
		checkGolden(t, "testdata/"+name, want)
	}
}
