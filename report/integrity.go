package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// maxFaultsCSV is the largest fault-campaign file read: the campaign
// writes one line per codec and strategy (and kind), a few KiB.
const maxFaultsCSV = 16 << 20

// faultCounts are the fault campaign's counts for one strategy, summed
// over codecs, by name: trials, silent, detected, lost. A name the file
// does not give is absent.
type faultCounts map[string]int64

// faults is what readFaults found in a fault-campaign file.
type faults struct {
	order   []string // strategies, in the file's order
	by      map[string]faultCounts
	scope   string   // what the counts cover: "bit flips" or "every kind of fault"
	missing []string // columns the file lacks
}

// readFaults reads the fault campaign's CSV (framebench faults -format csv)
// by its header's names: it needs codec and strategy, and takes the
// counts trials, silent, detected and lost (or silent-lost) of the
// bit-flip kind where the file tells kinds apart (a "kind" column, or
// columns named bitflip-trials and so on), else of every kind. It returns
// the counts per strategy. A file that cannot be read, or holds a count
// that is not a non-negative integer, is an error naming the file and line.
func readFaults(path string) (*faults, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFaultsCSV+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFaultsCSV {
		return nil, fmt.Errorf("%s: larger than %d MiB", path, maxFaultsCSV>>20)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ReplaceAll(strings.ToLower(strings.TrimSpace(h)), "_", "-")] = i
	}
	for _, need := range []string{"codec", "strategy"} {
		if _, ok := col[need]; !ok {
			return &faults{missing: []string{need}}, nil
		}
	}
	_, byKind := col["kind"]
	fs := &faults{by: map[string]faultCounts{}, scope: "every kind of fault"}
	prefix := ""
	if _, ok := col["bitflip-trials"]; ok && !byKind {
		prefix = "bitflip-"
	}
	if byKind || prefix != "" {
		fs.scope = "bit flips"
	}
	names := map[string][]string{"trials": {"trials"}, "silent": {"silent"}, "detected": {"detected"}, "lost": {"silent-lost", "lost"},
		"vanished": {"vanished"}, "hung": {"hung"}, "at-risk": {"at-risk"}}
	idx := map[string]int{}
	for _, k := range []string{"trials", "silent", "detected", "lost", "vanished", "hung", "at-risk"} {
		for _, n := range names[k] {
			if i, ok := col[prefix+n]; ok {
				idx[k] = i
				break
			}
		}
		if _, ok := idx[k]; !ok && k != "vanished" && k != "hung" && k != "at-risk" { // older files lack these
			fs.missing = append(fs.missing, prefix+k)
		}
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if byKind && (col["kind"] >= len(rec) || rec[col["kind"]] != "bitflip") {
			continue
		}
		if col["strategy"] >= len(rec) {
			return nil, fmt.Errorf("%s:%d: no strategy", path, line)
		}
		s := rec[col["strategy"]]
		fc := fs.by[s]
		if fc == nil {
			fc = faultCounts{}
			fs.by[s] = fc
			fs.order = append(fs.order, s)
		}
		for k, i := range idx {
			if i >= len(rec) {
				return nil, fmt.Errorf("%s:%d: no %s", path, line, header[i])
			}
			n, err := strconv.ParseInt(strings.TrimSpace(rec[i]), 10, 64)
			if err != nil || n < 0 || n > 1e15 {
				return nil, fmt.Errorf("%s:%d: %s=%q is not a count", path, line, header[i], rec[i])
			}
			fc[k] += n
		}
	}
	return fs, nil
}

// integrityGrid is the guide's integrity table: per strategy, how often the
// fault campaign's damage passed silently (a wrong message delivered with
// no error), from the CSV at path. It returns a note instead when the file
// is missing columns or cannot be read.
func integrityGrid(path string) (*Grid, string) {
	fs, err := readFaults(path)
	if err != nil {
		return nil, "No integrity rows: " + err.Error() + "."
	}
	if len(fs.order) == 0 {
		if len(fs.missing) > 0 {
			return nil, fmt.Sprintf("No integrity rows: %s has no %s column.", path, strings.Join(fs.missing, ", "))
		}
		return nil, "No integrity rows: " + path + " has no rows."
	}
	g := &Grid{Title: "Integrity: silent corruption in the fault campaign (" + fs.scope + ", all codecs)",
		Header: []string{"strategy", "trials", "silent", "silent %", "vanished %", "detected %", "hung", "lost (of at risk)"}, Align: "lrrrrrrr"}
	count := func(fc faultCounts, k string) string {
		if n, ok := fc[k]; ok {
			return strconv.FormatInt(n, 10)
		}
		return ""
	}
	share := func(fc faultCounts, k string) string {
		n, ok := fc[k]
		if trials := fc["trials"]; ok && trials > 0 {
			return fmt.Sprintf("%.2f", 100*float64(n)/float64(trials))
		}
		return ""
	}
	lost := func(fc faultCounts) string {
		s := count(fc, "lost")
		if risk, ok := fc["at-risk"]; ok && s != "" {
			s += " of " + strconv.FormatInt(risk, 10)
		}
		return s
	}
	for _, s := range Order("strategy", fs.order) {
		fc := fs.by[s]
		g.Rows = append(g.Rows, []string{s, count(fc, "trials"), count(fc, "silent"), share(fc, "silent"), share(fc, "vanished"), share(fc, "detected"), count(fc, "hung"), lost(fc)})
	}
	g.Notes = []string{"From " + path + " (framebench faults). silent: trials in which the reader delivered a wrong message with no error, which a framing without a checksum cannot tell; " +
		"vanished: trials with no error and no wrong message in which a message never arrived (a silent loss); hung: trials that stopped making progress, not counted as detected; " +
		"lost: good messages that never arrived intact, of those at risk. lenprefix-crc's cost in throughput is below."}
	if len(fs.missing) > 0 {
		g.Notes = append(g.Notes, "The file has no "+strings.Join(fs.missing, ", ")+" column: those cells are empty.")
	}
	return g, ""
}
