package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// goCommand is the go command that builds the bench test binary; tests
// replace it with a fake that starts children of its own.
var goCommand = "go"

// inGroup makes cmd the leader of a process group of its own, so that
// stopping it stops every process it started: go test -c starts compilers
// and a linker, the bench binary its proc transport's peers. When ctx is
// done the whole group gets SIGINT, as a terminal's Ctrl-C would send it
// to a foreground group, and after grace the leader gets SIGKILL;
// killGroup then kills whatever the group still holds. The group also
// keeps a Ctrl-C typed at the terminal from reaching the children
// directly: run decides when they stop, and waits for them.
func inGroup(cmd *exec.Cmd, grace time.Duration) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return unix.Kill(-cmd.Process.Pid, unix.SIGINT) }
	cmd.WaitDelay = grace
}

// killGroup kills every process left in cmd's group once cmd has been
// waited for. The group's id cannot be reused while any member lives.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		unix.Kill(-cmd.Process.Pid, unix.SIGKILL)
	}
}

// tempEnv is the environment of a child whose temporary files must live
// in tmp, which run removes on every way out: the go command's work
// directory (GOTMPDIR) and the bench binary's files (TMPDIR).
func tempEnv(tmp string) []string {
	return append(os.Environ(), "TMPDIR="+tmp, "GOTMPDIR="+tmp)
}

// build compiles the bench test binary into dir, once per run, in a
// process group of its own (see inGroup) with its temporary files in dir.
func build(ctx context.Context, root, dir string) (string, error) {
	bin, err := filepath.Abs(filepath.Join(dir, "bench.test"))
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, goCommand, "test", "-c", "-o", bin, "./bench")
	cmd.Dir = root
	cmd.Env = tempEnv(dir)
	inGroup(cmd, 5*time.Second)
	out, err := cmd.CombinedOutput()
	killGroup(cmd)
	if err != nil {
		return "", fmt.Errorf("go test -c ./bench: %v\n%s", err, out)
	}
	return bin, nil
}

// moduleRoot returns the directory of the main module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run: not inside the framebench module (go env GOMOD is empty)")
	}
	return filepath.Dir(gomod), nil
}

// newRunDir returns out/<date>-<preset>, or with -2, -3… if that exists.
func newRunDir(out, presetName string, now time.Time) (string, error) {
	base := filepath.Join(out, now.Format("2006-01-02")+"-"+presetName)
	dir := base
	for i := 2; ; i++ {
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			return dir, nil
		} else if err != nil {
			return "", err
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}
