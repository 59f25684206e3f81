package main

import (
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"framebench/bench"
	"framebench/strategies"
)

// slice is one go test -bench invocation of a run.
type slice struct {
	Name      string // what it measures, e.g. "framing"
	Bench     string // the -test.bench regexp, in go test's per-level syntax
	Count     int
	Benchtime string
	// Short passes -test.short: one correctness precheck message per
	// cell instead of three (the bench package's smoke mode).
	Short bool
	// Remote is the address of the serve peer that the remote transport
	// goes to (-framebench.remote), or "".
	Remote string
}

// preset is a named list of slices.
type preset struct {
	Name   string
	Doc    string
	Slices []slice
}

// Size lists used by the presets. Regexps match a level unanchored, so
// names that prefix others are anchored: transport=pipe$ is not pipe1m,
// strategy=lenprefix$ is not lenprefix-crc (see alt).
const (
	quickSizes = "size=(256B|64KiB|1MiB)$"
	stdSizes   = "size=(16B|4KiB|64KiB|1MiB)$"
	pingSizes  = "size=(16B|4KiB|64KiB)$"
)

// presets is the preset registry; quick is the default. Its regexps are
// drawn from the registries when the command starts (presetList).
var presets = presetList()

// presetList returns the presets, their selections drawn from the
// registries as they are (see presetNames): a new codec, strategy or
// transport joins every slice that takes its kind.
func presetList() []preset {
	n := names()
	speed := speedSlices(n)
	return []preset{
		{
			// quick is smoke-level: 6 rounds, the fewest that give benchstat an
			// interval, at 20ms, within about 3 minutes on 2 cores.
			Name: "quick",
			Doc:  "the default, smoke-level: every codec, strategy and transport at 3 sizes, -count 6 at 20ms; about 3 minutes",
			Slices: []slice{
				{Name: "framing", Bench: "BenchmarkStream/transport=/codec=" + n.raw + "/strategy=/payload=blob$/" + quickSizes, Count: 6, Benchtime: "20ms", Short: true},
				{Name: "streams", Bench: "BenchmarkStream/transport=" + n.pipe + "/codec=" + n.streamSample + "/strategy=" + n.codecBound + "/payload=blob$/" + quickSizes, Count: 6, Benchtime: "20ms", Short: true},
				{Name: "codecs-pipe", Bench: "BenchmarkStream/transport=" + n.pipe + "/codec=/strategy=" + n.lenprefix + "/payload=struct$/" + quickSizes, Count: 6, Benchtime: "20ms", Short: true},
				{Name: "codecs", Bench: "BenchmarkCodec/codec=/payload=/" + quickSizes, Count: 6, Benchtime: "20ms", Short: true},
				{Name: "pingpong", Bench: "BenchmarkPingPong/transport=/codec=" + n.raw + "/strategy=" + n.pingQuick + "/payload=blob$/size=(256B|64KiB)$", Count: 6, Benchtime: "20ms", Short: true},
			},
		},
		{
			Name: "standard",
			Doc:  "raw and gob framing on every transport at 4 sizes, codecs, ping-pong, -count 6; about 10 minutes",
			Slices: []slice{
				{Name: "framing", Bench: "BenchmarkStream/transport=/codec=" + n.framing + "/strategy=/payload=blob$/" + stdSizes, Count: 6, Benchtime: "20ms"},
				{Name: "newline", Bench: "BenchmarkStream/transport=/codec=" + n.newlineFree + "/strategy=" + n.lines + "/payload=blob$/" + stdSizes, Count: 6, Benchtime: "20ms"},
				{Name: "codecs-pipe", Bench: "BenchmarkStream/transport=" + n.pipe + "/codec=" + n.sweep + "/strategy=" + n.codecSweep + "/payload=/" + stdSizes, Count: 6, Benchtime: "20ms"},
				{Name: "codecs", Bench: "BenchmarkCodec/codec=/payload=/" + stdSizes, Count: 6, Benchtime: "20ms"},
				{Name: "pingpong", Bench: "BenchmarkPingPong/transport=/codec=" + n.raw + "/strategy=" + n.pingStd + "/payload=blob$/size=(16B|4KiB)$", Count: 6, Benchtime: "20ms"},
			},
		},
		{
			Name: "full",
			Doc:  "the framing sweep (raw on pipe, pipe1m, unix and tcp at 100ms, with the wire ceiling), the codec sweep and ping-pong at every size they name, -count 10; about 70 minutes",
			Slices: append(slices.Clone(speed),
				slice{Name: "framing", Bench: "BenchmarkStream/transport=" + n.speed + "/codec=" + n.gob + "/strategy=/payload=blob$/" +
					"|BenchmarkStream/transport=" + n.otherTransports + "/codec=" + n.framing + "/strategy=/payload=blob$/", Count: 10, Benchtime: "20ms", Short: true},
				slice{Name: "newline", Bench: "BenchmarkStream/transport=/codec=" + n.newlineFree + "/strategy=" + n.lines + "/payload=blob$/", Count: 10, Benchtime: "20ms", Short: true},
				slice{Name: "codecs-pipe", Bench: "BenchmarkStream/transport=" + n.pipe + "/codec=" + n.sweep + "/strategy=" + n.codecSweep + "/payload=" +
					"|BenchmarkStream/transport=" + n.pipe + "/codec=" + n.gob + "/strategy=" + n.codecSweep + "/payload=struct$", Count: 10, Benchtime: "20ms", Short: true},
				slice{Name: "codecs", Bench: "BenchmarkCodec/codec=/payload=/", Count: 10, Benchtime: "20ms", Short: true},
				slice{Name: "pingpong", Bench: "BenchmarkPingPong/transport=/codec=" + n.raw + "/strategy=/payload=blob$/" + pingSizes, Count: 10, Benchtime: "20ms", Short: true},
			),
		},
		{
			Name:   "speed",
			Doc:    "the full preset's speed slices alone: raw framing and the wire ceiling on pipe, pipe1m, unix and tcp at 100ms, -count 10; about 13 minutes",
			Slices: speed,
		},
	}
}

