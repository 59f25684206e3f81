package main

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docTest is one "$ framebench …" transcript of the manual.
type docTest struct {
	args []string
	want []string // the lines shown; "…" stands for any lines
}

// TestDoc runs the "$ framebench" transcripts of the package comment (the
// manual, doc.go) in testdata, as benchstat's TestDoc does, and fails when
// a command's output drifts from what the manual shows: its standard
// output, then the error line main would print. A line "…" in a
// transcript stands for any number of lines.
func TestDoc(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "doc.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.NewFromFiles(fset, []*ast.File{f}, "framebench")
	if err != nil {
		t.Fatal(err)
	}
	tests := parseDocTests(p.Doc)
	if len(tests) < 5 {
		t.Fatalf("%d transcripts in the manual, want at least 5 (report, compare twice, check, faults)", len(tests))
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir("testdata"); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	for _, tc := range tests {
		t.Logf("framebench %s", strings.Join(tc.args, " "))
		var stdout, stderr bytes.Buffer
		if err := run(&stdout, &stderr, tc.args); err != nil {
			stdout.WriteString("framebench: " + err.Error() + "\n")
		}
		got := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
		if !matchLines(tc.want, got) {
			t.Errorf("framebench %s: the output differs from the manual's:\n%s", strings.Join(tc.args, " "),
				firstDiff(strings.Join(tc.want, "\n"), strings.Join(got, "\n")))
		}
	}
}

// TestDocOnly: the manual is the only place with transcripts, so that
// every one of them is run.
func TestDocOnly(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if name == "doc.go" || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("$ framebench")) {
			t.Errorf("%s holds a $ framebench transcript that TestDoc does not run: move it to doc.go", name)
		}
	}
}

// parseDocTests finds the transcripts in a package comment's text: a code
// line "$ framebench ARGS", then the code lines up to the next "$ " line
// or the next paragraph.
func parseDocTests(text string) []docTest {
	var tests []docTest
	var cur *docTest
	for _, line := range strings.Split(text, "\n") {
		code, isCode := strings.CutPrefix(line, "\t")
		switch {
		case isCode && strings.HasPrefix(code, "$ "):
			cur = nil
			if args, ok := strings.CutPrefix(code, "$ framebench "); ok {
				tests = append(tests, docTest{args: parseArgs(args)})
				cur = &tests[len(tests)-1]
			}
		case cur != nil && (isCode || line == ""):
			cur.want = append(cur.want, code)
		default:
			cur = nil
		}
	}
	for i := range tests {
		w := tests[i].want
		for len(w) > 0 && w[len(w)-1] == "" {
			w = w[:len(w)-1]
		}
		tests[i].want = w
	}
	return tests
}

// parseArgs splits a shell-like word list; double quotes group words.
func parseArgs(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimLeft(s, " ") {
		if s[0] == '"' {
			word, rest, _ := strings.Cut(s[1:], `"`)
			out, s = append(out, word), rest
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		out, s = append(out, word), rest
	}
	return out
}

// matchLines reports whether got is want with each "…" line standing for
// any number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && matchLines(want[1:], got[1:])
}

func TestDocParsing(t *testing.T) {
	text := "Intro.\n\n\t$ framebench report \"-filter\" \"/a:b c\" x.txt\n\tline 1\n\n\tline 2\n\n\t$ go run x\n\tignored\n\nProse.\n\n\t$ framebench compare a b\n\tone\n\t…\n\nEnd.\n"
	tests := parseDocTests(text)
	if len(tests) != 2 || strings.Join(tests[0].args, "|") != "report|-filter|/a:b c|x.txt" ||
		strings.Join(tests[0].want, "|") != "line 1||line 2" || strings.Join(tests[1].want, "|") != "one|…" {
		t.Errorf("parseDocTests = %q", tests)
	}
	for _, tc := range []struct {
		want, got string
		ok        bool
	}{
		{"a|…", "a|b|c", true},
		{"a|…|c", "a|c", true},
		{"a|…|c", "a|b", false},
		{"a|b", "a|b|c", false},
		{"…", "", true},
	} {
		if got := matchLines(strings.Split(tc.want, "|"), strings.Split(tc.got, "|")); got != tc.ok {
			t.Errorf("matchLines(%q, %q) = %v", tc.want, tc.got, got)
		}
	}
}
