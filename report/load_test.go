package report

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const okLine = "BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=16B-2 \t 100\t 1000 ns/op\t 16.00 MB/s\n"

// TestLoadRejects checks that each bad measurement or marker is an error of
// one line naming the file and the line.
func TestLoadRejects(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{okLine + "BenchmarkX-2 \t 100\t NaN ns/op\n", "f.txt:2: X-2: NaN ns/op is not a finite, non-negative measurement"},
		{okLine + okLine + "BenchmarkX-2 \t 100\t 5 ns/op\t +Inf MB/s\n", "f.txt:3: X-2: +Inf MB/s is not a finite, non-negative measurement"},
		{"BenchmarkX-2 \t 100\t -Inf ns/op\n", "f.txt:1: X-2: -Inf ns/op is not a finite, non-negative measurement"},
		{"\n\nBenchmarkX-2 \t 100\t -3 ns/op\n", "f.txt:3: X-2: -3 ns/op is not a finite, non-negative measurement"},
		{"BenchmarkX-2 \t 100\t 3 ns/op\t -1 p99-ns\n", "f.txt:1: X-2: -1 p99-ns is not a finite, non-negative measurement"},
		{okLine + "framebench-round slice=a round=x rounds=3\n", `f.txt:2: round marker: round="x" is not a count`},
		{okLine + "framebench-round round=1 rounds=3\n", "f.txt:2: round marker without slice="},
		{okLine + "framebench-round slice=a rounds=3\n", "f.txt:2: round marker without round="},
		{okLine + "framebench-round slice=a round=4 rounds=3\n", "f.txt:2: round marker: round 4 of 3"},
	} {
		path := filepath.Join(t.TempDir(), "f.txt")
		if err := os.WriteFile(path, []byte(tc.text), 0o666); err != nil {
			t.Fatal(err)
		}
		_, err := Load([]string{path}, nil)
		want := filepath.Join(filepath.Dir(path), tc.want)
		if err == nil || err.Error() != want {
			t.Errorf("Load(%q) = %v, want %s", tc.text, err, want)
		}
	}
	// go test's own line for a run that skipped: dropped, not an error.
	s := loadText(t, okLine+"BenchmarkX-2 \t 0\t NaN ns/op\n")
	if len(s.Results) != 1 {
		t.Errorf("%d results, want 1 (the 0-iteration line dropped)", len(s.Results))
	}
}

// zeros is an endless stream of zero bytes, like /dev/zero.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

// longLine is a few good lines, then one line of n bytes, then a good line.
func longLine(n int64) io.Reader {
	return io.MultiReader(strings.NewReader(okLine+okLine+"\n"),
		io.LimitReader(&zeros{}, n), strings.NewReader("\n"+okLine))
}

// TestLoadBounded: /dev/zero and a file with a 100 MB line end with an
// error naming the line, after reading little more than MaxLine and
// allocating a bounded amount.
func TestLoadBounded(t *testing.T) {
	z := &zeros{}
	before := allocated()
	_, err := Load([]string{"-"}, z)
	if want := "standard input:1: line longer than 65535 bytes, the most report reads"; err == nil || err.Error() != want {
		t.Errorf("Load(zeros) = %v, want %s", err, want)
	}
	if z.n > 1<<20 {
		t.Errorf("read %d bytes of an endless line, want at most 1 MiB", z.n)
	}
	_, err = Load([]string{"-"}, longLine(100e6))
	if want := "standard input:4: line longer than 65535 bytes, the most report reads"; err == nil || err.Error() != want {
		t.Errorf("Load(100 MB line) = %v, want %s", err, want)
	}
	if a := allocated() - before; a > 16<<20 {
		t.Errorf("allocated %d MB for inputs it rejected, want a bounded amount", a>>20)
	}
	// The longest line allowed is read.
	if _, err := Load([]string{"-"}, strings.NewReader(okLine+strings.Repeat(" ", MaxLine)+"\n")); err != nil {
		t.Errorf("a line of MaxLine bytes: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Load([]string{"/dev/zero"}, nil); err == nil || !strings.HasPrefix(err.Error(), "/dev/zero:1: line longer") {
			t.Errorf("Load(/dev/zero) = %v, want a line-length error", err)
		}
	}
}

// TestLoadTooLarge: an input over MaxInput is an error, read in bounded
// memory.
func TestLoadTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB")
	}
	r := io.MultiReader(strings.NewReader(okLine), &repeat{s: strings.Repeat(strings.Repeat("a", 63)+"\n", 1000)})
	before := allocated()
	_, err := Load([]string{"-"}, r)
	if want := "standard input: larger than 256 MiB, the most report reads"; err == nil || err.Error() != want {
		t.Errorf("Load(endless file) = %v, want %s", err, want)
	}
	if a := allocated() - before; a > 64<<20 {
		t.Errorf("allocated %d MB for an endless file of text lines, want a bounded amount", a>>20)
	}
}

// repeat repeats s forever.
type repeat struct {
	s string
	i int
}

func (r *repeat) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.s[r.i:])
		n += c
		r.i = (r.i + c) % len(r.s)
	}
	return n, nil
}

// allocated is the memory the Go runtime holds from the system: it grows
// with the peak of the heap, not with the garbage collected on the way.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Sys
}
