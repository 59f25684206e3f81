package report

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// MachinePrefix starts the line framebench run writes after each round's
// output. Like the round marker, it has a space before any colon, so
// benchfmt (and benchstat) ignore it: as a configuration line it would
// split benchstat's default tables by round.
const MachinePrefix = "framebench-machine "

// BusyStealPct is the CPU steal, in % of CPU time, above which a round
// counts as run on a busy machine: the hypervisor gave the CPUs to
// another guest that often.
const BusyStealPct = 5.0

// BusyOthersPct is the share of all CPUs' time, in %, above which the
// processes other than a round's bench binary make it a busy round.
const BusyOthersPct = 10.0

// Machine is the state of the machine over one round of a run: the
// 1-minute load average at its start and end, and from /proc/stat the
// share of CPU time stolen and the context switches per second during it,
// and (HasOthers) the share of all CPUs' time that went to processes other
// than the round's bench binary. The load counts the benchmark's own
// threads; the others' share does not, so it is what tells a busy machine.
type Machine struct {
	Slice              string
	Round              int
	CPUs               int // online CPUs, the cpuN lines of /proc/stat
	LoadStart, LoadEnd float64
	StealPct           float64
	CtxtPerS           float64
	OthersPct          float64
	HasOthers          bool // the line has others-pct (written since 2026-12-01)
}

// String is m's line in a raw file, MachinePrefix first.
func (m Machine) String() string {
	line := fmt.Sprintf("%sslice=%s round=%d cpus=%d load-start=%.2f load-end=%.2f steal-pct=%.1f ctxt-per-s=%.0f",
		MachinePrefix, m.Slice, m.Round, m.CPUs, m.LoadStart, m.LoadEnd, m.StealPct, m.CtxtPerS)
	if m.HasOthers {
		line += fmt.Sprintf(" others-pct=%.1f", m.OthersPct)
	}
	return line
}

// ErrMachineLine reports a framebench-machine line that does not parse.
var ErrMachineLine = errors.New("report: malformed framebench-machine line")

// ParseMachine parses a line written by Machine.String. It bounds the
// line's length and every value, and names the first field that is wrong.
func ParseMachine(line string) (Machine, error) {
	var m Machine
	rest, ok := strings.CutPrefix(line, MachinePrefix)
	if !ok || len(line) > 512 {
		return m, fmt.Errorf("%w: no %q prefix, or over 512 bytes", ErrMachineLine, MachinePrefix)
	}
	num := func(k, v string, max float64) (float64, error) {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || f < 0 || f > max {
			return 0, fmt.Errorf("%w: %s=%q: want a number from 0 to %g", ErrMachineLine, k, v, max)
		}
		return f, nil
	}
	seen := map[string]bool{}
	for _, field := range strings.Fields(rest) {
		k, v, _ := strings.Cut(field, "=")
		var err error
		var f float64
		switch k {
		case "slice":
			m.Slice = v
		case "round":
			f, err = num(k, v, 1e6)
			m.Round = int(f)
		case "cpus":
			f, err = num(k, v, 1<<20)
			m.CPUs = int(f)
		case "load-start":
			m.LoadStart, err = num(k, v, 1e6)
		case "load-end":
			m.LoadEnd, err = num(k, v, 1e6)
		case "steal-pct":
			m.StealPct, err = num(k, v, 100)
		case "ctxt-per-s":
			m.CtxtPerS, err = num(k, v, 1e12)
		case "others-pct":
			m.OthersPct, err = num(k, v, 100)
			m.HasOthers = true
		default:
			continue // a field from a later version
		}
		if err != nil {
			return m, err
		}
		if seen[k] {
			return m, fmt.Errorf("%w: %s twice", ErrMachineLine, k)
		}
		seen[k] = true
	}
	required := len(seen)
	if seen["others-pct"] {
		required--
	}
	if required != 7 || m.Slice == "" || m.Round < 1 || m.CPUs < 1 {
		return m, fmt.Errorf("%w: want slice, round ≥ 1, cpus ≥ 1, load-start, load-end, steal-pct and ctxt-per-s once each (others-pct at most once)", ErrMachineLine)
	}
	return m, nil
}

// Busy says why a machine with load average load on cpus CPUs and steal
// % of CPU time stolen counts as busy, or "" if it does not. A benchmark
// that keeps every CPU busy itself brings the load to about the number
// of CPUs; above it, other work was waiting for a CPU.
func Busy(load float64, cpus int, steal float64) string {
	var why string
	if load > float64(cpus) {
		why = fmt.Sprintf("load %.2f on %d CPUs", load, cpus)
	}
	return withSteal(why, steal)
}

// Busy says why m counts as a busy round, or "": by the others' share of
// CPU time where the line has it (the load counts the benchmark's own
// threads, which keep a 2-CPU machine's load near 2 by themselves), else
// by the load.
func (m Machine) Busy() string {
	if !m.HasOthers {
		return Busy(max(m.LoadStart, m.LoadEnd), m.CPUs, m.StealPct)
	}
	var why string
	if m.OthersPct > BusyOthersPct {
		why = fmt.Sprintf("other processes used %.1f %% of the CPUs' time", m.OthersPct)
	}
	return withSteal(why, m.StealPct)
}

// withSteal adds CPU steal above BusyStealPct to why, a round's first
// reason to count as busy ("" for none).
func withSteal(why string, steal float64) string {
	if steal <= BusyStealPct {
		return why
	}
	if why != "" {
		why += ", "
	}
	return why + fmt.Sprintf("CPU steal %.1f %%", steal)
}

