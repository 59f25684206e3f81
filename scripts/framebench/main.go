// Command framebench runs the framebench suite and turns its output into
// tables, charts and a decision guide.
//
// Usage:
//
//	framebench run [flags]         run the benchmarks of a preset, save and report them
//	framebench report [flags] FILE...  tables from go test -bench output
//
// Run "framebench help" or "framebench COMMAND -h" for each command's flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand; run gets the arguments after its name.
type command struct {
	name  string
	usage string
	run   func(stdout, stderr io.Writer, args []string) error
}

// commands is the subcommand registry in help order. Each subcommand lives
// in its own file.
var commands = []command{
	{"run", "run the benchmarks of a preset, save and report them", runRun},
	{"report", "tables, charts and a run report from go test -bench output", runReport},
	{"peer", "send, receive, echo or serve messages with one strategy and codec (CPython, other hosts)", runPeer},
	{"seed", "the seed's pickle-over-a-pipe failure reproduced, CPython and Go side by side", runSeed},
}

func main() {
	if err := run(os.Stdout, os.Stderr, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "framebench:", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitCode is 2 for usage errors, 1 otherwise.
func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// usageError marks errors in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return usageError{"no command given"}
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(stdout, stderr, args[1:])
		}
	}
	usage(stderr)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: framebench COMMAND [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.usage)
	}
}

// newFlags returns a FlagSet for a subcommand that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("framebench "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