// speedSlices are the raw framing on the speed transports (issue 6's
// speed targets) at a longer -benchtime, next to BenchmarkWire, the most
// a length prefix can reach there, so that the ratios to none rest on
// many messages per sample. One slice per size, so that within a round
// the cells compared with each other (every strategy and none, write and
// writev) run seconds apart, and the report's per-round ratios cancel the
// shared machine's swings; one slice of all sizes put a minute between
// them.
func speedSlices(n presetNames) []slice {
	var ss []slice
	for _, size := range strategies.Sizes {
		sz := "/size=" + strategies.SizeName(size) + "$"
		ss = append(ss, slice{Name: "speed-" + strategies.SizeName(size),
			Bench: "BenchmarkStream/transport=" + n.speed + "/codec=" + n.raw + "/strategy=/payload=blob$" + sz +
				"|BenchmarkWire/transport=" + n.speed + "/wire=" + sz, Count: 10, Benchtime: "100ms", Short: true})
	}
	return ss
}

// plan returns the preset and the slices a run executes: the preset's, or
// for -bench one slice with the preset's count and benchtime, in a preset
// renamed "custom"; -count and -benchtime override every slice.
func plan(f runFlags) (preset, []slice, error) {
	p, err := lookupPreset(f.preset)
	if err != nil {
		return p, nil, err
	}
	slices := append([]slice(nil), p.Slices...)
	switch {
	case f.bench != "" && f.remote != "":
		return p, nil, usageError{"-bench and -remote: give one of them"}
	case f.bench != "":
		slices = []slice{{Name: "bench", Bench: f.bench, Count: p.Slices[0].Count, Benchtime: p.Slices[0].Benchtime}}
		p.Name = "custom"
	case f.remote != "":
		if _, _, err := net.SplitHostPort(f.remote); err != nil {
			return p, nil, usageError{fmt.Sprintf("-remote %q: want HOST:PORT", f.remote)}
		}
		c, bt, n := p.Slices[0].Count, p.Slices[0].Benchtime, names()
		slices = []slice{
			{Name: "remote-framing", Bench: "BenchmarkStream/transport=" + n.remote + "/codec=" + n.framing + "/strategy=/payload=blob$/" + stdSizes, Count: c, Benchtime: bt, Remote: f.remote},
			{Name: "remote-pingpong", Bench: "BenchmarkPingPong/transport=" + n.remote + "/codec=" + n.raw + "/strategy=/payload=blob$/" + pingSizes, Count: c, Benchtime: bt, Remote: f.remote},
		}
		p.Name = bench.Remote.Name // the preset is named after its transport
	}
	if f.count < 0 {
		return p, nil, usageError{fmt.Sprintf("-count %d: want at least 1", f.count)}
	}
	if f.benchtime != "" {
		if _, err := time.ParseDuration(f.benchtime); err != nil && !isTimes(f.benchtime) {
			return p, nil, usageError{fmt.Sprintf("-benchtime %q: want a duration such as 50ms or a count such as 100x", f.benchtime)}
		}
	}
	for i := range slices {
		if f.count > 0 {
			slices[i].Count = f.count
		}
		if f.benchtime != "" {
			slices[i].Benchtime = f.benchtime
		}
	}
	return p, slices, nil
}

