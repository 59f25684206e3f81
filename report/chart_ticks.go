package report

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// logTicks marks a log axis so that it can be read wherever the data
// falls: plot.LogTicks labels only powers of ten, which leaves a range
// within one decade without a single number. Over at most two decades it
// labels 1, 2 and 5 of each decade; over at most four, 1 and 3; beyond,
// the powers of ten. Every other integer multiple is a minor tick, also
// labelled when that leaves fewer than three labels.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi >= lo) || math.IsInf(hi, 0) {
		return nil // no data, or not a log range: no ticks rather than a panic
	}
	labelled := []int{1}
	switch decades := math.Log10(hi / lo); {
	case decades <= 2:
		labelled = []int{1, 2, 5}
	case decades <= 4:
		labelled = []int{1, 3}
	}
	var ticks []plot.Tick
	for p := math.Floor(math.Log10(lo)); p <= math.Ceil(math.Log10(hi)) && len(ticks) < 400; p++ {
		base := math.Pow(10, p)
		for i := 1; i < 10; i++ {
			v := base * float64(i)
			if v < lo*0.999 || v > hi*1.001 {
				continue
			}
			t := plot.Tick{Value: v}
			for _, l := range labelled {
				if i == l {
					t.Label = tickLabel(v)
				}
			}
			ticks = append(ticks, t)
		}
	}
	if labels(ticks) < 3 { // a short range: number every tick
		for i := range ticks {
			ticks[i].Label = tickLabel(ticks[i].Value)
		}
	}
	return ticks
}

func labels(ticks []plot.Tick) int {
	n := 0
	for _, t := range ticks {
		if t.Label != "" {
			n++
		}
	}
	return n
}

// tickLabel formats a tick value without exponent where it is short
// (0.3, 2, 20000) and without the rounding noise of base × i.
func tickLabel(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// fracTicks marks a linear axis of fractions from 0: a labelled tick
// every 0.2 (every 0.5 past 2.5) and a minor one between.
type fracTicks struct{}

func (fracTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 0.1
	if hi-lo > 2.5 {
		step = 0.25
	}
	if !(hi > lo) || math.IsInf(hi-lo, 0) || (hi-lo)/step > 400 {
		return nil
	}
	var ticks []plot.Tick
	for i := math.Ceil(lo / step); i*step <= hi+1e-9; i++ {
		t := plot.Tick{Value: math.Round(i*step*100) / 100}
		if int(i)%2 == 0 {
			t.Label = strconv.FormatFloat(math.Round(i*step*100)/100, 'f', -1, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}
