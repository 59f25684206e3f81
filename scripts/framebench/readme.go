package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"framebench/report"
)

// regenerateReadme rewrites, in the markdown file at path, every headline
// region (report.SpliceReadme) from the raw file its marker names, a path
// relative to the file's directory. The file is replaced only when every
// region rendered, and only if it changed.
func regenerateReadme(stderr io.Writer, path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	sets := map[string]*report.Set{} // each raw file read once, however many regions name it
	out, err := report.SpliceReadme(old, func(raw, part string) ([]byte, error) {
		set := sets[raw]
		if set == nil {
			var err error
			if set, err = report.Load([]string{filepath.Join(dir, raw)}, nil); err != nil {
				return nil, err
			}
			sets[raw] = set
		}
		var b bytes.Buffer
		if err := report.ReadmeHeadline(&b, set, filepath.ToSlash(filepath.Dir(raw)), part); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if bytes.Equal(out, old) {
		fmt.Fprintf(stderr, "framebench: %s is up to date\n", path)
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, out, 0o666); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "framebench: regenerated the headline regions of %s\n", path)
	return os.Rename(tmp, path)
}
