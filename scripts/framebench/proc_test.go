package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startFakeChild starts this test binary again as fakeChild, as go test
// -c starts a compiler or the bench binary a proc transport peer.
func startFakeChild(pidFile string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "FRAMEBENCH_FAKE_CHILD="+pidFile, "FRAMEBENCH_FAKE_GO=", "FRAMEBENCH_FAKE_BENCH=")
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	return cmd
}

// fakeChild leaves what a compiler leaves when killed mid-build: a
// directory in $GOTMPDIR (or $TMPDIR, as go uses them), and itself,
// running for a minute. It records its pid in pidFile once both exist.
func fakeChild(pidFile string) {
	dir := os.Getenv("GOTMPDIR")
	if dir == "" {
		dir = os.TempDir()
	}
	if _, err := os.MkdirTemp(dir, "go-build"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f, err := os.OpenFile(pidFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o666)
	if err == nil {
		fmt.Fprintln(f, os.Getpid())
		f.Close()
	}
	time.Sleep(time.Minute)
	os.Exit(0)
}

// emptyTMPDIR points TMPDIR at a new empty directory and returns it.
func emptyTMPDIR(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "tmp")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", dir)
	return dir
}

// pids returns the processes recorded in pidFile.
func pids(pidFile string) []int {
	data, _ := os.ReadFile(pidFile)
	var ps []int
	for _, f := range strings.Fields(string(data)) {
		if pid, err := strconv.Atoi(f); err == nil {
			ps = append(ps, pid)
		}
	}
	return ps
}

// waitPids waits until pidFile names a process, and returns them.
func waitPids(t *testing.T, pidFile string) []int {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ps := pids(pidFile); len(ps) > 0 {
			return ps
		}
	}
	t.Fatalf("no child recorded its pid in %s", pidFile)
	return nil
}

// alive reports whether pid is a process that has not exited (a zombie
// has exited).
func alive(pid int) bool {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	_, rest, _ := bytes.Cut(data, []byte(") "))
	return len(rest) > 0 && rest[0] != 'Z'
}

// checkNothingLeft checks that every child named in pidFile has exited
// (allowing a second for the signal to land) and that tmp is empty.
func checkNothingLeft(t *testing.T, pidFile, tmp string) {
	t.Helper()
	for _, pid := range waitPids(t, pidFile) {
		deadline := time.Now().Add(time.Second)
		for alive(pid) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if alive(pid) {
			t.Errorf("child %d still runs after the interrupt", pid)
			exec.Command("kill", "-9", strconv.Itoa(pid)).Run()
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left in %s: %s", tmp, left[0].Name())
	}
}

// TestBuildInterrupted interrupts a run during its build, as Ctrl-C does:
// the go command's children (here a fake compiler) must be gone and so
// must every temporary file. Before the build ran in a process group of
// its own with its temporary files in the run's, the compiler survived,
// orphaned, beside its work directory in $TMPDIR.
func TestBuildInterrupted(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pids")
	t.Setenv("FRAMEBENCH_FAKE_GO", pidFile)
	tmp := emptyTMPDIR(t)
	defer func(old string) { goCommand = old }(goCommand)
	goCommand = os.Args[0]
	var stderr bytes.Buffer
	r, ss := fakeRunner(t, &stderr)
	r.binary = "" // build it
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // Ctrl-C once the fake compiler runs
		for len(pids(pidFile)) == 0 && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	err := r.run(ctx, new(bytes.Buffer), "quick", ss)
	if err == nil || err.Error() != "interrupted" {
		t.Fatalf("run = %v, want interrupted\n%s", err, stderr.String())
	}
	checkNothingLeft(t, pidFile, tmp)
	if _, err := os.Stat(r.dir); err == nil {
		t.Errorf("a run interrupted during its build created %s", r.dir)
	}
}
