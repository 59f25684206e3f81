package report

import (
	"encoding/csv"
	"fmt"
	"io"
)

// CSV writes ts in benchstat's -format csv layout, cell for cell: centers in
// the tidied unit (sec/op, B/s) with full precision, the interval as a
// percentage, the delta and the test. Warnings go to warnings, prefixed
// with spreadsheet cell references, as benchstat writes them to stderr.
func (ts *Tables) CSV(w, warnings io.Writer) error {
	o := csv.NewWriter(w)
	row := 1
	ts.walk(func(hdr string) {
		o.Write([]string{hdr})
		row++
	}, func(t *Table) {
		row += t.csv(o, row, warnings)
	})
	o.Flush()
	return o.Error()
}

// walk calls hdr for each table key line that changes from one table to
// the next ("/transport: pipe"; .unit is shown in the table) and for the
// blank line between tables, and cb for each table.
func (ts *Tables) walk(hdr func(string), cb func(*Table)) {
	if len(ts.Tables) == 0 {
		return
	}
	fields := ts.Keys[0].Projection().FlattenedFields()
	for i, t := range ts.Tables {
		if i > 0 {
			hdr("")
		}
		for _, f := range fields {
			if f.Name == ".unit" {
				continue
			}
			if v := ts.Keys[i].Get(f); i == 0 || v != ts.Keys[i-1].Get(f) {
				hdr(fmt.Sprintf("%s: %s", f.Name, v))
			}
		}
		cb(t)
	}
}

func (t *Table) csv(o *csv.Writer, startRow int, warnings io.Writer) (rowCount int) {
	const labelCols, centerCols, deltaCols = 1, 2, 2
	startCol := func(exp int) int {
		if exp == 0 {
			return labelCols
		}
		return labelCols + centerCols + (exp-1)*(centerCols+deltaCols)
	}
	var row []string
	clearTo := func(col int) {
		for len(row) < col {
			row = append(row, "")
		}
	}
	emit := func() {
		o.Write(row)
		row = row[:0]
		rowCount++
	}
	warn := func(msgs []error) {
		for _, msg := range msgs {
			fmt.Fprintf(warnings, "%s%d: %s\n", colName(len(row)), startRow+rowCount, msg)
		}
	}
	for _, field := range t.Cols[0].Projection().FlattenedFields() {
		for exp, key := range t.Cols {
			clearTo(startCol(exp))
			row = append(row, key.Get(field))
		}
		clearTo(startCol(len(t.Cols)))
		emit()
	}
	for exp := range t.Cols {
		clearTo(startCol(exp))
		row = append(row, t.Unit, "CI")
		if exp > 0 {
			row = append(row, "vs base", "P")
		}
	}
	emit()
	for _, rk := range t.Rows {
		row = append(row, rk.StringValues())
		for exp, ck := range t.Cols {
			c, ok := t.Cells[TableKey{rk, ck}]
			if !ok {
				continue
			}
			clearTo(startCol(exp))
			warn(c.Sample.Warnings)
			warn(c.Summary.Warnings)
			row = append(row, fmt.Sprint(c.Summary.Center), c.Summary.PctRangeString())
			if exp > 0 && c.Baseline != nil {
				warn(c.Comparison.Warnings)
				row = append(row, c.Comparison.FormatDelta(c.Baseline.Summary.Center, c.Summary.Center), c.Comparison.String())
			}
		}
		emit()
	}
	row = append(row, "geomean")
	for exp, ck := range t.Cols {
		s := t.Summary[ck]
		clearTo(startCol(exp))
		warn(s.Warnings)
		if s.HasSummary {
			row = append(row, fmt.Sprint(s.Summary))
		}
		if exp > 0 {
			clearTo(startCol(exp) + centerCols)
			row = append(row, s.ratioString())
		}
	}
	clearTo(startCol(len(t.Cols)))
	emit()
	return rowCount
}

// ratioString formats the geomean ratio as benchstat does: "+1.23%" or "?".
func (s *TableSummary) ratioString() string {
	if !s.HasRatio {
		return "?"
	}
	return fmt.Sprintf("%+.2f%%", (s.Ratio-1)*100)
}

// colName is the spreadsheet name of column x (0 is A), as benchstat
// computes it (which differs from spreadsheets past Z).
func colName(x int) string {
	name := make([]byte, 10)
	pos := len(name)
	for ; x > 0; x /= 26 {
		pos--
		name[pos] = 'A' + byte(x%26)
	}
	if pos == len(name) {
		pos--
		name[pos] = 'A'
	}
	return string(name[pos:])
}
