package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"framebench/bench"
)

// command is one subcommand. Every command has one shape: run gets the
// arguments after the command's name, parses them with a flagSet
// (newFlags), writes what it was asked for on stdout and progress and
// warnings on stderr, and returns its error.
type command struct {
	name    string
	summary string // one line, for "framebench help"
	run     func(stdout, stderr io.Writer, args []string) error
}

// commands is the subcommand registry in help order. Each subcommand lives
// in its own file.
var commands = []command{
	{"run", "run the benchmarks of a preset, save and report them", runRun},
	{"calibrate", "A/A calibration: the same cells twice, how often the test finds a difference that is not there", runCalibrate},
	{"report", "tables, charts and a run report from go test -bench output", runReport},
	{"compare", "the regression gate: exit 1 when NEW is significantly worse than OLD by more than a threshold", runCompare},
	{"check", "the correctness matrix and recovery table: what breaks, where, and can the reader go on", runCheck},
	{"faults", "the fault campaign: bit flips, truncation, short reads, hostile headers, bad messages", runFaults},
	{"peer", "send, receive, echo or serve messages with one strategy and codec (CPython, other hosts)", runPeer},
	{"seed", "the seed's pickle-over-a-pipe failure reproduced, CPython and Go side by side", runSeed},
}

func main() {
	// The proc transport runs this binary again as its child peer; the
	// child must serve the peer before anything else (see bench.IsPeerChild).
	if bench.IsPeerChild() {
		os.Exit(bench.RunPeerChild())
	}
	err := run(os.Stdout, os.Stderr, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "framebench:", err)
	}
	os.Exit(exitCode(err))
}

// exitCode is 0 for success, 2 for usage errors, 1 otherwise.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

// usageError marks errors in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run runs the command args name. A request for help (-h, help, help
// CMD) prints the usage on stdout and succeeds.
func run(stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 {
		return usageError{"no command given (framebench help lists the commands)"}
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" {
			if len(args) > 2 {
				return usageError{fmt.Sprintf("help: one command at a time, not %q", args[2:])}
			}
			return run(stdout, stderr, []string{args[1], "-h"})
		}
		usage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(stdout, stderr, args[1:])
			if errors.Is(err, flag.ErrHelp) {
				return nil // the usage is printed
			}
			return err
		}
	}
	return usageError{fmt.Sprintf("unknown command %q (framebench help lists the commands)", args[0])}
}

// usage writes the list of commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: framebench COMMAND [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n\"framebench help COMMAND\" or \"framebench COMMAND -h\" shows a command's flags;")
	fmt.Fprintln(w, "\"go doc ./scripts/framebench\" is the manual.")
}
