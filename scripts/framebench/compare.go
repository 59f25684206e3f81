package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"framebench/report"
)

const compareAbout = `The regression gate. For every benchmark both files measured, it runs
the Mann-Whitney U test of OLD against NEW (benchstat's statistics), and
decides all of them together by Benjamini–Hochberg at a false-discovery
rate of -fdr (0.05). Each test at α = 0.05 would flag about one cell in
twenty that did not change, and a gate of hundreds of cells would fail
every run; decided together, a run in which nothing changed has a
flagged cell with probability at most about 0.05, whatever its number of
cells, and the threshold lets some of those pass. A cell fails
when it is significantly worse and worse by more than -threshold, as a
fraction of time: for a rate (B/s) that is OLD/NEW − 1, so 5 % means 5 %
slower whichever metric is compared. A cell that OLD measured and NEW
reports as broken fails too. The command lists the failing cells and
exits 1; otherwise 0. Files from different machines (cpu, kernel, go,
gomaxprocs or pipe-capacity lines differ) are compared with a loud
warning. With few samples and many cells no lone regression can be
flagged: the output says so.`

// runCompare is framebench compare OLD NEW.
func runCompare(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("compare", "OLD NEW", compareAbout)
	o := fs.outputFlags("", "text", "markdown", formatJSON)
	fs.StringVar(&o.out, "out", "", "also write `dir`/compare.md and dir/compare.json")
	threshold := fs.String("threshold", "5%", "fail on cells worse by more than `percent` of time")
	fdr := fs.Float64("fdr", report.FDR, "decide the tests by Benjamini–Hochberg at false-discovery `rate` q (0 < q < 1)")
	filter := fs.String("filter", "", "compare only the results matching benchstat `query`, e.g. \"/transport:pipe\"")
	metric := fs.String("metric", "", "compare `unit` (sec/op or ns/op, B/s or MB/s, B/op, allocs/op, …; default: B/s where a cell reports it, else sec/op)")
	if err := fs.parse(stdout, args, 2, 2); err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	th, err := parsePercent(*threshold)
	if err != nil {
		return fs.errorf("-threshold %q: %v", *threshold, err)
	}
	if !(*fdr > 0 && *fdr < 1) {
		return fs.errorf("-fdr %v: want a rate between 0 and 1", *fdr)
	}
	if strings.ContainsAny(*metric, " \t") {
		return fs.errorf("-metric %q: want one unit", *metric)
	}
	var sets [2]*report.Set
	for i, arg := range fs.Args() {
		if sets[i], err = report.Load([]string{arg}, os.Stdin); err != nil {
			return err
		}
	}
	g, err := report.Compare(sets[0], sets[1], report.GateOptions{Metric: *metric, Threshold: th, Filter: *filter, FDR: *fdr})
	if err != nil {
		return fs.errorf("%v", err)
	}
	if len(g.Cells) == 0 {
		return fmt.Errorf("compare: %s and %s have no benchmark in common with metric %s", fs.Arg(0), fs.Arg(1), orAuto(*metric))
	}
	if len(g.Machines) > 0 {
		fmt.Fprintf(stderr, "framebench: WARNING: OLD and NEW come from different machines (%s): a difference may be the machine's\n", strings.Join(g.Machines, "; "))
	}
	switch o.format {
	case "markdown":
		err = g.Markdown(stdout)
	case formatJSON:
		err = g.JSON(stdout)
	default:
		err = g.Text(stdout)
	}
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := os.MkdirAll(o.out, 0o777); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(o.out, "compare.md"), g.Markdown); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(o.out, "compare.json"), g.JSON); err != nil {
			return err
		}
	}
	if !g.Pass() {
		var names []string
		for _, c := range g.Regressions() {
			names = append(names, c.Name)
		}
		names = append(names, g.Broke...)
		more := ""
		if len(names) > 3 {
			names, more = names[:3], fmt.Sprintf(" and %d more", len(names)-3)
		}
		return fmt.Errorf("compare: %d of %d cells fail the gate: %s%s", len(g.Regressions())+len(g.Broke), len(g.Cells), strings.Join(names, ", "), more)
	}
	return nil
}

// parsePercent reads "5%", "5" (both 5 %) or "0.5%", from 0 to 1000 %.
func parsePercent(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil || !(v >= 0 && v <= 1000) {
		return 0, fmt.Errorf("want a percentage from 0 to 1000, such as 5%%")
	}
	return v / 100, nil
}

func orAuto(metric string) string {
	if metric == "" {
		return "B/s or sec/op"
	}
	return metric
}
