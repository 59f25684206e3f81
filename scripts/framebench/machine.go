package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"framebench/report"
)

// cpuStat is what run reads from /proc/stat: CPU time in ticks (user
// through steal; guest time is already inside user), of which idle (idle
// and iowait) and steal, the context switches since boot and the number
// of online CPUs.
type cpuStat struct {
	total, idle, steal, ctxt uint64
	cpus                     int
	at                       time.Time
}

// readProc reads a /proc file, at most limit bytes.
func readProc(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// readStat parses dir/stat. Its size is bounded (1 MiB: the interrupt
// lines of a large machine fit many times), and so is every number.
func readStat(dir string) (cpuStat, error) {
	path := filepath.Join(dir, "stat")
	data, err := readProc(path, 1<<20)
	if err != nil {
		return cpuStat{}, err
	}
	st := cpuStat{at: time.Now()}
	var sawCPU, sawCtxt bool
	for i, line := range bytes.Split(data, []byte("\n")) {
		f := bytes.Fields(line)
		if len(f) < 2 {
			continue
		}
		bad := func() error { return fmt.Errorf("%s: line %d: malformed %q line", path, i+1, f[0]) }
		switch name := string(f[0]); {
		case name == "cpu":
			if len(f) < 5 {
				return st, bad()
			}
			for j, v := range f[1:min(len(f), 9)] { // user nice system idle iowait irq softirq steal
				n, err := strconv.ParseUint(string(v), 10, 60) // 8 of them cannot overflow
				if err != nil {
					return st, bad()
				}
				st.total += n
				switch j {
				case 3, 4:
					st.idle += n
				case 7:
					st.steal = n
				}
			}
			sawCPU = true
		case len(name) > 3 && name[:3] == "cpu" && name[3] >= '0' && name[3] <= '9':
			st.cpus++
		case name == "ctxt":
			if st.ctxt, err = strconv.ParseUint(string(f[1]), 10, 63); err != nil {
				return st, bad()
			}
			sawCtxt = true
		}
	}
	if !sawCPU || !sawCtxt || st.cpus == 0 {
		return st, fmt.Errorf("%s: no cpu, cpuN or ctxt line", path)
	}
	return st, nil
}

// readLoad returns the 1-minute load average of dir/loadavg.
func readLoad(dir string) (float64, error) {
	path := filepath.Join(dir, "loadavg")
	data, err := readProc(path, 4096)
	if err != nil {
		return 0, err
	}
	f := bytes.Fields(data)
	if len(f) == 0 {
		return 0, fmt.Errorf("%s: empty", path)
	}
	load, err := strconv.ParseFloat(string(f[0]), 64)
	if err != nil || !(load >= 0 && load < 1e6) {
		return 0, fmt.Errorf("%s: load %q is not a number from 0 to 1e6", path, f[0])
	}
	return load, nil
}

// snapshot is the machine's state at one moment; ok is false where /proc
// cannot be read (then run records nothing).
type snapshot struct {
	load float64
	stat cpuStat
	ok   bool
}

func takeSnapshot(dir string) snapshot {
	load, err1 := readLoad(dir)
	st, err2 := readStat(dir)
	return snapshot{load, st, err1 == nil && err2 == nil}
}

// between returns the machine's state from a to b as report.Machine: load
// at both ends, the share of CPU time stolen and context switches per
// second. A counter that went backwards counts as no change.
func between(a, b snapshot) report.Machine {
	m := report.Machine{CPUs: b.stat.cpus, LoadStart: a.load, LoadEnd: b.load}
	if t := delta(a.stat.total, b.stat.total); t > 0 {
		m.StealPct = min(100, 100*delta(a.stat.steal, b.stat.steal)/t)
	}
	if s := b.stat.at.Sub(a.stat.at).Seconds(); s > 0 {
		m.CtxtPerS = delta(a.stat.ctxt, b.stat.ctxt) / s
	}
	return m
}

// othersPct returns the share of all CPUs' time from a to b, in %, that
// went to processes other than one that used own CPU time meanwhile (the
// round's bench binary, with the peers it started and waited for): busy
// time (neither idle nor stolen) less own, against all of it. The ticks'
// length comes from the interval itself (all CPUs' ticks over its wall
// time), so no clock-tick constant is assumed. 0 where the counters did
// not advance.
func othersPct(a, b snapshot, own time.Duration) float64 {
	total, wall := delta(a.stat.total, b.stat.total), b.stat.at.Sub(a.stat.at).Seconds()
	if total == 0 || wall <= 0 || b.stat.cpus == 0 {
		return 0
	}
	ownTicks := own.Seconds() / (wall * float64(b.stat.cpus)) * total
	busy := total - delta(a.stat.idle, b.stat.idle) - delta(a.stat.steal, b.stat.steal)
	return min(100, max(0, 100*(busy-ownTicks)/total))
}

// delta is how far a /proc counter moved from x to y; one that went
// backwards counts as no change.
func delta(x, y uint64) float64 {
	if y < x {
		return 0
	}
	return float64(y - x)
}

// warnBusy samples the machine for d and warns on w when it is busy
// (report.Busy: load above its CPUs, or CPU steal above 5 %), before run
// or calibrate builds anything, so that the build's own load is not
// counted.
func warnBusy(ctx context.Context, w io.Writer, dir string, d time.Duration) {
	a := takeSnapshot(dir)
	if !a.ok {
		return
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(d):
	}
	b := takeSnapshot(dir)
	if !b.ok {
		return
	}
	m := between(a, b)
	if load := max(m.LoadStart, m.LoadEnd); report.Busy(load, m.CPUs, m.StealPct) != "" {
		fmt.Fprintf(w, "framebench: warning: the machine is busy (1-minute load %.2f on %d CPUs, CPU steal %.1f %% over %s): "+
			"other work will compete with the benchmarks, so the numbers will be noisy; "+
			"a quiet machine gives tighter intervals\n", load, m.CPUs, m.StealPct, d)
	}
}
