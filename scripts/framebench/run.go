package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"framebench/bench"
	"framebench/report"

	"golang.org/x/sys/unix"
)

// runFlags are the flags of framebench run.
type runFlags struct {
	preset, bench, benchtime, out, profile, remote string
	count                                          int
	raw                                            bool
}

// runRun is framebench run: build the bench test binary once, run the
// preset's slices, save the raw output and render its report.
func runRun(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("run", stderr)
	var f runFlags
	fs.StringVar(&f.preset, "preset", "quick", "run the slices of `preset`: quick, standard, full or speed")
	fs.StringVar(&f.bench, "bench", "", "run only benchmarks matching `regexp` (go test -bench syntax) instead of the preset's slices")
	fs.IntVar(&f.count, "count", 0, "run each benchmark `n` times (default: the preset's)")
	fs.StringVar(&f.benchtime, "benchtime", "", "run each benchmark for `d` (a duration or Nx; default: the preset's)")
	fs.StringVar(&f.out, "out", "results", "write the run into `dir`/<date>-<preset>")
	fs.StringVar(&f.profile, "profile", "", "write CPU and memory profiles of each slice into `dir`")
	fs.BoolVar(&f.raw, "raw", false, "save raw.txt only, without the report: for -bench benchmarks outside the matrix (read them with go tool benchstat)")
	fs.StringVar(&f.remote, "remote", "", "run the stream and ping-pong cells against a `host:port` running \"framebench peer serve\"")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: framebench run [flags]\n\nRuns the benchmarks of a preset, saves raw.txt and writes its report.\n\npresets:\n")
		for _, p := range presets {
			fmt.Fprintf(fs.Output(), "  %-9s %s\n", p.Name, p.Doc)
		}
		fmt.Fprintln(fs.Output())
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	p, slices, err := plan(f)
	if err != nil {
		return err
	}
	if f.remote != "" {
		// The test binary inherits the variable and registers the transport;
		// this process registers it too, to count the cells.
		os.Setenv(bench.RemoteEnv, f.remote)
		bench.AddRemote(f.remote)
	}
	cells, err := sliceCells(slices, f.raw)
	if err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir, err := newRunDir(f.out, p.Name, time.Now())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r := &runner{root: root, dir: dir, profile: f.profile, rawOnly: f.raw, config: f.overrides(), stderr: stderr, progress: newProgress(stderr, slices, cells)}
	return r.run(ctx, stdout, p.Name, slices)
}

// runner executes the slices of one run.
type runner struct {
	root, dir, profile string
	rawOnly            bool     // -raw: no report
	config             []string // extra configuration lines
	stderr             io.Writer
	progress           *progress
	binary             string // set by build; tests set it to a fake
}

func (r *runner) run(ctx context.Context, stdout io.Writer, presetName string, slices []slice) error {
	if r.profile != "" {
		abs, err := filepath.Abs(r.profile)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(abs, 0o777); err != nil {
			return err
		}
		r.profile = abs
	}
	if r.binary == "" {
		tmp, err := os.MkdirTemp("", "framebench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		fmt.Fprintln(r.stderr, "framebench: building the bench test binary")
		if r.binary, err = build(ctx, r.root, tmp); err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted")
			}
			return err
		}
	}
	if err := os.MkdirAll(r.dir, 0o777); err != nil {
		return err
	}
	rawPath := filepath.Join(r.dir, "raw.txt")
	raw, err := os.Create(rawPath)
	if err != nil {
		return err
	}
	defer raw.Close()
	for _, line := range append(configLines(r.root, presetName, time.Now()), r.config...) {
		fmt.Fprintln(raw, line)
	}
	var failed []string
	for i, s := range slices {
		err := r.runSlice(ctx, i, s, raw)
		if ctx.Err() != nil {
			raw.Close()
			fmt.Fprintf(r.stderr, "\nframebench: interrupted; the raw output so far is in %s\n", rawPath)
			return errors.New("interrupted")
		}
		if err != nil {
			fmt.Fprintf(r.stderr, "\nframebench: slice %s: %v\n", s.Name, err)
			failed = append(failed, s.Name)
		}
	}
	r.progress.finish()
	if err := raw.Close(); err != nil {
		return err
	}
	if r.rawOnly {
		fmt.Fprintf(r.stderr, "framebench: wrote %s (read it with go tool benchstat)\n", rawPath)
		return failedErr(failed, rawPath)
	}
	set, err := report.Load([]string{rawPath}, nil)
	if err != nil {
		return err
	}
	if err := report.WriteRun(set, report.RunOptions{Dir: r.dir, Title: filepath.Base(r.dir), Raw: "raw.txt"}); err != nil {
		return err
	}
	if err := report.Headline(stdout, set); err != nil {
		return err
	}
	fmt.Fprintf(r.stderr, "framebench: wrote %s and %s\n", rawPath, filepath.Join(r.dir, "README.md"))
	return failedErr(failed, rawPath)
}

// failedErr names the slices that failed, if any.
func failedErr(failed []string, rawPath string) error {
	if len(failed) > 0 {
		return fmt.Errorf("slices failed: %s (see %s)", strings.Join(failed, ", "), rawPath)
	}
	return nil
}

// runSlice runs one slice in rounds (see slice.rounds), copying complete
// lines of the output to raw and feeding them to the progress display.
func (r *runner) runSlice(ctx context.Context, i int, s slice, raw io.Writer) error {
	r.progress.start(i)
	runs, _ := s.rounds(r.profile)
	for range runs {
		if err := r.runOnce(ctx, s, raw); err != nil || ctx.Err() != nil {
			return err
		}
	}
	return nil
}

// runOnce runs the test binary once for slice s.
func (r *runner) runOnce(ctx context.Context, s slice, raw io.Writer) error {
	cmd := exec.CommandContext(ctx, r.binary, s.args(r.profile)...)
	cmd.Dir = filepath.Join(r.root, "bench")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Stderr = r.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
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
			return fmt.Errorf("saving the output: %w", err)
		}
		r.progress.line(strings.TrimRight(line, "\r\n"))
		exit.line(strings.TrimRight(line, "\r\n"))
	}
	return exit.check(cmd.Wait()) // cells broken by design are no failure
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

// build compiles the bench test binary into dir, once per run.
func build(ctx context.Context, root, dir string) (string, error) {
	bin, err := filepath.Abs(filepath.Join(dir, "bench.test"))
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, "./bench")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go test -c ./bench: %v\n%s", err, out)
	}
	return bin, nil
}

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
