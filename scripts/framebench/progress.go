package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"framebench/bench"
)

// progress shows on stderr the samples measured of all the run's, the
// cells done, the slice and round running, the time elapsed and an
// estimate of the time left, in all and in the running slice: one
// rewritten line on a terminal, moving with every sample, else a line
// every 15 seconds. Samples weigh their cell's size and -benchtime, since
// a 16 MiB sample takes many times longer than a 16 B one.
type progress struct {
	w              io.Writer
	tty            bool
	slices         []slice
	weight         map[string]float64 // one sample's, by slice and cell name
	cells          []int
	sliceW, doneSW []float64 // each slice's weight in all, and done
	total, doneW   float64
	samples, allS  int // samples measured (or given up on), and in all
	done, allCells int
	cur            int
	round, rounds  int
	got            map[string]int // samples seen per cell, by slice and name
	begin, last    time.Time
}

func newProgress(w io.Writer, slices []slice, cells [][]bench.Cell) *progress {
	p := &progress{w: w, slices: slices, weight: map[string]float64{}, got: map[string]int{}, begin: time.Now(),
		sliceW: make([]float64, len(slices)), doneSW: make([]float64, len(slices))}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	for i, cs := range cells {
		p.cells = append(p.cells, len(cs))
		p.allCells += len(cs)
		p.allS += len(cs) * slices[i].Count
		for _, c := range cs {
			wt := (1 + float64(c.Size)/(2<<20)) * timeScale(slices[i].Benchtime)
			p.weight[fmt.Sprint(i, c.Name())] = wt
			p.sliceW[i] += wt * float64(slices[i].Count)
		}
		p.total += p.sliceW[i]
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

// start shows that round k of n of slice i runs next.
func (p *progress) start(i, k, n int) {
	if p.samples == 0 && p.doneW == 0 {
		p.begin = time.Now() // after the build
	}
	p.cur, p.round, p.rounds = i, k, n
	p.show(true)
}

// line counts each result line as one sample of its cell, and a SKIP or
// FAIL line as all the cell's samples (a cell that skips does so in
// every round); a cell is done when it has all its samples.
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

// results records n more samples of the named cell, at most the slice's count.
func (p *progress) results(name string, n int) {
	key := fmt.Sprint(p.cur, name)
	wt, ok := p.weight[key]
	count := p.slices[p.cur].Count
	if !ok || p.got[key] >= count {
		return // a parent benchmark's line, or a cell already done
	}
	n = min(n, count-p.got[key])
	p.got[key] += n
	p.samples += n
	p.doneW += wt * float64(n)
	p.doneSW[p.cur] += wt * float64(n)
	if p.got[key] == count {
		p.done++
	}
	p.show(false)
}

// estimate is the time left to measure weight w, at the rate so far.
func (p *progress) estimate(elapsed time.Duration, w float64) string {
	if p.doneW == 0 {
		return "estimating"
	}
	return "about " + time.Duration(float64(elapsed)*w/p.doneW).Round(time.Second).String()
}

func (p *progress) show(force bool) {
	now := time.Now()
	if !p.tty && !force && now.Sub(p.last) < 15*time.Second {
		return
	}
	p.last = now
	elapsed := now.Sub(p.begin).Round(time.Second)
	s := p.slices[p.cur]
	left := p.estimate(elapsed, p.total-p.doneW) + " left"
	if p.doneW > 0 {
		left += fmt.Sprintf(", %s of it in %s", p.estimate(elapsed, p.sliceW[p.cur]-p.doneSW[p.cur]), s.Name)
	}
	msg := fmt.Sprintf("framebench: [%d/%d %s, round %d/%d] samples %d/%d · cells %d/%d done · %s elapsed · %s",
		p.cur+1, len(p.slices), s.Name, p.round, p.rounds, p.samples, p.allS, p.done, p.allCells, elapsed, left)
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
	fmt.Fprintf(p.w, "framebench: %d samples of %d cells in %s\n", p.samples, p.done, time.Since(p.begin).Round(time.Second))
}
