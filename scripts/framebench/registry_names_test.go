package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"framebench/bench"
	"framebench/strategies"
)

// notNames are string literals that spell a registry name but mean
// something else, by file (relative to the module root).
var notNames = map[string][]string{
	"peer/command.go":               {"tcp"},           // net.Listen's network
	"peer/hello.go":                 {"tcp"},           // net.Dialer's network
	"strategies/writepolicy.go":     {"pipe", "file"},  // the sink kinds a write policy names
	"scripts/framebench/run.go":     {"raw", "remote"}, // flag names
	"scripts/framebench/check.go":   {"none"},          // the word, for an empty list
	"scripts/framebench/presets.go": {"newline"},       // the name of a slice of the presets
	"scripts/framebench/flags.go":   {"json"},          // the -format name
}

// generated marks generated files, as go generate's convention has it.
var generated = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// TestRegistryNamesInOwnFile: the name of a codec, a strategy or a
// transport is a string literal in one non-test Go file of the module,
// the one that declares it: everything else asks the registries (or names
// the value, strategies.None.Name()). A second file that spells a name
// is a switch or a list that the next entry will miss.
func TestRegistryNamesInOwnFile(t *testing.T) {
	names := map[string]bool{bench.Remote.Name: true}
	for _, s := range strategies.Strategies {
		names[s.Name()] = true
	}
	for _, c := range strategies.Codecs {
		names[c.Name()] = true
	}
	for _, tr := range bench.Transports {
		names[tr.Name] = true
	}
	root := moduleRootForTest(t)
	files := map[string][]string{} // name → files that spell it
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "results") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil || generated.Match(src) {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(lit.Value)
			if err == nil && names[v] && !slices.Contains(notNames[rel], v) && !slices.Contains(files[v], rel) {
				files[v] = append(files[v], rel)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range names {
		switch fs := files[name]; {
		case len(fs) > 1:
			t.Errorf("%q is spelled in %d files: %s; only the one that declares it may (ask the registry, or use its value)", name, len(fs), strings.Join(fs, ", "))
		case len(fs) == 0:
			t.Errorf("%q is spelled in no non-test file: the scan missed where it is declared", name)
		}
	}
}

// moduleRootForTest is the directory of go.mod above this package.
func moduleRootForTest(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}
