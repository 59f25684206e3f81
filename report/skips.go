package report

import (
	"regexp"
	"strings"
)

// Skip kinds: what a cell reported instead of results.
const (
	Broken = "broken" // the cell broke the way its strategy is known to ("broken: ..." logged)
	NA     = "n/a"    // the pair does not apply (b.Skip("n/a: ..."))
	Failed = "fail"   // the benchmark failed (--- FAIL) for another reason
)

// Skip is a benchmark cell that produced no results in some run, from the
// lines go test prints for it. A cell that breaks the way its strategy is
// known to logs "broken: <error>" and skips (in its first run) or fails
// (in a later one, where a skip would print a result line of 0 iterations
// and NaN ns/op; see the bench package's fail):
//
//	BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB
//	    bench_test.go:80: broken: short read: 65536 of 1048576 bytes
//	--- SKIP: BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB
//
//	    bench_test.go:82: broken: short read: one read returned 4 of 16 bytes
//	--- FAIL: BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B-2
//
// Both are Broken; a failure whose cell logged anything else is Failed.
type Skip struct {
	Name   string // full benchmark name, without the -GOMAXPROCS suffix
	Kind   string // Broken, NA or Failed
	Reason string // the log message after "broken: " or "n/a: "; for Failed, the last other message logged
	File   string // the input's label
}

// logLine matches the indented file:line: message lines of testing's log.
var logLine = regexp.MustCompile(`^\s+[^\s:]+\.go:\d+: (.*)$`)

// SkipParser finds the skipped and failed cells in go test output, one
// line at a time (Line), for Load and for framebench run. A log line
// belongs to the benchmark named last, by a bare name line or by a ---
// SKIP/FAIL/BENCH line (testing prints the log before or after it). It is
// not safe for concurrent use.
type SkipParser struct {
	label  string
	skips  []Skip
	seen   map[Skip]bool
	cur    string
	failed []string
	other  map[string]string // per benchmark, the last message that is neither broken: nor n/a:
	broke  map[string]bool   // benchmarks that logged a broken: message
	isFail map[string]bool
}

// NewSkipParser returns a SkipParser whose Skips carry File label.
func NewSkipParser(label string) *SkipParser {
	return &SkipParser{label: label, seen: map[Skip]bool{}, other: map[string]string{}, broke: map[string]bool{}, isFail: map[string]bool{}}
}

func (p *SkipParser) add(s Skip) {
	if s.Name != "" && !p.seen[s] {
		p.seen[s] = true
		p.skips = append(p.skips, s)
	}
}

// Line takes one line of the output, without its newline.
func (p *SkipParser) Line(line string) {
	line = strings.TrimRight(line, " \t\r")
	switch {
	case strings.HasPrefix(line, "Benchmark") && !strings.ContainsAny(line, " \t"):
		p.cur = trimProcs(line)
	case strings.HasPrefix(line, "--- "):
		tag, name, ok := strings.Cut(line[4:], ": ")
		if !ok || !strings.HasPrefix(name, "Benchmark") {
			return
		}
		p.cur = trimProcs(name)
		if tag == "FAIL" && !p.isFail[p.cur] {
			p.isFail[p.cur] = true
			p.failed = append(p.failed, p.cur)
		}
	default:
		m := logLine.FindStringSubmatch(line)
		if m == nil || p.cur == "" {
			return
		}
		msg := m[1]
		// The benchmark's own name, repeated in its error, says nothing.
		if i := strings.Index(msg, p.cur+": "); i >= 0 {
			msg = msg[:i] + msg[i+len(p.cur)+2:]
		}
		if r, ok := strings.CutPrefix(msg, "broken: "); ok {
			p.broke[p.cur] = true
			p.add(Skip{p.cur, Broken, strings.TrimPrefix(r, "bench: "), p.label})
		} else if r, ok := strings.CutPrefix(msg, "n/a: "); ok {
			p.add(Skip{p.cur, NA, strings.TrimPrefix(r, "bench: "), p.label})
		} else {
			p.other[p.cur] = msg
		}
	}
}

// Skips returns the skips found so far, the failures last: a failure is
// Failed unless its cell logged "broken:" and nothing else.
func (p *SkipParser) Skips() []Skip {
	out := p.skips
	for _, name := range p.failed {
		if msg, other := p.other[name]; other || !p.broke[name] {
			out = append(out, Skip{name, Failed, msg, p.label})
		}
	}
	return out
}

// trimProcs drops a -GOMAXPROCS suffix ("-2") from a benchmark name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 || i == len(name)-1 || strings.Trim(name[i+1:], "0123456789") != "" {
		return name
	}
	return name[:i]
}

// parseSkips runs a SkipParser over the whole of data.
func parseSkips(data []byte, label string) []Skip {
	p := NewSkipParser(label)
	for _, l := range strings.Split(string(data), "\n") {
		p.Line(l)
	}
	return p.Skips()
}

// Cause is the root of the skip's error chain: its last two
// ": "-separated parts without a trailing parenthesized remark, e.g.
// "short read: one read returned 65532 of 65536 bytes" from "strategies:
// oneread: read message 0 at byte 0: short read: one read returned 65532
// of 65536 bytes (writer: …)".
func (s Skip) Cause() string {
	r := s.Reason
	if strings.HasSuffix(r, ")") {
		depth := 0
		for i := len(r) - 1; i > 0; i-- {
			switch r[i] {
			case ')':
				depth++
			case '(':
				depth--
			}
			if depth == 0 {
				if r[i-1] == ' ' {
					r = r[:i-1]
				}
				break
			}
		}
	}
	parts := strings.Split(r, ": ")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ": ")
}
