package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReportShards: the raw files of a run made in shards on two machines
// (here testdata/run.txt cut by transport, the tcp shard given another
// cpu line) merge into one run report that says, beside each table, which
// file and machine its rows come from.
func TestReportShards(t *testing.T) {
	data, err := os.ReadFile("testdata/run.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	transport := regexp.MustCompile(`transport=([a-z0-9]+)`)
	var shards []string
	for _, tr := range []string{"pipe", "tcp"} {
		var b strings.Builder
		for _, line := range strings.SplitAfter(string(data), "\n") {
			m := transport.FindStringSubmatch(line)
			if m != nil && m[1] != tr || strings.Contains(line, "BenchmarkCodec") {
				continue
			}
			if tr == "tcp" {
				line = strings.Replace(line, "cpu: Oxide Virtual Turin-like Processor", "cpu: AMD EPYC 7B13", 1)
			}
			b.WriteString(line)
		}
		path := filepath.Join(dir, "shard-"+tr+".txt")
		if err := os.WriteFile(path, []byte(b.String()), 0o666); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, path)
	}
	out := filepath.Join(dir, "merged")
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, append([]string{"report", "-out", out, "-faults", "-"}, shards...)); err != nil {
		t.Fatalf("report -out: %v", err)
	}
	readme, err := os.ReadFile(filepath.Join(out, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	pipeOn := "Measured on: " + shards[0] + " (cpu: Oxide Virtual Turin-like Processor, kernel: Linux 6.18.44-fc-v782 x86_64, go: go1.26.8 linux/amd64)."
	tcpOn := "Measured on: " + shards[1] + " (cpu: AMD EPYC 7B13, kernel: Linux 6.18.44-fc-v782 x86_64, go: go1.26.8 linux/amd64)."
	for _, want := range []string{
		"Merged from 2 raw files",
		"### pipe\n\n" + pipeOn,
		"### tcp\n\n" + tcpOn,
		"Rows by transport measured on: pipe: " + shards[0],
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the merged report lacks %q", want)
		}
	}
	if strings.Contains(s, "### pipe\n\n"+tcpOn) || strings.Count(s, "easured on: ") < 6 {
		t.Errorf("the merged report names the wrong machine for a table, or too few:\n%s", s)
	}
}
