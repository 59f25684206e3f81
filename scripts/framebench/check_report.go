package main

import (
	"slices"
	"strconv"

	"framebench/bench"
	"framebench/faults"
	"framebench/strategies"
)

// checkReport is what the check command renders.
type checkReport struct {
	Header   []string // configuration lines, for files written with -out
	PipeCap  int      // a default pipe's capacity, as Expect was given it
	Results  []bench.CheckResult
	Expect   []bench.Expectation // for each result
	Recovery []faults.Recovery
}

func (rep checkReport) counts() (ok, fail, na int) {
	for _, r := range rep.Results {
		switch r.Outcome {
		case bench.OK:
			ok++
		case bench.Fail:
			fail++
		default:
			na++
		}
	}
	return
}

// unexpected returns the indexes of the results that break their expectation.
func (rep checkReport) unexpected() []int {
	var out []int
	for i, r := range rep.Results {
		if i < len(rep.Expect) && !rep.Expect[i].Meets(r) {
			out = append(out, i)
		}
	}
	return out
}

// expectWord says whether failure i is one the design expects.
func (rep checkReport) expectWord(i int) string {
	if i < len(rep.Expect) && rep.Expect[i].Meets(rep.Results[i]) {
		return "expected"
	}
	return "UNEXPECTED"
}

// errText is the error column of a result: the exact error of a failure,
// the reason of an n/a, nothing for ok.
func errText(r bench.CheckResult) string {
	if r.Err == nil {
		return ""
	}
	return r.Err.Error()
}

// matrix groups results for the tables: per transport, per strategy and
// codec (in registry order), per size, the outcome of each payload.
type matrix struct {
	transports []string
	sizes      []int
	rows       map[string][][2]bench.Outcome // transport/strategy/codec → per size, blob and struct
}

func (rep checkReport) matrix() matrix {
	m := matrix{rows: map[string][][2]bench.Outcome{}}
	for _, r := range rep.Results {
		c := r.Cell
		if !slices.Contains(m.transports, c.Transport) {
			m.transports = append(m.transports, c.Transport)
		}
		if !slices.Contains(m.sizes, c.Size) {
			m.sizes = append(m.sizes, c.Size)
		}
	}
	slices.Sort(m.sizes)
	for _, r := range rep.Results {
		c := r.Cell
		key := c.Transport + "/" + c.Strategy + "/" + c.Codec
		row := m.rows[key]
		if row == nil {
			row = make([][2]bench.Outcome, len(m.sizes))
			for i := range row {
				row[i] = [2]bench.Outcome{bench.NA, bench.NA}
			}
			m.rows[key] = row
		}
		p := 0
		if c.Payload == strategies.Struct {
			p = 1
		}
		row[slices.Index(m.sizes, c.Size)][p] = r.Outcome
	}
	return m
}

// row returns the row of a transport, strategy and codec, or nil if the
// pair applies at no size.
func (m matrix) row(t, s, c string) [][2]bench.Outcome {
	row := m.rows[t+"/"+s+"/"+c]
	for _, o := range row {
		if o[0] != bench.NA || o[1] != bench.NA {
			return row
		}
	}
	return nil
}

// sizeHeader is the size columns' header.
func (m matrix) sizeHeader() []string {
	var h []string
	for _, n := range m.sizes {
		h = append(h, strategies.SizeName(n))
	}
	return h
}

var outcomeMark = map[bench.Outcome]string{bench.OK: "ok", bench.Fail: "FAIL", bench.NA: "-"}

// cellText shows the outcomes of both payloads: "ok", "FAIL", or
// "ok/-" where they differ (blob first).
func cellText(o [2]bench.Outcome) string {
	if o[0] == o[1] {
		return outcomeMark[o[0]]
	}
	return outcomeMark[o[0]] + "/" + outcomeMark[o[1]]
}

// messagesText says how many messages each cell moves.
func messagesText() string {
	var parts []string
	for _, n := range []int{16, 16 << 20} {
		parts = append(parts, strconv.Itoa(bench.CheckMessages(n)))
	}
	return parts[0] + " (" + parts[1] + " at 16MiB: it only has to arrive whole)"
}
