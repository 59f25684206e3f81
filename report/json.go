package report

import (
	"encoding/json"
	"io"
	"math"
	"strings"

	"golang.org/x/perf/benchmath"
)

// TablesSchema names the version of the JSON document of Tables.JSON.
// Fields may be added within a version; removing or changing the meaning
// of one makes a new version.
const TablesSchema = "framebench/report/v1"

// SampleJSON is a sample's summary in JSON: its median and the bounds of
// its 95 % confidence interval (null where the interval is unbounded), in
// the table's unit (sec/op, B/s: benchfmt's tidied units), and its size.
type SampleJSON struct {
	N      int      `json:"n"`
	Center float64  `json:"center"`
	Lo     *float64 `json:"lo"`
	Hi     *float64 `json:"hi"`
}

// TestJSON is the Mann-Whitney U test of a cell against its baseline.
type TestJSON struct {
	Ratio       *float64 `json:"ratio"` // center / baseline's center; null if the baseline is 0
	Delta       string   `json:"delta"` // as the text table shows it: "+32.82%", "~"
	P           float64  `json:"p"`
	Alpha       float64  `json:"alpha"`
	Significant bool     `json:"significant"` // P < Alpha
}

type tablesJSON struct {
	Schema string      `json:"schema"`
	Inputs []inputJSON `json:"inputs"`
	Tables []tableJSON `json:"tables"`
}

type inputJSON struct {
	Label  string            `json:"label"`
	Path   string            `json:"path"`
	Config map[string]string `json:"config"`
}

type tableJSON struct {
	Key   map[string]string `json:"key"`
	Unit  string            `json:"unit"`
	Rows  []string          `json:"rows"`
	Cols  []string          `json:"cols"`
	Cells []cellJSON        `json:"cells"`
}

type cellJSON struct {
	Row      string     `json:"row"`
	Col      string     `json:"col"`
	Sample   SampleJSON `json:"sample"`
	VsBase   *TestJSON  `json:"vs_base"` // null in the first column
	Warnings []string   `json:"warnings"`
}

// JSON writes ts as one JSON document (schema TablesSchema) with the
// inputs it was made from: for each table its key, unit, rows and
// columns, and for each cell present its sample's summary and, past the
// first column, its test against the first column, each at α as
// benchstat marks them (no false-discovery control: see Text).
func (ts *Tables) JSON(w io.Writer, inputs []Input) error {
	doc := tablesJSON{Schema: TablesSchema, Inputs: []inputJSON{}, Tables: []tableJSON{}}
	for _, in := range inputs {
		doc.Inputs = append(doc.Inputs, inputJSON{in.Label, in.Path, ConfigMap(in.Config)})
	}
	for i, t := range ts.Tables {
		tj := tableJSON{Key: map[string]string{}, Unit: t.Unit, Rows: []string{}, Cols: []string{}, Cells: []cellJSON{}}
		for _, f := range ts.Keys[i].Projection().FlattenedFields() {
			if f.Name != ".unit" {
				tj.Key[f.Name] = ts.Keys[i].Get(f)
			}
		}
		for _, r := range t.Rows {
			tj.Rows = append(tj.Rows, r.StringValues())
		}
		for _, c := range t.Cols {
			tj.Cols = append(tj.Cols, c.StringValues())
		}
		for _, rk := range t.Rows {
			for _, ck := range t.Cols {
				c, ok := t.Cells[TableKey{rk, ck}]
				if !ok {
					continue
				}
				cj := cellJSON{Row: rk.StringValues(), Col: ck.StringValues(), Sample: sampleJSON(c.Sample, c.Summary), Warnings: []string{}}
				for _, es := range [][]error{c.Sample.Warnings, c.Summary.Warnings, c.Comparison.Warnings} {
					for _, e := range es {
						cj.Warnings = append(cj.Warnings, e.Error())
					}
				}
				if c.Baseline != nil {
					cj.VsBase = testJSON(c.Comparison, c.Baseline.Summary.Center, c.Summary.Center)
				}
				tj.Cells = append(tj.Cells, cj)
			}
		}
		doc.Tables = append(doc.Tables, tj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// sampleJSON is s's summary in JSON.
func sampleJSON(s *benchmath.Sample, sum benchmath.Summary) SampleJSON {
	return SampleJSON{N: len(s.Values), Center: sum.Center, Lo: finite(sum.Lo), Hi: finite(sum.Hi)}
}

// testJSON is comparison c of a sample centred at new with one at old.
func testJSON(c benchmath.Comparison, old, new float64) *TestJSON {
	t := &TestJSON{Delta: c.FormatDelta(old, new), P: c.P, Alpha: c.Alpha, Significant: c.P < c.Alpha}
	if old != 0 {
		t.Ratio = finite(new / old)
	}
	return t
}

// finite returns &f, or nil for NaN and infinities, which JSON cannot hold.
func finite(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

// ConfigMap turns "key: value" configuration lines into a map; lines of
// another form are left out.
func ConfigMap(lines []string) map[string]string {
	m := map[string]string{}
	for _, l := range lines {
		if k, v, ok := strings.Cut(l, ": "); ok && k != "" && !strings.ContainsAny(k, " \t") {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}
