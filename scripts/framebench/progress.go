package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"framebench/bench"
)

// progress shows cells done of total, elapsed time and an estimate of the
// time left on stderr: one rewritten line on a terminal, else a line every
// 15 seconds. Cells weigh their count, size and -benchtime, since a 16 MiB
// cell takes many times longer than a 16 B one.
type progress struct {
	w              io.Writer
	tty            bool
	slices         []slice
	weight         map[string]float64 // by cell name, per slice
	cells          []int
	total, doneW   float64
	done, allCells int
	cur            int
	got            map[string]int // results seen per cell, by slice and name
	begin, last    time.Time
}

func newProgress(w io.Writer, slices []slice, cells [][]bench.Cell) *progress {
	p := &progress{w: w, slices: slices, weight: map[string]float64{}, got: map[string]int{}, begin: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	for i, cs := range cells {
		p.cells = append(p.cells, len(cs))
		p.allCells += len(cs)
		for _, c := range cs {
			wt := float64(slices[i].Count) * (1 + float64(c.Size)/(2<<20)) * timeScale(slices[i].Benchtime)
			p.weight[fmt.Sprint(i, c.Name())] = wt
			p.total += wt
		}
	}
	return p
}

// timeScale weighs a slice's cells by their -benchtime: 1 at 20ms, 3 at
// 100ms (a cell also costs its set-up and calibration), 1 for a count (Nx).
func timeScale(benchtime string) float64 {
	d, err := time.ParseDuration(benchtime)
	if err != nil {
		return 1
	}
	return 0.5 + float64(d)/float64(40*time.Millisecond)
}

// start shows that slice i runs next; calibrate's interleaved copies
// start each slice once per round.
func (p *progress) start(i int) {
	if p.done == 0 && p.doneW == 0 {
		p.begin = time.Now() // after the build
	}
	p.cur = i
	p.show(true)
}

// line counts each result of a cell towards the estimate, and the cell
// done when it has printed count results, or a SKIP or FAIL line (a cell
// that skips does so in every round).
func (p *progress) line(s string) {
	name, rest, _ := strings.Cut(s, "\t")
	switch {
	case strings.HasPrefix(s, "Benchmark") && strings.Contains(rest, "--- FAIL: "):
		// go test without -v: "<name>-2 \t--- FAIL: <name>-2"
		p.results(trimProcs(strings.TrimRight(name, " ")), p.slices[p.cur].Count)
	case strings.HasPrefix(s, "Benchmark") && rest != "":
		p.results(trimProcs(strings.TrimRight(name, " ")), 1)
	case strings.HasPrefix(s, "--- SKIP: ") || strings.HasPrefix(s, "--- FAIL: "):
		// a cell broken after its first run fails as "<name>-2"
		p.results(trimProcs(strings.TrimSpace(s[len("--- SKIP: "):])), p.slices[p.cur].Count)
	}
}

// trimProcs drops a -GOMAXPROCS suffix ("-2") from a benchmark name.
func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 && i < len(name)-1 && strings.Trim(name[i+1:], "0123456789") == "" {
		return name[:i]
	}
	return name
}

// results records n more results of the named cell, at most the slice's count.
func (p *progress) results(name string, n int) {
	key := fmt.Sprint(p.cur, name)
	wt, ok := p.weight[key]
	count := p.slices[p.cur].Count
	if !ok || p.got[key] >= count {
		return // a parent benchmark's line, or a cell already done
	}
	n = min(n, count-p.got[key])
	p.got[key] += n
	p.doneW += wt * float64(n) / float64(count)
	if p.got[key] == count {
		p.done++
	}
	p.show(false)
}

func (p *progress) show(force bool) {
	now := time.Now()
	if !p.tty && !force && now.Sub(p.last) < 15*time.Second {
		return
	}
	p.last = now
	elapsed := now.Sub(p.begin).Round(time.Second)
	eta := "estimating"
	if p.doneW > 0 {
		left := time.Duration(float64(elapsed) * (p.total - p.doneW) / p.doneW)
		eta = "about " + left.Round(time.Second).String() + " left"
	}
	s := p.slices[p.cur]
	msg := fmt.Sprintf("framebench: [%d/%d %s] cells %d/%d · %s elapsed · %s", p.cur+1, len(p.slices), s.Name, p.done, p.allCells, elapsed, eta)
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", msg)
	} else {
		fmt.Fprintln(p.w, msg)
	}
}

// finish ends the progress line.
func (p *progress) finish() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
	fmt.Fprintf(p.w, "framebench: %d cells in %s\n", p.done, time.Since(p.begin).Round(time.Second))
}
