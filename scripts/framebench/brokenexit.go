package main

import (
	"errors"
	"os/exec"
	"strings"

	"framebench/report"
)

// benchExit watches a bench binary's output to tell its failure status
// caused only by cells that broke by design from a real failure. The bench
// package fails, rather than skips, a cell that breaks after its first run
// (a skip there prints a result line of NaN ns/op that benchstat cannot
// read): the binary then exits with status 1, and its output says
// "broken:" for that cell and --- FAIL for it and its parents.
type benchExit struct{ p *report.SkipParser }

func newBenchExit() *benchExit { return &benchExit{report.NewSkipParser("")} }

// line takes one line of the output, without its newline.
func (e *benchExit) line(s string) { e.p.Line(s) }

// check returns err, the binary's exit, or nil if it is status 1 and every
// benchmark that failed is a cell that logged "broken:" and nothing else,
// or a parent of one.
func (e *benchExit) check(err error) error {
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		return err
	}
	var broken, failed []string
	for _, s := range e.p.Skips() {
		switch s.Kind {
		case report.Broken:
			broken = append(broken, s.Name)
		case report.Failed:
			failed = append(failed, s.Name)
		}
	}
	if len(broken) == 0 {
		return err
	}
	for _, f := range failed {
		parent := false
		for _, b := range broken {
			parent = parent || strings.HasPrefix(b, f+"/")
		}
		if !parent {
			return err
		}
	}
	return nil
}
