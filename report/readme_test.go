package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSpliceReadme: every headline region's body is what render makes of
// the file its marker names; the text around the regions stays as it was;
// a region without its end, or inside another, is an error.
func TestSpliceReadme(t *testing.T) {
	in := "# Title\n\ntext\n" + readmeBegin + "a/raw.txt -->\nold body\nold\n" + readmeEnd + "\nmiddle\n  " + readmeBegin + "b/raw.txt -->\n" + readmeEnd + "\nend\n"
	var asked []string
	out, err := SpliceReadme([]byte(in), func(paths []string, part string) ([]byte, error) {
		asked = append(asked, strings.Join(paths, "+")+part)
		return []byte("new " + paths[0] + "\n"), nil
	})
	want := "# Title\n\ntext\n" + readmeBegin + "a/raw.txt -->\nnew a/raw.txt\n" + readmeEnd + "\nmiddle\n  " + readmeBegin + "b/raw.txt -->\nnew b/raw.txt\n" + readmeEnd + "\nend\n"
	if err != nil || string(out) != want || strings.Join(asked, ",") != "a/raw.txt,b/raw.txt" {
		t.Errorf("SpliceReadme = %q, %v (asked %q), want %q", out, err, asked, want)
	}
	for _, bad := range []string{
		readmeBegin + "a -->\nno end\n",
		readmeBegin + "a -->\n" + readmeBegin + "b -->\n" + readmeEnd + "\n",
		readmeBegin + " -->\n" + readmeEnd + "\n",
		readmeBegin + "a/raw.txt everything -->\n" + readmeEnd + "\n",
		readmeBegin + "a/raw.txt b c/raw.txt -->\n" + readmeEnd + "\n",
		readmeBegin + "framing -->\n" + readmeEnd + "\n",
	} {
		if _, err := SpliceReadme([]byte(bad), func([]string, string) ([]byte, error) { return nil, nil }); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("SpliceReadme(%q) = %v, want a one-line error", bad, err)
		}
	}
	boom := errors.New("boom")
	if _, err := SpliceReadme([]byte(in), func([]string, string) ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("a render error: %v, want it wrapped", err)
	}
	// Several raw files, then a part.
	asked = nil
	if _, err := SpliceReadme([]byte(readmeBegin+"a/raw.txt b/raw.txt framing -->\n"+readmeEnd+"\n"), func(paths []string, part string) ([]byte, error) {
		asked = append(asked, strings.Join(paths, "+")+" "+part)
		return nil, nil
	}); err != nil || strings.Join(asked, ",") != "a/raw.txt+b/raw.txt framing" {
		t.Errorf("two raw files and a part: %v, asked %q", err, asked)
	}
}

