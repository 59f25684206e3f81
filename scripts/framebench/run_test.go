package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"framebench/bench"
	"framebench/report"
	"framebench/strategies"
)

// TestMain serves as the proc transport's child peer as main does, and
// lets the test binary stand in for the bench test binary: with
// FRAMEBENCH_FAKE_BENCH set it prints that file as go test -v would (and
// appends its arguments to FRAMEBENCH_FAKE_ARGS if set) and, with
// FRAMEBENCH_FAKE_HANG set, then starts a child (see fakeChild), prints
// half a line and waits to be stopped. With FRAMEBENCH_FAKE_GO set it
// stands in for go test -c: it starts a child, as go starts a compiler,
// and waits for it.
func TestMain(m *testing.M) {
	if bench.IsPeerChild() { // the proc transport's child peer, as in main
		os.Exit(bench.RunPeerChild())
	}
	if pidFile := os.Getenv("FRAMEBENCH_FAKE_CHILD"); pidFile != "" {
		fakeChild(pidFile)
	}
	if pidFile := os.Getenv("FRAMEBENCH_FAKE_GO"); pidFile != "" {
		startFakeChild(pidFile).Wait()
		os.Exit(1)
	}
	if path := os.Getenv("FRAMEBENCH_FAKE_BENCH"); path != "" {
		if log := os.Getenv("FRAMEBENCH_FAKE_ARGS"); log != "" {
			f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o666)
			if err == nil {
				fmt.Fprintln(f, strings.Join(os.Args[1:], " "))
				f.Close()
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Stdout.Write(data)
		if pidFile := os.Getenv("FRAMEBENCH_FAKE_HANG"); pidFile != "" {
			startFakeChild(pidFile)
			fmt.Print("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB-2   \t")
			time.Sleep(time.Minute)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestPresetSelection checks, without running anything, that each slice's
// regexp selects exactly the cells it is meant to, by a predicate written
// from the preset's description over the registries.
func TestPresetSelection(t *testing.T) {
	in := func(v string, vs ...string) bool { return slices.Contains(vs, v) }
	size := func(c bench.Cell, names ...string) bool { return in(strategies.SizeName(c.Size), names...) }
	speed := func(c bench.Cell) bool {
		return in(c.Transport, "pipe", "pipe1m", "unix", "tcp") &&
			(c.Bench == bench.Stream && c.Codec == "raw" && c.Payload == "blob" || c.Bench == bench.Wire)
	}
	want := map[string]func(bench.Cell) bool{
		"quick/framing": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && c.Codec == "raw" && c.Payload == "blob" && size(c, "256B", "64KiB", "1MiB")
		},
		"quick/streams": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && c.Transport == "pipe" && in(c.Codec, "gob", "json") &&
				in(c.Strategy, "stream", "buffered", "scanner", "newline") && c.Payload == "blob" && size(c, "256B", "64KiB", "1MiB")
		},
		"quick/codecs-pipe": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && c.Transport == "pipe" && c.Strategy == "lenprefix" && c.Payload == "struct" && size(c, "256B", "64KiB", "1MiB")
		},
		"quick/codecs": func(c bench.Cell) bool { return c.Bench == bench.Codec && size(c, "256B", "64KiB", "1MiB") },
		"quick/pingpong": func(c bench.Cell) bool {
			return c.Bench == bench.PingPong && c.Codec == "raw" && in(c.Strategy, "lenprefix", "none") && c.Payload == "blob" && size(c, "256B", "64KiB")
		},
		"standard/framing": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && in(c.Codec, "raw", "gob") && c.Payload == "blob" && size(c, "16B", "4KiB", "64KiB", "1MiB")
		},
		"standard/newline": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && in(c.Codec, "json", "sonic") && in(c.Strategy, "scanner", "newline") && c.Payload == "blob" && size(c, "16B", "4KiB", "64KiB", "1MiB")
		},
		"standard/codecs-pipe": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && c.Transport == "pipe" && !in(c.Codec, "raw", "gob") && in(c.Strategy, "stream", "buffered", "lenprefix") && size(c, "16B", "4KiB", "64KiB", "1MiB")
		},
		"standard/codecs": func(c bench.Cell) bool { return c.Bench == bench.Codec && size(c, "16B", "4KiB", "64KiB", "1MiB") },
		"standard/pingpong": func(c bench.Cell) bool {
			return c.Bench == bench.PingPong && c.Codec == "raw" && in(c.Strategy, "lenprefix", "varint", "none", "msgio") && c.Payload == "blob" && size(c, "16B", "4KiB")
		},
		"full/framing": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && in(c.Codec, "raw", "gob") && c.Payload == "blob" &&
				!(c.Codec == "raw" && in(c.Transport, "pipe", "pipe1m", "unix", "tcp"))
		},
		"full/newline": func(c bench.Cell) bool {
			return c.Bench == bench.Stream && in(c.Codec, "json", "sonic") && in(c.Strategy, "scanner", "newline") && c.Payload == "blob"
		},
		"full/codecs-pipe": func(c bench.Cell) bool { // what the framing slice does not already hold
			return c.Bench == bench.Stream && c.Transport == "pipe" && in(c.Strategy, "stream", "buffered", "lenprefix") &&
				!(in(c.Codec, "raw", "gob") && c.Payload == "blob")
		},
		"full/codecs": func(c bench.Cell) bool { return c.Bench == bench.Codec },
		"full/pingpong": func(c bench.Cell) bool {
			return c.Bench == bench.PingPong && c.Codec == "raw" && c.Payload == "blob" && size(c, "16B", "4KiB", "64KiB")
		},
	}
	for _, n := range strategies.Sizes {
		of := func(c bench.Cell) bool { return speed(c) && c.Size == n }
		want["full/speed-"+strategies.SizeName(n)] = of
		want["speed/speed-"+strategies.SizeName(n)] = of
	}
	var all []bench.Cell
	for _, w := range []string{bench.Stream, bench.PingPong, bench.Codec, bench.Wire} {
		all = append(all, bench.Cells(w)...)
	}
	for _, p := range presets {
		for _, s := range p.Slices {
			key := p.Name + "/" + s.Name
			pred, ok := want[key]
			if !ok {
				t.Errorf("slice %s: no expectation in the test", key)
				continue
			}
			got, err := s.cells()
			if err != nil {
				t.Fatalf("slice %s: %v", key, err)
			}
			var exp []string
			for _, c := range all {
				if pred(c) {
					exp = append(exp, c.Name())
				}
			}
			var names []string
			for _, c := range got {
				names = append(names, c.Name())
			}
			if !slices.Equal(names, exp) {
				t.Errorf("slice %s selects %d cells, want %d;\nfirst difference: %s", key, len(names), len(exp), firstDiff(strings.Join(exp, "\n"), strings.Join(names, "\n")))
			}
			t.Logf("%-20s %4d cells × %2d runs, -benchtime %s", key, len(got), s.Count, s.Benchtime)
		}
	}
}

