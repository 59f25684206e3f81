package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// renderers are the text, markdown and CSV writers of a command's report
// (check, faults): -format picks one for standard output, -out writes the
// markdown and CSV files.
type renderers[R any] struct {
	cmd                 string // the command, for error messages
	base                string // -out's file names: base.md and base.csv
	text, markdown, csv func(io.Writer, R) error
}

// flags defines the -format and -out flags on fs.
func (r renderers[R]) flags(fs *flag.FlagSet) (format, out *string) {
	format = fs.String("format", "text", "output `format`: text, markdown or csv")
	out = fs.String("out", "", "also write `dir`/"+r.base+".md and dir/"+r.base+".csv")
	return format, out
}

// pick returns the writer for -format format.
func (r renderers[R]) pick(format string) (func(io.Writer, R) error, error) {
	switch format {
	case "text":
		return r.text, nil
	case "markdown":
		return r.markdown, nil
	case "csv":
		return r.csv, nil
	}
	return nil, usageError{fmt.Sprintf("%s: unknown format %q: want text, markdown or csv", r.cmd, format)}
}

// writeFiles writes dir/base.md and dir/base.csv.
func (r renderers[R]) writeFiles(dir string, rep R) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, r.base+".md"), func(w io.Writer) error { return r.markdown(w, rep) }); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, r.base+".csv"), func(w io.Writer) error { return r.csv(w, rep) })
}

// writeFile writes path through write, reporting the first error.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
