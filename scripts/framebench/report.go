package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"framebench/report"
)

// reportFlags are the flags of framebench report, in benchstat's syntax.
type reportFlags struct {
	table, row, col, filter, faults string
	readme                          string
	clean                           bool
	output                          *output
}

const reportAbout = `Summarizes and compares go test -bench output with benchstat's
statistics: medians, 95 % confidence intervals, Mann-Whitney U tests
against the first column, a geomean row. "-" reads standard input. With
-out DIR it writes the report of a run (README.md and charts) into DIR
instead, or of an A/A calibration's raw file the README calibrate
writes; with -clean it rewrites each FILE in place without the lines
benchstat cannot read.`

func (f *reportFlags) register(fs *flagSet) {
	f.output = fs.outputFlags("", "text", "markdown", "csv", formatJSON)
	fs.StringVar(&f.output.out, "out", "", "write the run report (README.md and charts) into `dir` instead of printing tables")
	fs.StringVar(&f.output.out, "o", "", "the same as -out, its old `name` (the committed run reports cite it)")
	fs.StringVar(&f.table, "table", "", "split results into tables by `projection` (default \""+report.DefaultTable+"\")")
	fs.StringVar(&f.row, "row", "", "split tables into rows by `projection` (default \""+report.DefaultRow+"\"; \""+report.DefaultRowFiles+"\" with several files)")
	fs.StringVar(&f.col, "col", "", "compare columns by `projection` (default \""+report.DefaultCol+"\"; \""+report.DefaultColFiles+"\" with several files)")
	fs.StringVar(&f.filter, "filter", "", "use only results matching benchstat `query`, e.g. \"/codec:raw .unit:B/s\"")
	fs.StringVar(&f.faults, "faults", "", "with -out, the fault campaign's CSV `file` for the guide's integrity rows (default: faults.csv beside the -out directory, e.g. results/faults.csv for results/RUN; \"-\" for none)")
	fs.StringVar(&f.readme, "readme", "", "regenerate, in the markdown `file` given (README.md), every region between <!-- framebench:headline RAW... --> and <!-- /framebench:headline --> from the raw files it names (relative to the file, read together), and take no FILE arguments")
	fs.BoolVar(&f.clean, "clean", false, "rewrite each FILE in place without go test's result lines of 0 iterations (NaN ns/op), which benchstat cannot read, and print nothing else")
}

// runReport is framebench report: tables from go test -bench output.
func runReport(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("report", "[label=]FILE...", reportAbout)
	var f reportFlags
	f.register(fs)
	if err := fs.parse(stdout, args, 0, -1); err != nil {
		return err
	}
	if f.readme != "" {
		if fs.NArg() > 0 || f.output.out != "" || f.clean {
			return fs.errorf("-readme takes no FILE, -out or -clean: the regions name their raw files")
		}
		return regenerateReadme(stderr, f.readme)
	}
	if fs.NArg() == 0 {
		return fs.errorf("no input file")
	}
	if err := f.output.check(fs); err != nil {
		return err
	}
	if f.clean {
		if f.output.out != "" {
			return fs.errorf("-clean and -out: give one of them")
		}
		return cleanFiles(stderr, fs.Args())
	}
	set, err := report.Load(fs.Args(), os.Stdin)
	if err != nil {
		return err
	}
	if f.output.out != "" {
		return writeRunReport(stderr, set, f.output.out, f.faults, fs.Args())
	}
	ts, err := set.Tables(report.Options{Table: f.table, Row: f.row, Col: f.col, Filter: f.filter})
	if err != nil {
		return fs.errorf("%v", err) // a projection or filter flag is wrong
	}
	switch f.output.format {
	case "markdown":
		return ts.Markdown(stdout)
	case "csv":
		return ts.CSV(stdout, stderr)
	case formatJSON:
		return ts.JSON(stdout, set.Inputs)
	}
	return ts.Text(stdout)
}

// writeRunReport writes the report of a run into dir, linking the raw
// file when there is exactly one.
func writeRunReport(stderr io.Writer, set *report.Set, dir, faults string, args []string) error {
	o := report.RunOptions{Dir: dir, Title: filepath.Base(filepath.Clean(dir)), Faults: faults}
	if len(args) == 1 {
		path := args[0]
		if i := strings.Index(path, "="); i >= 0 {
			path = path[i+1:]
		}
		if rel, err := relTo(dir, path); err == nil {
			o.Raw = filepath.ToSlash(rel)
		}
	}
	if o.Raw != "" && isCalibration(set) {
		a, err := report.AnalyzeAA(filepath.Join(dir, o.Raw))
		if err != nil {
			return err
		}
		if err := report.WriteAA(a, o); err != nil {
			return err
		}
	} else if err := report.WriteRun(set, o); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "framebench: wrote %s\n", filepath.Join(dir, "README.md"))
	return nil
}

// isCalibration reports whether set is an A/A calibration's raw file
// (framebench calibrate): results under both "copy: a" and "copy: b".
// report -out renders it as calibrate does, so that a change to that
// README regenerates it from the raw file like any run's.
func isCalibration(set *report.Set) bool {
	seen := map[string]bool{}
	for _, r := range set.Results {
		seen[r.GetConfig("copy")] = true
	}
	return seen["a"] && seen["b"]
}

// relTo returns path relative to dir, both made absolute first.
func relTo(dir, path string) (string, error) {
	ad, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	ap, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.Rel(ad, ap)
}
