package report

import "slices"

// latencyFigure charts group g's ping-pong round trips on transport t:
// the benchmark's own p50 and p99 per strategy against size, one panel
// each, so that each panel keeps to maxLines lines.
func (ix *Index) latencyFigure(t string, g chartGroup) (figure, bool) {
	var panels []panel
	for _, q := range []struct{ name, unit string }{{"p50", unitP50}, {"p99", unitP99}} {
		p := panel{Title: q.name + " of single round trips", YLabel: q.name + " round trip (µs, log scale)", LogY: true}
		for _, s := range append(slices.Clone(g.Refs), g.Members...) {
			if l := ix.line("PingPong", t, s, q.unit, 1e6, nil); len(l.Pts) > 0 {
				p.Series = append(p.Series, l)
			}
		}
		if len(p.Series) > 0 {
			panels = append(panels, p)
		}
	}
	if len(panels) == 0 {
		return figure{}, false
	}
	return figure{
		Chart:  Chart{Name: "latency-" + t + "-" + g.Name, Title: "Ping-pong latency on " + t + ": " + g.Title + " (one message each way)", Transport: t, Kind: "latency"},
		Panels: panels,
		Notes:  []string{"Median over runs of each run's percentile; bands: its 95 % confidence interval. Lower is better."},
	}, true
}
