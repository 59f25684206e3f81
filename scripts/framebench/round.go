package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// runRound runs round rd of slice s: its label and marker line, the bench
// binary's output (complete lines only) and, where /proc can be read, the
// machine's state over the round, all copied to raw; the output also
// feeds the progress display.
func (r *runner) runRound(ctx context.Context, s slice, rd round, raw io.Writer) error {
	if l, ok := r.labels[s.Name]; ok {
		if _, err := fmt.Fprintln(raw, l); err != nil {
			return fmt.Errorf("saving the output: %w", err)
		}
	}
	if _, err := fmt.Fprintln(raw, rd.marker(s)); err != nil {
		return fmt.Errorf("saving the output: %w", err)
	}
	var before snapshot
	if r.proc != "" {
		before = takeSnapshot(r.proc)
	}
	own, err := r.runBench(ctx, s, rd.seed, raw)
	if r.proc != "" && ctx.Err() == nil {
		if after := takeSnapshot(r.proc); before.ok && after.ok {
			m := between(before, after)
			m.Slice, m.Round = s.Name, rd.k
			if own >= 0 {
				m.OthersPct, m.HasOthers = othersPct(before, after, own), true
			}
			if _, werr := fmt.Fprintln(raw, m.String()); werr != nil && err == nil {
				err = fmt.Errorf("saving the output: %w", werr)
			}
		}
	}
	return err
}

// runBench runs the bench binary once for slice s, in a process group of
// its own (see inGroup) with its temporary files in the run's, and returns
// the CPU time it used (user and system, with the children it waited
// for), or -1 if it did not finish.
func (r *runner) runBench(ctx context.Context, s slice, seed uint64, raw io.Writer) (own time.Duration, err error) {
	own = -1
	args := s.args(r.profile, seed)
	if r.writePolicy != "" {
		args = append(args, "-framebench.writepolicy", r.writePolicy)
	}
	cmd := exec.CommandContext(ctx, r.binary, args...)
	cmd.Dir = filepath.Join(r.root, "bench")
	cmd.Env = tempEnv(r.tmp)
	inGroup(cmd, 10*time.Second)
	defer killGroup(cmd)
	cmd.Stderr = r.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return own, err
	}
	if err := cmd.Start(); err != nil {
		return own, err
	}
	br := bufio.NewReader(out)
	exit := newBenchExit()
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			break // a line cut short by an interrupt never reaches raw
		}
		if _, err := io.WriteString(raw, line); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return own, fmt.Errorf("saving the output: %w", err)
		}
		r.progress.line(strings.TrimRight(line, "\r\n"))
		exit.line(strings.TrimRight(line, "\r\n"))
	}
	werr := cmd.Wait()
	if ps := cmd.ProcessState; ps != nil {
		own = ps.UserTime() + ps.SystemTime()
	}
	return own, exit.check(werr) // cells broken by design are no failure
}