// TestPresetCoverage checks the promises of the presets: every slice takes
// 6 samples or more; quick covers every codec, strategy and transport at
// three or more sizes (as do standard and full); full runs -count 10 over
// the framing sweep, the codec sweep and ping-pong. The speed preset is one slice of full, checked by
// TestPresetSelection.
func TestPresetCoverage(t *testing.T) {
	for _, p := range presets {
		if p.Name == "speed" {
			continue
		}
		sizes := map[string]map[int]bool{}
		seen := func(k string, n int) {
			if sizes[k] == nil {
				sizes[k] = map[int]bool{}
			}
			sizes[k][n] = true
		}
		cells := map[string]bool{}
		for _, s := range p.Slices {
			got, err := s.cells()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range got {
				seen("codec="+c.Codec, c.Size)
				if c.Bench != bench.Codec {
					seen("strategy="+c.Strategy, c.Size)
					seen("transport="+c.Transport, c.Size)
				}
				cells[c.Name()] = true
			}
			if s.Count < 6 {
				t.Errorf("%s/%s: -count %d, want 6 or more: benchstat needs 6 samples for an interval", p.Name, s.Name, s.Count)
			}
			if p.Name == "full" && s.Count < 10 {
				t.Errorf("full/%s: -count %d, want 10 or more", s.Name, s.Count)
			}
		}
		var keys []string
		for _, c := range strategies.Codecs {
			keys = append(keys, "codec="+c.Name())
		}
		for _, s := range strategies.Strategies {
			keys = append(keys, "strategy="+s.Name())
		}
		for _, tr := range bench.Transports {
			keys = append(keys, "transport="+tr.Name)
		}
		for _, k := range keys {
			want := 3
			if tr, err := bench.LookupTransport(strings.TrimPrefix(k, "transport=")); err == nil && tr.LatencyOnly {
				want = 2 // ping-pong cells only
			}
			if len(sizes[k]) < want {
				t.Errorf("preset %s: %s at %d sizes, want %d or more", p.Name, k, len(sizes[k]), want)
			}
		}
		if p.Name != "full" {
			continue
		}
		for _, c := range bench.Cells(bench.Stream) {
			framing := (c.Codec == "raw" || c.Codec == "gob") && c.Payload == "blob"
			codecSweep := c.Transport == "pipe" && slices.Contains([]string{"stream", "buffered", "lenprefix"}, c.Strategy)
			if (framing || codecSweep) && !cells[c.Name()] {
				t.Errorf("full: misses %s", c.Name())
			}
		}
		for _, tr := range bench.Transports {
			for _, size := range []int{16, 4 << 10, 64 << 10} {
				c := bench.Cell{Bench: bench.PingPong, Transport: tr.Name, Codec: "raw", Strategy: "lenprefix", Payload: "blob", Size: size}
				if !cells[c.Name()] {
					t.Errorf("full: misses %s", c.Name())
				}
			}
		}
	}
}

