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

// configLines are the raw file's header: where and how the run was made,
// as benchfmt configuration lines, and the unit metadata of the suite.
func configLines(root, presetName string, now time.Time) []string {
	return []string{
		"commit: " + commit(root),
		"go: " + goVersion(),
		"cpu: " + cpuModel(),
		"kernel: " + kernel(),
		"pipe-capacity: " + pipeCapacity(),
		fmt.Sprintf("gomaxprocs: %d", runtime.GOMAXPROCS(0)),
		"preset: " + presetName,
		"date: " + now.UTC().Format(time.RFC3339),
		"Unit wire-bytes/op assume=exact",
	}
}

// commit is the short HEAD commit, with -dirty for uncommitted changes.
func commit(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(st) > 0 {
		c += "-dirty"
	}
	return c
}

func goVersion() string {
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		return strings.TrimSpace(string(out)) + " " + runtime.GOOS + "/" + runtime.GOARCH
	}
	return runtime.Version()
}

// cpuModel is /proc/cpuinfo's model name, untrimmed, exactly as the
// testing package prints it in its own cpu: line.
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
