package report

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
)

// Skip kinds: what a cell reported instead of results.
const (
	Broken = "broken" // the cell is expected to fail this way (b.Skip("broken: ..."))
	NA     = "n/a"    // the pair does not apply (b.Skip("n/a: ..."))
	Failed = "fail"   // the benchmark failed (--- FAIL)
)

// Skip is a benchmark cell that produced no results, from the lines go
// test -v prints for it:
//
//	BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB
//	    stream_test.go:80: broken: short read: 65536 of 1048576 bytes
//	--- SKIP: BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB
type Skip struct {
	Name   string // full benchmark name, without the -GOMAXPROCS suffix
	Kind   string // Broken, NA or Failed
	Reason string // the log message after "broken: " or "n/a: "; for Failed, the last message logged
	File   string // the input's label
}

// logLine matches the indented file:line: message lines of testing's log.
var logLine = regexp.MustCompile(`^\s+[^\s:]+\.go:\d+: (.*)$`)

// parseSkips finds the skipped and failed cells in go test -v output. A log
// line belongs to the benchmark named last, by a bare name line or by a
// --- SKIP/FAIL/BENCH line (testing prints the log before or after it).
func parseSkips(data []byte, label string) []Skip {
	var skips []Skip
	seen := map[Skip]bool{}
	add := func(s Skip) {
		if s.Name != "" && !seen[s] {
			seen[s] = true
			skips = append(skips, s)
		}
	}
	var cur string
	var failed []string
	lastMsg := map[string]string{} // per benchmark, for Failed
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case strings.HasPrefix(line, "Benchmark") && !strings.ContainsAny(line, " \t"):
			cur = line
		case strings.HasPrefix(line, "--- "):
			tag, name, ok := strings.Cut(line[4:], ": ")
			if !ok || !strings.HasPrefix(name, "Benchmark") {
				continue
			}
			cur = name
			if tag == "FAIL" {
				failed = append(failed, name)
			}
		default:
			m := logLine.FindStringSubmatch(line)
			if m == nil || cur == "" {
				continue
			}
			msg := m[1]
			lastMsg[cur] = msg
			// The benchmark's own name, repeated in its error, says nothing.
			if i := strings.Index(msg, cur+": "); i >= 0 {
				msg = msg[:i] + msg[i+len(cur)+2:]
			}
			if r, ok := strings.CutPrefix(msg, "broken: "); ok {
				add(Skip{cur, Broken, strings.TrimPrefix(r, "bench: "), label})
			} else if r, ok := strings.CutPrefix(msg, "n/a: "); ok {
				add(Skip{cur, NA, strings.TrimPrefix(r, "bench: "), label})
			}
		}
	}
	for _, name := range failed {
		add(Skip{name, Failed, lastMsg[name], label})
	}
	return skips
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