// TestPresetCommands checks the test binary's runs and arguments for every
// slice against testdata/presets.golden.
func TestPresetCommands(t *testing.T) {
	var b strings.Builder
	for _, p := range presets {
		fmt.Fprintf(&b, "preset %s: %s\n", p.Name, p.Doc)
		for _, s := range p.Slices {
			runs, _ := s.rounds("")
			fmt.Fprintf(&b, "  %s: %d × bench.test %s\n", s.Name, runs, strings.Join(quoteArgs(s.args("", 0)), " "))
		}
	}
	tail := func(args []string, from string) []string { return args[slices.Index(args, from):] }
	fmt.Fprintf(&b, "with order seed 7:\n  %s\n", strings.Join(tail(presets[0].Slices[0].args("", 7), "-framebench.shuffle"), " "))
	fmt.Fprintf(&b, "with -profile prof:\n  %s\n", strings.Join(quoteArgs(tail(presets[0].Slices[0].args("prof", 0), "-test.cpuprofile")), " "))
	checkGolden(t, "testdata/presets.golden", b.String())
}

func quoteArgs(args []string) []string {
	var q []string
	for _, a := range args {
		if strings.ContainsAny(a, "^$|()/ ") {
			a = "'" + a + "'"
		}
		q = append(q, a)
	}
	return q
}

// TestBenchMatcher checks the -bench matching against go test's rules.
func TestBenchMatcher(t *testing.T) {
	const pipe = "BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix-crc/payload=blob/size=64KiB"
	const pipe1m = "BenchmarkStream/transport=pipe1m/codec=raw/strategy=lenprefix/payload=blob/size=64KiB"
	for _, tc := range []struct {
		expr, name string
		want       bool
	}{
		{"BenchmarkStream", pipe, true},
		{"Stream/transport=pipe", pipe1m, true}, // unanchored per level
		{"Stream/transport=pipe$", pipe1m, false},
		{"Stream/transport=pipe$", pipe, true},
		{"Stream//codec=raw", pipe, true}, // an empty level matches anything
		{"Stream/pipe/gob", pipe, false},
		{"Stream/transport=/codec=/strategy=lenprefix$", pipe, false},
		{"Stream/transport=/codec=/strategy=lenprefix", pipe, true},
		{"Stream/transport=(pipe|tcp)$/codec=raw", pipe, true}, // | inside parentheses stays in its level
		{"BenchmarkCodec|Stream/transport=pipe1m", pipe1m, true},
		{"BenchmarkCodec|Stream/transport=pipe1m", pipe, false},
		{"Stream/size=64KiB", pipe, false}, // levels are positional
		{"Stream/transport=[a-z/]+$", pipe, true},
	} {
		m, err := compileBench(tc.expr)
		if err != nil {
			t.Fatalf("compileBench(%q): %v", tc.expr, err)
		}
		if got := m.match(tc.name); got != tc.want {
			t.Errorf("compileBench(%q).match(%q) = %v, want %v", tc.expr, tc.name, got, tc.want)
		}
	}
}

