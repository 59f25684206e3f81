package report

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/aclements/go-moremath/stats"
	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"
)

// Tables is a sequence of statistic tables, as benchstat prints them. It
// is the same computation as benchstat's internal benchtab package, kept in
// step with it so that the numbers agree (see the CSV test).
type Tables struct {
	Tables []*Table
	// Keys are the table keys, one per table, each ending with .unit.
	Keys []benchproc.Key
}

// Table summarizes one unit of one table key in a grid of rows and
// columns. Each row compares its cells with the cell of the first column.
type Table struct {
	Unit       string
	Assumption benchmath.Assumption
	Rows, Cols []benchproc.Key
	Cells      map[TableKey]*TableCell
	// Summary is the geomean row, keyed by column.
	Summary map[benchproc.Key]*TableSummary
}

// TableKey indexes a cell of a Table.
type TableKey struct{ Row, Col benchproc.Key }

// TableCell is the sample of one row and column, its summary and, past
// the first column, its comparison with the first column's cell (Baseline).
type TableCell struct {
	Sample     *benchmath.Sample
	Summary    benchmath.Summary
	Baseline   *TableCell
	Comparison benchmath.Comparison
	residue    map[benchproc.Key]bool
}

// TableSummary is a cell of the geomean row.
type TableSummary struct {
	HasSummary bool
	Summary    float64 // geomean of the column's centers
	HasRatio   bool
	Ratio      float64 // geomean of the ratios to the baseline column
	Warnings   []error
}

// Tables projects the results with o and summarizes every cell. It fails,
// naming the flag, on a projection or filter that does not parse, that
// names a key absent from the results, or that leaves no result.
func (s *Set) Tables(o Options) (*Tables, error) {
	o = o.withDefaults(len(s.Inputs))
	tableBy, rowBy, colBy, residue, filter, err := o.projections(s.Results)
	if err != nil {
		return nil, err
	}
	unitField := tableBy.Fields()[len(tableBy.Fields())-1]
	type building struct {
		t      *Table
		rows   map[benchproc.Key]bool
		cols   map[benchproc.Key]bool
		values map[TableKey][]float64
	}
	byKey := map[benchproc.Key]*building{}
	for _, r := range s.Results {
		r = r.Clone() // Apply drops the values it filters out
		if ok, _ := filter.Apply(r); !ok {
			continue
		}
		row, col, res := rowBy.Project(r), colBy.Project(r), residue.Project(r)
		ck := TableKey{row, col}
		for i, tk := range tableBy.ProjectValues(r) {
			b := byKey[tk]
			if b == nil {
				b = &building{&Table{Cells: map[TableKey]*TableCell{}}, map[benchproc.Key]bool{}, map[benchproc.Key]bool{}, map[TableKey][]float64{}}
				byKey[tk] = b
			}
			if b.t.Cells[ck] == nil {
				b.t.Cells[ck] = &TableCell{residue: map[benchproc.Key]bool{}}
				b.rows[row], b.cols[col] = true, true
			}
			b.values[ck] = append(b.values[ck], r.Values[i].Value)
			b.t.Cells[ck].residue[res] = true
		}
	}
	if len(byKey) == 0 {
		return nil, fmt.Errorf("-filter %q: no benchmark results match", o.Filter)
	}
	th := &benchmath.Thresholds{CompareAlpha: o.Alpha}
	ts := &Tables{Keys: sortedKeys(byKey)}
	for _, k := range ts.Keys {
		b := byKey[k]
		t := b.t
		t.Unit = k.Get(unitField)
		t.Assumption = s.Units.GetAssumption(t.Unit)
		t.Rows, t.Cols = sortedKeys(b.rows), sortedKeys(b.cols)
		for ck, c := range t.Cells {
			c.Sample = benchmath.NewSample(b.values[ck], th)
		}
		for ck, c := range t.Cells {
			if ck.Col != t.Cols[0] {
				c.Baseline = t.Cells[TableKey{ck.Row, t.Cols[0]}]
			}
			c.Summary = t.Assumption.Summary(c.Sample, o.Confidence)
			if c.Baseline != nil {
				c.Comparison = t.Assumption.Compare(c.Baseline.Sample, c.Sample)
			}
			if nsk := benchproc.NonSingularFields(sortedKeys(c.residue)); len(nsk) > 0 {
				var names []string
				for _, f := range nsk {
					names = append(names, f.Name)
				}
				c.Sample.Warnings = append(c.Sample.Warnings, errors.New("benchmarks vary in "+strings.Join(names, ", ")))
			}
		}
		t.summarize()
		ts.Tables = append(ts.Tables, t)
	}
	return ts, nil
}

func sortedKeys[V any](m map[benchproc.Key]V) []benchproc.Key {
	var keys []benchproc.Key
	for k := range m {
		keys = append(keys, k)
	}
	benchproc.SortKeys(keys)
	return keys
}

// summarize computes the geomean row: the geomean of each column's centers
// and of its ratios to the baseline (not the ratio of geomeans, which is
// meaningless when the columns hold different benchmark sets).
func (t *Table) summarize() {
	t.Summary = map[benchproc.Key]*TableSummary{}
	nBase := 0
	for _, row := range t.Rows {
		if _, ok := t.Cells[TableKey{row, t.Cols[0]}]; ok {
			nBase++
		}
	}
	for i, col := range t.Cols {
		s := &TableSummary{}
		t.Summary[col] = s
		var centers, ratios []float64
		badRatio := false
		for _, row := range t.Rows {
			c, ok := t.Cells[TableKey{row, col}]
			if !ok {
				continue
			}
			centers = append(centers, c.Summary.Center)
			if c.Baseline == nil {
				continue
			}
			a, b := c.Summary.Center, c.Baseline.Summary.Center
			switch {
			case a == b:
				ratios = append(ratios, 1) // 0/0 counts as 1
			case b == 0:
				badRatio = true
				ratios = append(ratios, 0)
			default:
				ratios = append(ratios, a/b)
			}
		}
		if i > 0 && nBase != len(ratios) {
			s.Warnings = append(s.Warnings, errors.New("benchmark set differs from baseline; geomeans may not be comparable"))
		}
		if gm := stats.GeoMean(centers); math.IsNaN(gm) {
			s.Warnings = append(s.Warnings, errors.New("summaries must be >0 to compute geomean"))
		} else {
			s.HasSummary, s.Summary = true, gm
		}
		if i > 0 && !badRatio {
			if gm := stats.GeoMean(ratios); math.IsNaN(gm) {
				s.Warnings = append(s.Warnings, errors.New("ratios must be >0 to compute geomean"))
			} else {
				s.HasRatio, s.Ratio = true, gm
			}
		}
	}
}