// TestReadmeHeadline: the headline of a run with round markers, wire
// modes, the naive length prefix, tcp-nagle and two payloads of codecs
// has the framing table from 64 KiB up, the ceiling table and the three
// lines, with the figures the samples give.
func TestReadmeHeadline(t *testing.T) {
	var b strings.Builder
	b.WriteString("preset: full\ncommit: abc\ncpu: Some CPU\n")
	for r := range 8 {
		fmt.Fprintf(&b, "framebench-round slice=s round=%d rounds=8 order-seed=1\n", r+1)
		f := 1 + 0.1*float64(r%3)
		for _, c := range []struct {
			name string
			mbs  float64
		}{
			{"BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB", 1000},
			{"BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=1MiB", 960},
			{"BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix-naive/payload=blob/size=1MiB", 600},
			{"BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=256B", 100},
			{"BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=256B", 90},
			{"BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix-naive/payload=blob/size=256B", 45},
			{"BenchmarkWire/transport=pipe/wire=write/size=1MiB", 1000},
			{"BenchmarkWire/transport=pipe/wire=writev/size=1MiB", 990},
			{"BenchmarkWire/transport=pipe/wire=write/size=256B", 100},
			{"BenchmarkWire/transport=pipe/wire=writev/size=256B", 95},
			{"BenchmarkStream/transport=pipe/codec=json/strategy=lenprefix/payload=struct/size=4KiB", 100},
			{"BenchmarkStream/transport=pipe/codec=msgpack/strategy=lenprefix/payload=struct/size=4KiB", 150},
			{"BenchmarkStream/transport=pipe/codec=cbor/strategy=lenprefix/payload=struct/size=4KiB", 300},
		} {
			benchLine(&b, c.name, c.mbs*f)
		}
		for _, p := range []struct {
			t, s string
			ns   float64
		}{{"tcp-nagle", "lenprefix-naive", 88e6}, {"tcp-nagle", "lenprefix", 25e3}, {"tcp", "lenprefix-naive", 30e3}} {
			fmt.Fprintf(&b, "BenchmarkPingPong/transport=%s/codec=raw/strategy=%s/payload=blob/size=16B-2 \t 10\t %.0f ns/op\t %.0f p50-ns\t %.0f p99-ns\n", p.t, p.s, p.ns*f, p.ns*f, p.ns*f)
		}
	}
	var out strings.Builder
	if err := ReadmeHeadline(&out, loadText(t, b.String()), []string{"results/x"}, ""); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"From [results/x](results/x/README.md) (preset: full; commit: abc; cpu: Some CPU",
		"| pipe 1MiB      |", // the framing table, from 64 KiB up
		"writev 0.99",
		"**MB/s as a fraction of the wire ceiling, paired by round**",
		"0.97 [0.97, 0.97]", // lenprefix 0.96 of none where the wire allows 0.99
		"runs at 0.50 of lenprefix's MB/s below 64 KiB and 0.62 from 64 KiB up",
		"takes 96.8 ms (p50) there, against 33 µs on tcp; lenprefix, one write per frame, takes 27.5 µs on tcp-nagle", // medians: 1.1 × the figures
		"struct: cbor (",
		// The write paths, paired.
		"| pipe 1MiB      | 0.99 [0.99, 0.99] |       writev |",
		"2 intervals in this table", // lenprefix and lenprefix-naive at 1 MiB: the rows and columns shown, not the run's whole table
		"tests in the run README's whole table",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("headline lacks %q:\n%s", want, got)
		}
	}
	// The run README's guide gives the same three lines.
	dir := t.TempDir()
	if err := WriteRun(loadText(t, b.String()), RunOptions{Dir: dir, Faults: "-"}); err != nil {
		t.Fatal(err)
	}
	run, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	guide, _, _ := strings.Cut(string(run), "## Throughput per transport")
	for _, want := range []string{"## Decision guide", "- **Naive framing**", "- **Nagle's algorithm**", "- **Fastest codec**"} {
		if !strings.Contains(guide, want) {
			t.Errorf("the run README's guide lacks %q:\n%s", want, guide)
		}
	}
	if strings.Contains(got, "pipe 256B") {
		t.Errorf("headline's framing table has a row under 64 KiB:\n%s", got)
	}
	const (
		fraction = "**MB/s as a fraction of none"
		ceiling  = "**MB/s as a fraction of the wire ceiling, paired by round**"
		wire     = "**Write paths: MB/s of a 4-byte header and the payload as a fraction of the payload alone**"
		wirePair = "**Write paths: MB/s of a 4-byte header and the payload as a fraction of the payload alone, paired by round**"
		naive    = "**Naive framing**"
	)
	all := []string{fraction, ceiling, wire, wirePair, naive}
	for part, has := range map[string][]string{
		"":        all,
		"framing": {fraction, ceiling},
		"ceiling": {ceiling},
		"wire":    {wire, wirePair},
		"lines":   {naive},
	} {
		out.Reset()
		if err := ReadmeHeadline(&out, loadText(t, b.String()), []string{"results/x"}, part); err != nil {
			t.Errorf("part %q: %v", part, err)
			continue
		}
		for _, title := range all {
			if want := slices.Contains(has, title); strings.Contains(out.String(), title) != want {
				t.Errorf("part %q: has %q = %v, want %v:\n%s", part, title, !want, want, out.String())
			}
		}
		if strings.Contains(out.String(), "pipe 256B") {
			t.Errorf("part %q has a row under 64 KiB:\n%s", part, out.String())
		}
	}
}

// TestReadmeHeadlineRuns: runs of one machine are read together, each
// named in the first line, their rounds pooled (the paired interval has
// the rounds of both); runs of two machines are refused in one line.
func TestReadmeHeadlineRuns(t *testing.T) {
	run := func(kernel, commit string, lenprefix float64) string {
		var b strings.Builder
		fmt.Fprintf(&b, "preset: speed\ncommit: %s\ncpu: Some CPU\nkernel: %s\n", commit, kernel)
		for r := range 6 {
			fmt.Fprintf(&b, "framebench-round slice=s round=%d rounds=6 order-seed=1\n", r+1)
			f := 1 + 0.1*float64(r%3)
			benchLine(&b, "BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB", 1000*f)
			benchLine(&b, "BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=1MiB", lenprefix*f)
			benchLine(&b, "BenchmarkWire/transport=pipe/wire=write/size=1MiB", 1000*f)
			benchLine(&b, "BenchmarkWire/transport=pipe/wire=writev/size=1MiB", 990*f)
		}
		return b.String()
	}
	dir := t.TempDir()
	var files []string
	for i, text := range []string{run("k1", "aaa", 960), run("k1", "bbb", 900), run("k2", "ccc", 960)} {
		files = append(files, filepath.Join(dir, fmt.Sprintf("raw%d.txt", i)))
		if err := os.WriteFile(files[i], []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	two, err := Load(files[:2], nil)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := ReadmeHeadline(&out, two, []string{"results/a", "results/b"}, "framing"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"From [results/a](results/a/README.md) and [results/b](results/b/README.md), read together, each run's rounds its own (preset: speed; commit: aaa / bbb;",
		"0.94 [0.91, 0.97]", // lenprefix at 0.97 of the ceiling in one run's 6 rounds, 0.91 in the other's: the median of the 12
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("headline of two runs lacks %q:\n%s", want, out.String())
		}
	}
	mixed, err := Load([]string{files[0], files[2]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = ReadmeHeadline(&out, mixed, []string{"results/a", "results/c"}, "")
	if err == nil || !strings.Contains(err.Error(), "different machines (kernel: k1 → k2)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("runs of two kernels: %v, want a one-line refusal naming the kernels", err)
	}
	if err := ReadmeHeadline(&out, two, []string{"results/a"}, ""); err == nil {
		t.Errorf("one directory for two runs: no error")
	}
}