// TestRunBadInput checks run's flag errors, which come before anything is
// built or run.
func TestRunBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-preset", "huge"}, `run: -preset: unknown preset "huge" (want quick, standard, full, speed) (framebench help run)`},
		{[]string{"-bench", "Stream/(pipe"}, "run: -bench \"Stream/(pipe\": error parsing regexp: missing closing ): `(pipe` (framebench help run)"},
		{[]string{"-bench", "BenchmarkNope"}, `run: -bench "BenchmarkNope": matches no benchmark cell (framebench help run)`},
		{[]string{"-count", "-1"}, "run: -count -1: want at least 1 (framebench help run)"},
		{[]string{"-benchtime", "soon"}, `run: -benchtime "soon": want a duration such as 50ms or a count such as 100x (framebench help run)`},
		{[]string{"-benchtime", "0x"}, `run: -benchtime "0x": want a duration such as 50ms or a count such as 100x (framebench help run)`},
		{[]string{"extra"}, `run: unexpected argument "extra" (framebench help run)`},
		{[]string{"-count"}, "run: flag needs an argument: -count (framebench help run)"},
		{[]string{"-remote", "nohost"}, `run: -remote "nohost": want HOST:PORT (framebench help run)`},
		{[]string{"-remote", "h:1", "-bench", "BenchmarkCodec"}, "run: -bench and -remote: give one of them (framebench help run)"},
	} {
		err := run(new(bytes.Buffer), new(bytes.Buffer), append([]string{"run"}, tc.args...))
		if err == nil || err.Error() != tc.want || exitCode(err) != 2 {
			t.Errorf("run %q: %v (exit %d), want %q (exit 2)", tc.args, err, exitCode(err), tc.want)
		}
	}
}

// TestPlanOverrides checks that -bench, -count and -benchtime replace the
// preset's slices and settings, and are recorded in the raw file.
func TestPlanOverrides(t *testing.T) {
	p, ss, err := plan(runFlags{preset: "full", bench: "BenchmarkCodec", count: 3, benchtime: "100x"})
	if err != nil {
		t.Fatal(err)
	}
	want := []slice{{Name: "bench", Bench: "BenchmarkCodec", Count: 3, Benchtime: "100x"}}
	if p.Name != "custom" || !slices.Equal(ss, want) {
		t.Errorf("plan = %s %v, want custom %v", p.Name, ss, want)
	}
	f := runFlags{bench: "BenchmarkCodec", count: 3, benchtime: "100x", shuffle: "7"}
	if got := strings.Join(f.overrides(), "; "); got != "bench: BenchmarkCodec; count: 3; benchtime: 100x; shuffle: 7" {
		t.Errorf("overrides = %q", got)
	}
	_, ss, _ = plan(runFlags{preset: "quick", benchtime: "1s"})
	for _, s := range ss {
		if s.Benchtime != "1s" || s.Count != 6 {
			t.Errorf("plan(quick, -benchtime 1s): slice %s has -count %d -benchtime %s", s.Name, s.Count, s.Benchtime)
		}
	}
}

// TestPlanRemote checks that -remote runs the stream and ping-pong cells on
// the remote transport only, and records the address.
func TestPlanRemote(t *testing.T) {
	f := runFlags{preset: "full", remote: "192.0.2.1:7777"}
	p, ss, err := plan(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "remote" || len(ss) != 2 {
		t.Fatalf("plan(-remote) = %s with %d slices, want remote with 2", p.Name, len(ss))
	}
	for _, s := range ss {
		if !strings.Contains(s.Bench, "/transport=remote$/") || s.Count != 10 {
			t.Errorf("slice %s: -bench %q -count %d, want transport=remote and the preset's count 10", s.Name, s.Bench, s.Count)
		}
	}
	if got := strings.Join(f.overrides(), "; "); got != "remote: 192.0.2.1:7777" {
		t.Errorf("overrides = %q", got)
	}
}

// fakeRunner returns a runner whose bench binary is this test binary
// printing testdata/run.txt (see TestMain), with its progress on stderr.
func fakeRunner(t *testing.T, stderr *bytes.Buffer) (*runner, []slice) {
	t.Helper()
	t.Setenv("FRAMEBENCH_FAKE_BENCH", mustAbs(t, "testdata/run.txt"))
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	ss := []slice{{Name: "fake", Bench: "BenchmarkStream/transport=(pipe|tcp)$/codec=(raw|gob)$/strategy=(lenprefix|none|oneread|msgio)$/payload=blob$/size=(256B|64KiB|1MiB)$", Count: 6, Benchtime: "10ms"}}
	cells, err := sliceCells(ss, false)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "2026-11-27-quick")
	return &runner{root: root, dir: dir, stderr: stderr, binary: os.Args[0], progress: newProgress(stderr, ss, cells)}, ss
}

