package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"framebench/report"
)

// regenerateReadme rewrites, in the markdown file at path, every headline
// region (report.SpliceReadme) from the raw files its marker names, paths
// relative to the file's directory, read together. The file is replaced
// only when every region rendered, and only if it changed.
func regenerateReadme(stderr io.Writer, path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	sets := map[string]*report.Set{} // the raw files of a marker read once, however many regions name them
	out, err := report.SpliceReadme(old, func(raws []string, part string) ([]byte, error) {
		key := strings.Join(raws, " ")
		files := make([]string, len(raws))
		runDirs := make([]string, len(raws))
		for i, raw := range raws {
			files[i] = filepath.Join(dir, raw)
			runDirs[i] = filepath.ToSlash(filepath.Dir(raw))
		}
		set := sets[key]
		if set == nil {
			var err error
			if set, err = report.Load(files, nil); err != nil {
				return nil, err
			}
			sets[key] = set
		}
		var b bytes.Buffer
		if err := report.ReadmeHeadline(&b, set, runDirs, part); err != nil {
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
