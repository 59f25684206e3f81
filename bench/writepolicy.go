package bench

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/perf/benchmath"

	"framebench/strategies"
)

// WriteMeasure says how the write policy is measured: the payload sizes it
// decides for, how many interleaved rounds it runs and how many bytes each
// measurement moves. The zero value measures nothing; DefaultWriteMeasure
// is what the bench binary uses.
type WriteMeasure struct {
	Sizes  []int
	Rounds int
	Bytes  int
	// Margin is how much faster than writev a path must be, as a median
	// of its per-round ratios, to be chosen: writev copies nothing and
	// needs no buffer, so it wins ties.
	Margin float64
}

// DefaultWriteMeasure decides for two size bands (payloads nearer 64 KiB
// and nearer 1 MiB, see strategies.WritePolicy) in 9 rounds of 16 MiB per
// path: about two seconds on 2 cores for pipe, pipe1m, unix and tcp. A
// path must beat writev by 2 %: less is within what paired rounds of this
// length tell apart on a shared machine.
var DefaultWriteMeasure = WriteMeasure{Sizes: []int{64 << 10, 1 << 20}, Rounds: 9, Bytes: 16 << 20, Margin: 0.02}

// MeasuredPolicy is the outcome of MeasureWritePolicy: the policy, and what it was
// chosen from, one line per transport kind.
type MeasuredPolicy struct {
	Policy *strategies.WritePolicy
	// Lines are "pipe-64KiB 64KiB: writev 1.00, copy 0.97 [0.91, 1.02], …",
	// the median per-round ratio of each path to writev with its 95 %
	// interval, per size, for the configuration lines.
	Lines []string
}

// MeasureWritePolicy measures every write path with the lenprefix framing (the
// writer and reader the benchmarks use) on each transport of trs whose
// writer has a strategies.SinkKind, and returns the policy that names, per
// kind and size, the path that beat writev in the paired rounds: by more
// than cal.Margin in the median of the per-round ratios, with that
// median's 95 % interval above 1 (choosePath). Paths are run in
// a rotated order each round, so that drift on a shared machine falls on
// all of them alike. Transports of a kind already measured are skipped.
func MeasureWritePolicy(trs []Transport, cal WriteMeasure) (MeasuredPolicy, error) {
	var out MeasuredPolicy
	seen := map[string]bool{}
	for _, tr := range trs {
		var line []string
		kind := ""
		for _, size := range cal.Sizes {
			k, mbps, err := measurePaths(tr, size, cal)
			if err != nil {
				return MeasuredPolicy{}, fmt.Errorf("bench: measuring the write paths on %s at %s: %w", tr.Name, strategies.SizeName(size), err)
			}
			if k == "" || seen[k] {
				break
			}
			kind = k
			path, text := choosePath(mbps, cal.Margin)
			out.Policy = out.Policy.Set(kind, size, path)
			line = append(line, strategies.SizeName(size)+": "+text)
		}
		if kind != "" {
			seen[kind] = true
			out.Lines = append(out.Lines, kind+" "+strings.Join(line, "; "))
		}
	}
	return out, nil
}

// choosePath returns the path whose per-round ratios to writev (paths[0])
// have the highest median, if that median is over 1+margin and the
// median's 95 % interval (distribution-free, benchmath.AssumeNothing: the
// sign test's, so with 9 rounds the second-lowest ratio) lies above 1;
// else writev. With fewer than 6 rounds there is no such interval and
// writev stays. text says what each path measured: "writev 1.00, copy
// 1.12 [1.04, 1.19] …".
func choosePath(mbps [][]float64, margin float64) (path strategies.WritePath, text string) {
	best, bestMed := strategies.Writev, 1+margin
	parts := []string{"writev 1.00"}
	for p := 1; p < len(mbps); p++ {
		ratios := make([]float64, len(mbps[p]))
		for i := range ratios {
			ratios[i] = mbps[p][i] / mbps[0][i]
		}
		if len(ratios) == 0 {
			continue
		}
		s := benchmath.AssumeNothing.Summary(benchmath.NewSample(ratios, &benchmath.DefaultThresholds), 0.95)
		parts = append(parts, fmt.Sprintf("%s %.2f [%.2f, %.2f]", strategies.WritePaths[p], s.Center, s.Lo, s.Hi))
		if s.Lo > 1 && s.Center > bestMed {
			best, bestMed = strategies.WritePaths[p], s.Center
		}
	}
	return best, strings.Join(parts, ", ") + " → " + best.String()
}

// measurePaths returns tr's sink kind and the MB/s of each write path
// (indexed as strategies.WritePaths) in each round at payloads of size.
func measurePaths(tr Transport, size int, cal WriteMeasure) (string, [][]float64, error) {
	c := Cell{Bench: Stream, Transport: tr.Name, Codec: strategies.Raw.Name(), Strategy: strategies.LenPrefix.Name(), Payload: strategies.Blob, Size: size}
	a, b, stop, err := tr.Make(c)
	if err != nil {
		return "", nil, err
	}
	defer stop()
	kind := strategies.SinkKind(a.W)
	if kind == "" {
		return "", nil, nil
	}
	f := strategies.Frames(strategies.LenPrefix)
	r := f.NewFrameReader(b.R, strategies.Options{})
	ws := make([]strategies.FrameWriter, len(strategies.WritePaths))
	for i, p := range strategies.WritePaths {
		ws[i] = f.NewFrameWriter(a.W, strategies.Options{Write: strategies.FixedPolicy(p)})
	}
	payload := strategies.NewMessage(strategies.Blob, size, 1).Blob
	frames := max(2, cal.Bytes/size)
	mbps := make([][]float64, len(ws))
	for i := range ws { // warm up: buffers grow here, not in a measurement
		if _, err := moveFrames(ws[i], r, payload, 2); err != nil {
			return "", nil, err
		}
	}
	for round := range cal.Rounds {
		for k := range ws {
			p := (k + round) % len(ws)
			d, err := moveFrames(ws[p], r, payload, frames)
			if err != nil {
				return "", nil, fmt.Errorf("write path %s: %w", strategies.WritePaths[p], err)
			}
			mbps[p] = append(mbps[p], float64(frames*size)/d.Seconds()/1e6)
		}
	}
	return kind, mbps, nil
}

// moveFrames writes n frames of p from a goroutine, reads them at r and
// returns how long that took. A frame of the wrong length is an error.
func moveFrames(w strategies.FrameWriter, r strategies.FrameReader, p []byte, n int) (time.Duration, error) {
	werr := make(chan error, 1)
	start := time.Now()
	go func() {
		var err error
		for i := 0; i < n && err == nil; i++ {
			err = w.WriteFrame(p)
		}
		werr <- err
	}()
	var rerr error
	for range n {
		got, err := r.ReadFrame()
		if err != nil {
			rerr = err
			break
		}
		if len(got) != len(p) || got[len(got)-1] != p[len(p)-1] {
			rerr = fmt.Errorf("a frame of %d bytes arrived changed", len(p))
			break
		}
	}
	d := time.Since(start)
	if rerr != nil {
		return 0, rerr // the caller's stop closes the transport and frees the writer
	}
	return d, <-werr
}