func mustAbs(t *testing.T, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestRunFake runs a slice with a fake bench binary: raw.txt must start
// with the configuration lines and hold each round's output between its
// marker line and its machine line, the rounds' cells ordered by the
// seeds the markers log; the report must be written and the headline
// printed.
func TestRunFake(t *testing.T) {
	var stdout, stderr bytes.Buffer
	r, ss := fakeRunner(t, &stderr)
	argsLog := filepath.Join(t.TempDir(), "args")
	t.Setenv("FRAMEBENCH_FAKE_ARGS", argsLog)
	r.proc = "testdata/proc/quiet"
	r.seed, _ = orderSeeds("42")
	if err := r.run(context.Background(), &stdout, "quick", ss); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	seeds, _ := orderSeeds("42")
	var want []uint64
	for range 6 {
		want = append(want, seeds())
	}
	// -count 6 runs the binary 6 times with -test.count 1 (interleaved rounds).
	calls, _ := os.ReadFile(argsLog)
	lines := strings.Split(strings.TrimSpace(string(calls)), "\n")
	if len(lines) != 6 {
		t.Fatalf("bench binary ran %d times, want 6 rounds", len(lines))
	}
	for k, l := range lines {
		if seed := fmt.Sprintf(" -framebench.shuffle %d -test.shuffle %d", want[k], want[k]); !strings.Contains(l, "-test.count 1 ") || !strings.Contains(l, seed) {
			t.Errorf("round %d ran bench.test %s, want -test.count 1 and%s", k+1, l, seed)
		}
	}
	raw, err := os.ReadFile(filepath.Join(r.dir, "raw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(string(raw), "\n")
	for i, prefix := range []string{"commit: ", "go: go1.", "cpu: ", "kernel: ", "pipe-capacity: ", "gomaxprocs: ", "preset: quick", "date: 20", "Unit wire-bytes/op assume=exact"} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("raw.txt line %d = %q, want prefix %q", i+1, lines[i], prefix)
		}
	}
	out, _ := os.ReadFile("testdata/run.txt")
	rounds := strings.Split(string(raw), "framebench-round ")[1:]
	if len(rounds) != 6 {
		t.Fatalf("raw.txt has %d round markers, want 6", len(rounds))
	}
	for k, rd := range rounds {
		marker, rest, _ := strings.Cut(rd, "\n")
		if w := fmt.Sprintf("slice=fake round=%d rounds=6 order-seed=%d", k+1, want[k]); marker != w {
			t.Errorf("marker %d = %q, want %q", k+1, marker, w)
		}
		output, machine, _ := strings.Cut(rest, report.MachinePrefix)
		if output != string(out) {
			t.Errorf("round %d: the output between the marker and the machine line differs from the bench's", k+1)
		}
		m, err := report.ParseMachine(report.MachinePrefix + strings.TrimSuffix(machine, "\n"))
		if err != nil || m.Slice != "fake" || m.Round != k+1 || m.CPUs != 2 || m.LoadStart != 0.52 {
			t.Errorf("round %d: machine line %q = %+v, %v; want slice fake, its round, 2 CPUs, load 0.52", k+1, machine, m, err)
		}
	}
	if _, err := os.Stat(filepath.Join(r.dir, "README.md")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(stdout.String(), "Decision guide") || !strings.Contains(stdout.String(), "fraction of none") {
		t.Errorf("headline missing from stdout:\n%s", stdout.String())
	}
	// 42 cells: 2 transports × (4 raw + 3 gob strategies) × 3 sizes, 6 samples each.
	if !strings.Contains(stderr.String(), "framebench: 252 samples of 42 cells in ") {
		t.Errorf("progress does not count 42 cells:\n%s", stderr.String())
	}
}

// TestRunRaw runs a slice with -raw: raw.txt is written, the report is not.
func TestRunRaw(t *testing.T) {
	var stdout, stderr bytes.Buffer
	r, ss := fakeRunner(t, &stderr)
	r.rawOnly = true
	if err := r.run(context.Background(), &stdout, "custom", ss); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(r.dir, "raw.txt")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "README.md")); err == nil {
		t.Error("-raw wrote README.md")
	}
	if !strings.Contains(stderr.String(), "go tool benchstat") || stdout.Len() != 0 {
		t.Errorf("stderr %q, stdout %q: want a pointer to benchstat and no headline", stderr.String(), stdout.String())
	}
	if _, err := sliceCells([]slice{{Name: "other", Bench: "BenchmarkOther"}}, true); err != nil {
		t.Errorf("sliceCells(BenchmarkOther, -raw) = %v, want no error", err)
	}
	if _, err := sliceCells([]slice{{Name: "other", Bench: "BenchmarkOther"}}, false); err == nil {
		t.Error("sliceCells(BenchmarkOther) without -raw: no error, want one")
	}
}

