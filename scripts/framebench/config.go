package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// machineLines are the configuration lines that say where and with what
// code a result was made, in benchfmt's "key: value" form: every raw
// file, results file and report header takes them from here.
//
//	commit: 0123456789ab-dirty
//	go: go1.26.8 linux/amd64
//	cpu: AMD EPYC 7B13
//	kernel: Linux 6.18.0 x86_64
//	pipe-capacity: 65536 (max 1048576)
//	gomaxprocs: 2
//
// root is the module's directory, for the commit.
func machineLines(root string) []string {
	return []string{
		"commit: " + commit(root),
		"go: " + goVersion(),
		"cpu: " + cpuModel(),
		"kernel: " + kernel(),
		"pipe-capacity: " + pipeCapacity(),
		fmt.Sprintf("gomaxprocs: %d", runtime.GOMAXPROCS(0)),
	}
}

// configLines are the raw file's header: machineLines, the preset, the
// date and the unit metadata of the suite.
func configLines(root, presetName string, now time.Time) []string {
	return append(machineLines(root),
		"preset: "+presetName,
		"date: "+now.UTC().Format(time.RFC3339),
		"Unit wire-bytes/op assume=exact")
}

// resultHeader returns the configuration lines of a results file (check,
// faults, seed): the command that made it, machineLines, the date and how
// long it took.
func resultHeader(command string, elapsed time.Duration) []string {
	root, _ := os.Getwd()
	if r, err := moduleRoot(); err == nil {
		root = r
	}
	lines := append([]string{"command: " + strings.TrimSpace(command)}, machineLines(root)...)
	return append(lines, "date: "+time.Now().UTC().Format(time.RFC3339), "elapsed: "+elapsed.String())
}

// commit is the short HEAD commit, with -dirty when the checkout differs
// from it: a tracked file changed, or an untracked file that git does not
// ignore exists, outside results/. Untracked files count because a new
// source file changes what is built and measured; results/ does not,
// because the commands write there themselves (a run's own directory is
// new and untracked while it runs). "unknown" outside a git checkout.
func commit(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	st, err := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=normal", "--", ".", ":(exclude)results").Output()
	if err == nil && len(st) > 0 {
		c += "-dirty"
	}
	return c
}

func goVersion() string {
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		return strings.TrimSpace(string(out)) + " " + runtime.GOOS + "/" + runtime.GOARCH
	}
	return runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// cpuModel is /proc/cpuinfo's model name, untrimmed, exactly as the
// testing package prints it in its own cpu: line, so that the line go
// test prints after the header agrees with it.
func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && strings.TrimSpace(k) == "model name" {
			return v
		}
	}
	return "unknown"
}

func kernel() string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return "unknown"
	}
	return unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:]) + " " + unix.ByteSliceToString(u.Machine[:])
}

// pipeCapacity is a fresh os.Pipe's capacity (F_GETPIPE_SZ) and the most
// an unprivileged process may raise it to (/proc/sys/fs/pipe-max-size).
func pipeCapacity() string {
	def := "unknown"
	if r, w, err := os.Pipe(); err == nil {
		if n, err := unix.FcntlInt(r.Fd(), unix.F_GETPIPE_SZ, 0); err == nil {
			def = fmt.Sprint(n)
		}
		r.Close()
		w.Close()
	}
	max := "unknown"
	if data, err := os.ReadFile("/proc/sys/fs/pipe-max-size"); err == nil {
		max = strings.TrimSpace(string(data))
	}
	return def + " (max " + max + ")"
}
