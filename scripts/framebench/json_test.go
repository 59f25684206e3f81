package main

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestJSONDocumented holds JSON.md to the JSON goldens: every field path
// of every document is listed there (in backquotes), and every document
// names its schema as JSON.md's heading does.
func TestJSONDocumented(t *testing.T) {
	doc, err := os.ReadFile("JSON.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z_.\\[\\]]+)`").FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = true
	}
	for file, schema := range map[string]string{
		"testdata/json.golden":              "framebench/report/v1",
		"testdata/compare-gate_json.golden": "framebench/compare/v1",
		"testdata/check_json.golden":        "framebench/check/v1",
		"testdata/faults_json.golden":       "framebench/faults/v1",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if v["schema"] != schema || !strings.Contains(string(doc), "## "+schema+" ") {
			t.Errorf("%s: schema %v, want %s, documented in JSON.md", file, v["schema"], schema)
		}
		var paths []string
		jsonPaths("", v, &paths)
		for _, p := range paths {
			if !documented[p] {
				t.Errorf("%s: field %s is not in JSON.md", file, p)
			}
		}
		if len(paths) < 10 {
			t.Errorf("%s: only %d fields: %v", file, len(paths), paths)
		}
	}
}

// jsonPaths adds the paths of v's fields to paths: "a.b", "a[].c". The
// objects whose keys are data (config, a table's key) are not entered.
func jsonPaths(prefix string, v any, paths *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			if !slices.Contains(*paths, p) {
				*paths = append(*paths, p)
			}
			if k != "config" && k != "key" {
				jsonPaths(p, x, paths)
			}
		}
	case []any:
		for _, x := range v {
			jsonPaths(prefix+"[]", x, paths)
		}
	}
}