// TestRunInterrupted stops a run in the middle of a slice, as Ctrl-C does:
// the raw output gathered so far is kept, without the line cut short, the
// error says so and no report is written; the bench binary's child and
// its temporary files are gone.
func TestRunInterrupted(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pids")
	t.Setenv("FRAMEBENCH_FAKE_HANG", pidFile)
	tmp := emptyTMPDIR(t)
	var stdout, stderr bytes.Buffer
	r, ss := fakeRunner(t, &stderr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(2*time.Second, cancel)
	start := time.Now()
	err := r.run(ctx, &stdout, "quick", ss)
	if err == nil || err.Error() != "interrupted" || exitCode(err) != 1 {
		t.Fatalf("run = %v (exit %d), want interrupted (exit 1)", err, exitCode(err))
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("run took %v to stop", d)
	}
	rawPath := filepath.Join(r.dir, "raw.txt")
	if want := "interrupted; the raw output so far is in " + rawPath; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
	}
	raw, err := os.ReadFile(rawPath)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile("testdata/run.txt")
	if !bytes.HasSuffix(raw, out) {
		t.Errorf("raw.txt lost output or kept the line cut short; it ends with %q", raw[max(0, len(raw)-200):])
	}
	if _, err := os.Stat(filepath.Join(r.dir, "README.md")); err == nil {
		t.Errorf("an interrupted run wrote README.md")
	}
	checkNothingLeft(t, pidFile, tmp)
}

// TestRunPinsWritePolicy checks that run measures the write policy once,
// before the rounds, writes the lines the bench binary printed into
// raw.txt's header and gives the policy to every round.
func TestRunPinsWritePolicy(t *testing.T) {
	var stdout, stderr bytes.Buffer
	r, ss := fakeRunner(t, &stderr)
	fake := filepath.Join(t.TempDir(), "bench.txt")
	run, err := os.ReadFile("testdata/run.txt")
	if err != nil {
		t.Fatal(err)
	}
	policy := "pipe-64KiB 64KiB=copy 1MiB=writev; tcp 64KiB=writev"
	head := "writepolicy-pipe-64kib: 64KiB: writev 1.00, copy 1.30 [1.22, 1.41] → copy\nwritepolicy: " + policy + "\nwritepolicy-source: measured in 1.0s\n"
	if err := os.WriteFile(fake, append([]byte(head), run...), 0o666); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FRAMEBENCH_FAKE_BENCH", fake)
	argsLog := filepath.Join(t.TempDir(), "args")
	t.Setenv("FRAMEBENCH_FAKE_ARGS", argsLog)
	r.measurePolicy = true
	if err := r.run(context.Background(), &stdout, "quick", ss); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	calls, _ := os.ReadFile(argsLog)
	lines := strings.Split(strings.TrimSpace(string(calls)), "\n")
	if len(lines) != 7 || !strings.Contains(lines[0], "-test.bench ^$ -framebench.writepolicy measure") {
		t.Fatalf("bench binary ran %d times (%q), want the measurement and then 6 rounds", len(lines), lines)
	}
	for k, l := range lines[1:] {
		if !strings.HasSuffix(l, "-framebench.writepolicy "+policy) {
			t.Errorf("round %d ran bench.test %s, want -framebench.writepolicy %s", k+1, l, policy)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(r.dir, "raw.txt"))
	header, _, _ := strings.Cut(string(raw), "framebench-round ")
	if !strings.Contains(header, head) {
		t.Errorf("raw.txt's header lacks the write policy lines:\n%s", header)
	}
}
