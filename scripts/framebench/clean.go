package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"framebench/report"
)

// cleanFiles is framebench report -clean: it rewrites each file without
// the result lines of 0 iterations and the benchmark names go test
// without -v prints before a --- FAIL (report.Clean), through a temporary
// file in the same directory renamed over it, so that an error leaves the
// file as it was. It says on stderr how many lines it dropped from each:
// "framebench: FILE: dropped 138 result lines of 0 iterations and 0 names
// before a --- FAIL".
func cleanFiles(stderr io.Writer, paths []string) error {
	for _, path := range paths {
		n, cut, err := cleanFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "framebench: %s: dropped %d result lines of 0 iterations and %d names before a --- FAIL\n", path, n, cut)
	}
	return nil
}

func cleanFile(path string) (dropped, cut int, err error) {
	in, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return 0, 0, err
	}
	if !st.Mode().IsRegular() {
		return 0, 0, fmt.Errorf("%s: not a regular file, cannot clean it in place", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".clean-*")
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	dropped, cut, err = report.Clean(tmp, in, path)
	if err == nil {
		err = tmp.Chmod(st.Mode().Perm())
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return dropped, cut, err
}
