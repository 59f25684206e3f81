package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"framebench/report"
)

// reportFlags are the flags of framebench report, in benchstat's syntax.
type reportFlags struct {
	format, table, row, col, filter, out, faults string
	clean                                        bool
}

func (f *reportFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "print tables as `format`: text, markdown or csv (benchstat's csv layout)")
	fs.StringVar(&f.table, "table", "", "split results into tables by `projection` (default \""+report.DefaultTable+"\")")
	fs.StringVar(&f.row, "row", "", "split tables into rows by `projection` (default \""+report.DefaultRow+"\"; \""+report.DefaultRowFiles+"\" with several files)")
	fs.StringVar(&f.col, "col", "", "compare columns by `projection` (default \""+report.DefaultCol+"\"; \""+report.DefaultColFiles+"\" with several files)")
	fs.StringVar(&f.filter, "filter", "", "use only results matching benchstat `query`, e.g. \"/codec:raw .unit:B/s\"")
	fs.StringVar(&f.out, "o", "", "write the run report (README.md and charts) into `dir` instead of printing tables")
	fs.StringVar(&f.faults, "faults", "", "with -o, the fault campaign's CSV `file` for the guide's integrity rows (default: faults.csv beside the -o directory, e.g. results/faults.csv for results/RUN; \"-\" for none)")
	fs.BoolVar(&f.clean, "clean", false, "rewrite each FILE in place without go test's result lines of 0 iterations (NaN ns/op), which benchstat cannot read, and print nothing else")
}

// runReport is framebench report: tables from go test -bench output.
func runReport(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("report", stderr)
	var f reportFlags
	f.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: framebench report [flags] [label=]FILE...\n\n"+
			"Summarizes and compares go test -bench output with benchstat's statistics.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	render, err := renderer(f.format)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"report: no input files"}
	}
	if f.clean {
		if f.out != "" {
			return usageError{"report: -clean and -o: give one of them"}
		}
		return cleanFiles(stderr, fs.Args())
	}
	set, err := report.Load(fs.Args(), os.Stdin)
	if err != nil {
		return err
	}
	if f.out != "" {
		return writeRunReport(stderr, set, f.out, f.faults, fs.Args())
	}
	ts, err := set.Tables(report.Options{Table: f.table, Row: f.row, Col: f.col, Filter: f.filter})
	if err != nil {
		return usageError{err.Error()} // a projection or filter flag is wrong
	}
	return render(ts, stdout, stderr)
}

// renderer returns the function printing tables in format.
func renderer(format string) (func(ts *report.Tables, stdout, stderr io.Writer) error, error) {
	switch format {
	case "text":
		return func(ts *report.Tables, w, _ io.Writer) error { return ts.Text(w) }, nil
	case "markdown", "md":
		return func(ts *report.Tables, w, _ io.Writer) error { return ts.Markdown(w) }, nil
	case "csv":
		return func(ts *report.Tables, w, warn io.Writer) error { return ts.CSV(w, warn) }, nil
	}
	return nil, usageError{fmt.Sprintf("-format: unknown format %q (want text, markdown or csv)", format)}
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
	if err := report.WriteRun(set, o); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "framebench: wrote %s\n", filepath.Join(dir, "README.md"))
	return nil
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

// usageErr turns a flag parsing error into a usageError, keeping
// flag.ErrHelp so that -h exits quietly.
func usageErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}
