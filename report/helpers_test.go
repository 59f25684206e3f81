package report

import (
	"os"
	"path/filepath"
	"testing"
)

// loadText loads benchmark output given as a string.
func loadText(t *testing.T, text string) *Set {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := Load([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