// overrides are the configuration lines recording the flags that changed
// the preset.
func (f runFlags) overrides() []string {
	var lines []string
	if f.bench != "" {
		lines = append(lines, "bench: "+f.bench)
	}
	if f.remote != "" {
		lines = append(lines, "remote: "+f.remote)
	}
	if f.count > 0 {
		lines = append(lines, fmt.Sprint("count: ", f.count))
	}
	if f.benchtime != "" {
		lines = append(lines, "benchtime: "+f.benchtime)
	}
	if f.shuffle != "" && f.shuffle != "on" {
		lines = append(lines, "shuffle: "+f.shuffle)
	}
	return lines
}

func isTimes(s string) bool {
	n, ok := strings.CutSuffix(s, "x")
	return ok && n != "" && strings.Trim(n, "0123456789") == "" && strings.Trim(n, "0") != ""
}

// sliceCells returns the cells each slice runs; a slice that matches no
// cell is an error naming its regexp, unless empty is allowed (-raw: a
// benchmark outside the matrix).
func sliceCells(slices []slice, empty bool) ([][]bench.Cell, error) {
	var all [][]bench.Cell
	for _, s := range slices {
		cells, err := s.cells()
		if err != nil {
			return nil, err
		}
		if len(cells) == 0 && !empty {
			return nil, usageError{fmt.Sprintf("-bench %q: matches no benchmark cell", s.Bench)}
		}
		all = append(all, cells)
	}
	return all, nil
}

// rounds returns how many times the test binary runs for slice s, and the
// -test.count of each run: s.Count runs of one sample each, so that every
// cell's samples spread over the whole slice and a slow spell of a shared
// machine falls on all cells alike instead of on the few that ran during
// it; when profiling, one run of s.Count samples (one profile per slice).
func (s slice) rounds(profileDir string) (runs, count int) {
	if profileDir != "" {
		return 1, s.Count
	}
	return s.Count, 1
}

// args returns the test binary's arguments for one run of slice s, its
// cells ordered by seed: -framebench.shuffle orders the sub-benchmarks at
// every level of the tree, -test.shuffle the benchmark functions.
func (s slice) args(profileDir string, seed uint64) []string {
	_, count := s.rounds(profileDir)
	a := []string{"-test.run", "^$", "-test.bench", s.Bench, "-test.count", fmt.Sprint(count),
		"-test.benchtime", s.Benchtime, "-test.v", "-test.timeout", "0", "-framebench.shuffle", fmt.Sprint(seed)}
	if seed != 0 {
		a = append(a, "-test.shuffle", fmt.Sprint(seed))
	}
	if s.Short {
		a = append(a, "-test.short")
	}
	if s.Remote != "" {
		a = append(a, "-framebench.remote", s.Remote)
	}
	if profileDir != "" {
		a = append(a, "-test.cpuprofile", filepath.Join(profileDir, s.Name+".cpu.pprof"),
			"-test.memprofile", filepath.Join(profileDir, s.Name+".mem.pprof"))
	}
	return a
}

func lookupPreset(name string) (preset, error) {
	var names []string
	for _, p := range presets {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return preset{}, usageError{fmt.Sprintf("-preset: unknown preset %q (want %s)", name, strings.Join(names, ", "))}
}

// cells returns the cells of the matrix that go test -bench s.Bench runs.
func (s slice) cells() ([]bench.Cell, error) {
	m, err := compileBench(s.Bench)
	if err != nil {
		return nil, err
	}
	var out []bench.Cell
	env := bench.Env{Remote: s.Remote}
	for _, w := range []string{bench.Stream, bench.PingPong, bench.Codec, bench.Wire} {
		for _, c := range env.Cells(w) {
			if m.match(c.Name()) {
				out = append(out, c)
			}
		}
	}
	return out, nil
}
