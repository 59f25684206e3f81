package report

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchproc"
)

// The suite's default projection: a table per benchmark and transport, a
// row per size, a column per strategy.
const (
	DefaultTable = ".name /transport"
	DefaultRow   = "/size@num"
	DefaultCol   = "/strategy"
	// DefaultColFiles and DefaultRowFiles replace DefaultCol and
	// DefaultRow when two or more files are compared (and neither -row
	// nor -col is given): benchstat's .file columns, and every name key
	// but the table's in the rows, so that no cell pools two benchmarks.
	DefaultColFiles = ".file"
	DefaultRowFiles = "/codec /strategy /payload /size@num"
)

// Options selects and groups results as benchstat's flags of the same
// names do. Empty fields take the defaults above.
type Options struct {
	Table, Row, Col, Filter string
	// Alpha is the significance level (0 means 0.05); Confidence the
	// level of the intervals (0 means 0.95).
	Alpha, Confidence float64
}

// withDefaults fills in the empty fields; nFiles picks the column default.
func (o Options) withDefaults(nFiles int) Options {
	if o.Table == "" {
		o.Table = DefaultTable
	}
	if o.Col == "" && o.Row == "" && nFiles > 1 {
		o.Col, o.Row = DefaultColFiles, DefaultRowFiles
	}
	if o.Col == "" {
		o.Col = DefaultCol
	}
	if o.Row == "" {
		o.Row = DefaultRow
	}
	if o.Filter == "" {
		o.Filter = "*"
	}
	if o.Alpha == 0 {
		o.Alpha = 0.05
	}
	if o.Confidence == 0 {
		o.Confidence = 0.95
	}
	return o
}

// projections parses the options with benchproc exactly as benchstat
// does, and checks that every key they name occurs in the results: an
// unknown key is an error naming its flag, not an empty table.
func (o Options) projections(rs []*benchfmt.Result) (table, row, col, residue *benchproc.Projection, filter *benchproc.Filter, err error) {
	filter, err = benchproc.NewFilter(o.Filter)
	if err != nil {
		return nil, nil, nil, nil, nil, syntaxErr("-filter", err)
	}
	var p benchproc.ProjectionParser
	if table, _, err = p.ParseWithUnit(o.Table, filter); err != nil {
		return nil, nil, nil, nil, nil, syntaxErr("-table", err)
	}
	if row, err = p.Parse(o.Row, filter); err != nil {
		return nil, nil, nil, nil, nil, syntaxErr("-row", err)
	}
	if col, err = p.Parse(o.Col, filter); err != nil {
		return nil, nil, nil, nil, nil, syntaxErr("-col", err)
	}
	known := knownKeys(rs)
	for _, c := range []struct {
		flag string
		p    *benchproc.Projection
	}{{"-table", table}, {"-row", row}, {"-col", col}} {
		for _, f := range c.p.Fields() {
			if !known[f.Name] {
				return nil, nil, nil, nil, nil, fmt.Errorf("%s: unknown key %s (have %s)", c.flag, f.Name, keyList(known))
			}
		}
	}
	return table, row, col, p.Residue(), filter, nil
}

// knownKeys returns the name keys ("/size") and file configuration keys
// ("goos") that occur in rs.
func knownKeys(rs []*benchfmt.Result) map[string]bool {
	known := map[string]bool{"/gomaxprocs": true, ".unit": true, ".name": true, ".fullname": true, ".config": true, ".file": true}
	for _, r := range rs {
		for _, c := range r.Config {
			if c.File {
				known[c.Key] = true
			}
		}
		_, parts := r.Name.Parts()
		for _, part := range parts {
			if k, _, ok := strings.Cut(string(part), "="); ok && k[0] == '/' {
				known[k] = true
			}
		}
	}
	return known
}

func keyList(known map[string]bool) string {
	var ks []string
	for k := range known {
		if k != "/gomaxprocs" && k[0] != '.' {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

// syntaxErr puts benchproc's syntax errors, which point at the offending
// character on two more lines, on one line naming the flag:
//
//	-col "/strategy@(none": syntax error: missing ) at offset 15
func syntaxErr(flag string, err error) error {
	lines := strings.Split(err.Error(), "\n\t")
	if len(lines) != 3 {
		return fmt.Errorf("%s: %v", flag, err)
	}
	return fmt.Errorf("%s %q: %s at offset %d", flag, lines[1], lines[0], len(lines[2])-1)
}
