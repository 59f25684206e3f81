package main

import (
	"strings"
	"testing"
)

// TestHelp: -h, help and help CMD print the usage on stdout and exit 0,
// for the command and every subcommand and peer mode; a usage error is one
// line on stderr, status 2, naming where to read the usage. In child
// processes, so that the exit status is main's.
func TestHelp(t *testing.T) {
	type want struct {
		args   []string
		stdout string // a piece of the usage
	}
	cases := []want{
		{[]string{"-h"}, "usage: framebench COMMAND"},
		{[]string{"--help"}, "usage: framebench COMMAND"},
		{[]string{"help"}, "usage: framebench COMMAND"},
		{[]string{"help", "peer"}, "usage: framebench peer send|recv|echo|serve"},
		{[]string{"peer", "-h"}, "usage: framebench peer send|recv|echo|serve"},
	}
	for _, c := range commands {
		u := "usage: framebench " + c.name + " [flags]"
		if c.name == "peer" {
			u = "usage: framebench peer"
		}
		cases = append(cases, want{[]string{c.name, "-h"}, u}, want{[]string{"help", c.name}, u})
	}
	for _, mode := range []string{"send", "recv", "echo", "serve"} {
		cases = append(cases, want{[]string{"peer", mode, "-h"}, "-max-frame"})
	}
	for _, tc := range cases {
		stdout, stderr, code := runMain(t, nil, tc.args...)
		if code != 0 || stderr != "" || !strings.Contains(stdout, tc.stdout) {
			t.Errorf("framebench %q: status %d, stderr %q, stdout %.200q; want status 0, %q on stdout", tc.args, code, stderr, stdout, tc.stdout)
		}
	}
	if stdout, _, _ := runMain(t, nil, "help", "run"); !strings.Contains(stdout, "-preset") || !strings.Contains(stdout, "quick") {
		t.Errorf("help run does not list run's flags and presets:\n%s", stdout)
	}
}

// TestUsageErrors: every command's usage errors exit 2 with one line on
// stderr that names the command and where its usage is, and nothing on
// stdout.
func TestUsageErrors(t *testing.T) {
	cases := [][]string{{}, {"nope"}, {"help", "nope"}, {"help", "run", "check"}}
	for _, c := range commands {
		if c.name != "peer" {
			cases = append(cases, []string{c.name, "-no-such-flag"})
		}
	}
	cases = append(cases, []string{"compare", "one.txt"}, []string{"report", "-format", "xml", "x.txt"}, []string{"compare", "-threshold", "-3%", "a", "b"})
	for _, args := range cases {
		stdout, stderr, code := runMain(t, nil, args...)
		if code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "framebench: ") {
			t.Errorf("framebench %q: status %d, stdout %q, stderr %q; want status 2 and one line on stderr", args, code, stdout, stderr)
		}
		if len(args) > 0 && args[0] != "help" && args[0] != "nope" && !strings.Contains(stderr, "(framebench help "+args[0]+")") {
			t.Errorf("framebench %q: %q does not say where the usage is", args, stderr)
		}
	}
}