// maxMachineLines bounds what readMachines keeps: far more rounds than
// any preset runs.
const maxMachineLines = 100_000

// readMachines returns the framebench-machine lines of the files at
// paths, in bounded memory (a line longer than the reader's buffer is
// skipped) and linear time, and how many such lines were malformed.
func readMachines(paths []string) (ms []Machine, bad int, err error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, 0, err
		}
		br := bufio.NewReaderSize(f, 64<<10)
		for {
			line, err := br.ReadSlice('\n')
			if errors.Is(err, bufio.ErrBufferFull) {
				for errors.Is(err, bufio.ErrBufferFull) { // too long to be ours
					_, err = br.ReadSlice('\n')
				}
				continue
			}
			if bytes.HasPrefix(line, []byte(MachinePrefix)) {
				if m, perr := ParseMachine(strings.TrimRight(string(line), "\r\n")); perr != nil {
					bad++
				} else if len(ms) < maxMachineLines {
					ms = append(ms, m)
				}
			}
			if err != nil {
				f.Close()
				if err != io.EOF {
					return nil, 0, fmt.Errorf("%s: %w", p, err)
				}
				break
			}
		}
	}
	return ms, bad, nil
}

// writeConditions writes what the reader must know before the numbers:
// whether this is a smoke-level run, how busy the machine was in each
// round (warning when it was busy), and the A/A calibration of machines
// with the same cpu line, if results/ holds one.
func writeConditions(m *md, s *Set, o RunOptions) {
	if s.ConfigValue("preset") == "quick" {
		m.p("**A smoke-level run.** The quick preset takes few, short samples per cell (see the counts above): " +
			"enough for an interval, too few for small differences. For a real measurement run " +
			"`framebench run -preset full` (about 70 minutes) or `-preset speed` (raw framing and the wire ceiling, about 13 minutes) on a quiet machine.")
	}
	var paths []string
	for _, in := range s.Inputs {
		if in.Path != "-" {
			paths = append(paths, in.Path)
		}
	}
	ms, bad, err := readMachines(paths)
	switch {
	case err != nil:
		m.p("The machine's state could not be read: %v.", err)
	case len(ms) == 0:
		m.p("The raw output records no machine state (no framebench-machine lines): how busy the machine was is unknown.")
	default:
		m.p("%s", machineSummary(ms, bad))
	}
	m.p("%s", citeAA(o.Dir, s.ConfigValue("cpu")))
}

// machineSummary describes the rounds' load, steal, context switches and
// other processes' share of CPU time, and warns when any round ran on a
// busy machine.
func machineSummary(ms []Machine, bad int) string {
	lo, hi := math.Inf(1), 0.0
	steal, cLo, cHi := 0.0, math.Inf(1), 0.0
	others, withOthers := 0.0, 0
	busy, worst, worstScore := 0, "", -1.0
	for _, r := range ms {
		lo, hi = min(lo, r.LoadStart, r.LoadEnd), max(hi, r.LoadStart, r.LoadEnd)
		steal, cLo, cHi = max(steal, r.StealPct), min(cLo, r.CtxtPerS), max(cHi, r.CtxtPerS)
		score := max(r.LoadStart, r.LoadEnd) + r.StealPct
		if r.HasOthers {
			others, withOthers = max(others, r.OthersPct), withOthers+1
			score = r.OthersPct + r.StealPct
		}
		if why := r.Busy(); why != "" {
			busy++
			if score > worstScore {
				worst, worstScore = why, score
			}
		}
	}
	cpus := ms[0].CPUs
	text := fmt.Sprintf("Machine state over the %d rounds (the framebench-machine lines of the raw output): "+
		"1-minute load %.2f–%.2f on %d CPUs, CPU steal at most %.1f %%, %.0f–%.0f context switches per second",
		len(ms), lo, hi, cpus, steal, cLo, cHi)
	switch withOthers {
	case len(ms):
		text += fmt.Sprintf(", other processes at most %.1f %% of the CPUs' time.", others)
	case 0:
		text += "."
	default:
		text += fmt.Sprintf(", other processes at most %.1f %% of the CPUs' time in the %d rounds that record it.", others, withOthers)
	}
	if bad > 0 {
		text += fmt.Sprintf(" %d malformed framebench-machine lines were ignored.", bad)
	}
	if busy == 0 {
		return text
	}
	rule := fmt.Sprintf("other processes above %g %% of the CPUs' time, or CPU steal above %g %%", BusyOthersPct, BusyStealPct)
	cause := "other work competed with the benchmarks, so these numbers are noisier, and may be slower, than a quiet machine's"
	switch withOthers {
	case len(ms):
	case 0:
		rule = fmt.Sprintf("1-minute load above the number of CPUs, or CPU steal above %g %%; this raw output does not record other processes' CPU time", BusyStealPct)
	default:
		rule = fmt.Sprintf("where the line records it, other processes above %g %% of the CPUs' time; elsewhere a 1-minute load above the number of CPUs; or CPU steal above %g %%", BusyOthersPct, BusyStealPct)
	}
	if withOthers < len(ms) {
		cause = "other work may have competed with the benchmarks (the load counts the benchmark's own threads too, so it can pass the number of CPUs on its own), so these numbers may be noisier, and slower, than a quiet machine's"
	}
	return text + fmt.Sprintf("\n\n**Warning: the machine was busy** in %d of %d rounds (%s; worst: %s): %s. "+
		"Rerun on a quiet machine before relying on a small difference.", busy, len(ms), rule, worst, cause)
}
