package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// measureWritePolicy runs the bench binary once, before the first round,
// to measure the header writers' write policy (bench.MeasureWritePolicy:
// which of writev, copy, split and chunk is fastest here per transport
// and size), and returns the configuration lines it printed and the
// policy. run writes the lines into raw.txt's header and gives the policy
// to every round (-framebench.writepolicy), so that all rounds take the
// same write paths: measured in each round, a close call could flip
// between rounds, and the rounds' differing configuration lines would
// split benchstat's tables.
func (r *runner) measureWritePolicy(ctx context.Context) (lines []string, policy string, err error) {
	cmd := exec.CommandContext(ctx, r.binary, "-test.run", "^$", "-test.bench", "^$", "-framebench.writepolicy", "measure")
	cmd.Dir = filepath.Join(r.root, "bench")
	cmd.Env = tempEnv(r.tmp)
	inGroup(cmd, 10*time.Second)
	defer killGroup(cmd)
	out, err := cmd.Output()
	if err != nil {
		return nil, "", fmt.Errorf("measuring the write policy: %w", err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "writepolicy") {
			continue
		}
		lines = append(lines, line)
		if v, ok := strings.CutPrefix(line, "writepolicy: "); ok {
			policy = v
		}
	}
	return lines, policy, nil
}
