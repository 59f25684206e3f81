package report

import (
	"fmt"
	"slices"
	"strings"
)

// A run may be measured in shards, one per transport on machines of its
// own (framebench run -transport), and reported from all their raw files
// together. The report then says, beside each table, which file and so
// which machine its rows come from; with one input it says nothing more
// than its Machine section.

// shardKeys are the configuration lines that name a machine in a table's
// note: what tells two runners apart.
var shardKeys = []string{"cpu", "kernel", "go"}

// inputOf returns, for each result of s, the index of its input.
func (s *Set) inputOf() []int {
	out := make([]int, 0, len(s.Results))
	for i, in := range s.Inputs {
		for range in.Results {
			out = append(out, i)
		}
	}
	return out
}

// machineName names input in by its label and the lines of shardKeys:
// "shard-pipe.txt (cpu: AMD EPYC, kernel: Linux 6.18 x86_64, go: go1.26.8)".
func machineName(in Input) string {
	m := ConfigMap(in.Config)
	var parts []string
	for _, k := range shardKeys {
		if v := m[k]; v != "" {
			parts = append(parts, k+": "+v)
		}
	}
	return in.Label + " (" + strings.Join(parts, ", ") + ")"
}

// measuredOn says which inputs the results of the cells pred selects come
// from, "Measured on: …", or "" when s has one input.
func (s *Set) measuredOn(pred func(Cell) bool) string {
	if len(s.Inputs) < 2 {
		return ""
	}
	of := s.inputOf()
	var from []int
	for i, r := range s.Results {
		if i < len(of) && pred(ParseCell(string(r.Name))) && !slices.Contains(from, of[i]) {
			from = append(from, of[i])
		}
	}
	if len(from) == 0 {
		return ""
	}
	slices.Sort(from)
	var names []string
	for _, i := range from {
		names = append(names, machineName(s.Inputs[i]))
	}
	return "Measured on: " + strings.Join(names, "; ") + "."
}

// byTransport says, for a table whose rows span transports, which input
// each transport's rows come from, or "" when s has one input.
func (s *Set) byTransport(ix *Index) string {
	if len(s.Inputs) < 2 {
		return ""
	}
	var parts []string
	for _, t := range ix.Values("transport") {
		if on := s.measuredOn(func(c Cell) bool { return c.Transport == t }); on != "" {
			parts = append(parts, t+": "+strings.TrimSuffix(strings.TrimPrefix(on, "Measured on: "), "."))
		}
	}
	return fmt.Sprintf("Rows by transport measured on: %s.", strings.Join(parts, "; "))
}

// writeMachines writes the Machine section: the configuration lines of
// the one input, or of each input under its label.
func writeMachines(m *md, s *Set) {
	if len(s.Inputs) == 1 {
		m.p("```text\n%s\n```", strings.Join(s.Inputs[0].Config, "\n"))
		return
	}
	m.p("Merged from %d raw files, each measured on the machine its configuration lines name; every table says which file its rows come from.", len(s.Inputs))
	for _, in := range s.Inputs {
		m.p("%s, %d results:\n\n```text\n%s\n```", MarkdownCode(in.Label), in.Results, strings.Join(in.Config, "\n"))
	}
}
