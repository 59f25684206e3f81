package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framebench/report"
)

// TestReportReadme: report -readme fills each headline region from the
// raw file its marker names (relative to the README), leaves the rest of
// the file as it was, and says so when a second run changes nothing.
func TestReportReadme(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile("testdata/run.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "results", "r"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "results", "r", "raw.txt"), raw, 0o666); err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(dir, "README.md")
	before, after := "# Title\n\nhand-written\n\n", "\nmore hand-written\n"
	in := before + "<!-- framebench:headline results/r/raw.txt -->\nstale\n<!-- /framebench:headline -->\n" + after
	if err := os.WriteFile(readme, []byte(in), 0o666); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if err := run(new(bytes.Buffer), &stderr, []string{"report", "-readme", readme}); err != nil {
		t.Fatalf("report -readme: %v", err)
	}
	got, _ := os.ReadFile(readme)
	body := string(got)
	if !strings.HasPrefix(body, before) || !strings.HasSuffix(body, after) || strings.Contains(body, "stale") ||
		!strings.Contains(body, "From [results/r](results/r/README.md)") || !strings.Contains(body, "**MB/s as a fraction of none") {
		t.Errorf("README after report -readme:\n%s", body)
	}
	stderr.Reset()
	if err := run(new(bytes.Buffer), &stderr, []string{"report", "-readme", readme}); err != nil || !strings.Contains(stderr.String(), "up to date") {
		t.Errorf("second report -readme: %v, %q; want up to date", err, stderr.String())
	}
	for _, args := range [][]string{
		{"report", "-readme", readme, "testdata/run.txt"},
		{"report", "-readme", filepath.Join(dir, "missing.md")},
	} {
		if err := run(new(bytes.Buffer), new(bytes.Buffer), args); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want a one-line error", args, err)
		}
	}
}

// TestReadmeCurrent: the project's README quotes its figures only inside
// headline regions, and those are what report -readme makes of the
// committed runs today: nobody edits a figure by hand.
func TestReadmeCurrent(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, []byte("<!-- framebench:headline ")) {
		t.Skip("README.md has no headline region")
	}
	dir := t.TempDir()
	copyTree(t, root, dir, "README.md")
	// The raw files every region names, as report -readme reads the markers.
	if _, err := report.SpliceReadme(readme, func(raws []string, _ string) ([]byte, error) {
		for _, raw := range raws {
			copyTree(t, root, dir, raw)
		}
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := run(new(bytes.Buffer), new(bytes.Buffer), []string{"report", "-readme", filepath.Join(dir, "README.md")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "README.md")); !bytes.Equal(got, readme) {
		t.Error("README.md's headline regions differ from what go run ./scripts/framebench report -readme README.md makes of the committed runs: run it and commit the result")
	}
}

// copyTree copies the file rel of root into dir.
func copyTree(t *testing.T, root, dir, rel string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, rel), data, 0o666); err != nil {
		t.Fatal(err)
	}
}
