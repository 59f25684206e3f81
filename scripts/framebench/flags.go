package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// flagSet is a subcommand's flags and usage. Parse prints the usage on
// standard output for -h and returns flag.ErrHelp (run turns it into
// success); any other error in the command line is one usageError line
// naming the command. Nothing is printed on standard error.
type flagSet struct {
	*flag.FlagSet
	name     string // the command, e.g. "check"
	synopsis string // the arguments after the flags, e.g. "[label=]FILE..."
	about    string // what the command does, a paragraph or two
}

// newFlags returns the flags of command name.
func newFlags(name, synopsis, about string) *flagSet {
	fs := flag.NewFlagSet("framebench "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, on one line
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, name: name, synopsis: synopsis, about: about}
}

// usage writes the command's usage: its synopsis, what it does and its
// flags.
func (fs *flagSet) usage(w io.Writer) {
	fmt.Fprintf(w, "%s\n\n%s\n\nflags:\n", strings.TrimSpace("usage: framebench "+fs.name+" [flags] "+fs.synopsis), strings.TrimSpace(fs.about))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// parse parses args and checks the number of arguments left, between
// minArgs and maxArgs (-1: any number).
func (fs *flagSet) parse(stdout io.Writer, args []string, minArgs, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.usage(stdout)
			return err
		}
		return fs.errorf("%v", err)
	}
	switch n := fs.NArg(); {
	case n < minArgs && minArgs == 1:
		return fs.errorf("no input file")
	case n < minArgs:
		return fs.errorf("want %d arguments, got %d", minArgs, n)
	case maxArgs == 0 && n > 0:
		return fs.errorf("unexpected argument %q", fs.Arg(0))
	case maxArgs >= 0 && n > maxArgs:
		return fs.errorf("want %d arguments, got %d: unexpected %q", maxArgs, n, fs.Arg(maxArgs))
	}
	return nil
}

// wrap names the command in a usage error from elsewhere (a preset, a
// selection), as errorf does; other errors pass as they are.
func (fs *flagSet) wrap(err error) error {
	var ue usageError
	if errors.As(err, &ue) && !strings.HasPrefix(ue.msg, fs.name+": ") {
		return fs.errorf("%s", ue.msg)
	}
	return err
}

// errorf returns a usage error of the command, with where to read its usage.
func (fs *flagSet) errorf(format string, args ...any) error {
	return usageError{fmt.Sprintf("%s: %s (framebench help %s)", fs.name, fmt.Sprintf(format, args...), fs.name)}
}

// The -format names. "json" is also a codec's name: this is the one file
// of the command that spells it as a format.
const (
	formatText     = "text"
	formatMarkdown = "markdown"
	formatCSV      = "csv"
	formatJSON     = "json"
)

// output holds the -format and -out flags of a command that writes
// tables: -format picks how standard output shows them, -out DIR also
// writes DIR/<base>.md and DIR/<base>.csv.
type output struct {
	format, out string
	formats     []string
}

// outputFlags defines -format (the first of formats is the default) and,
// with a base name, -out.
func (fs *flagSet) outputFlags(base string, formats ...string) *output {
	o := &output{formats: formats}
	fs.StringVar(&o.format, "format", formats[0], "print as `format`: "+strings.Join(formats, ", "))
	if base != "" {
		fs.StringVar(&o.out, "out", "", "also write `dir`/"+base+".md and dir/"+base+".csv")
	}
	return o
}

// check returns a usage error if -format names no format of the command.
func (o *output) check(fs *flagSet) error {
	if !slices.Contains(o.formats, o.format) {
		return fs.errorf("-format %q: want %s", o.format, strings.Join(o.formats, ", "))
	}
	return nil
}
