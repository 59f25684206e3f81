package main

import (
	"io"

	"framebench/report"

	"framebench/strategies"
)

// checkSchema names the version of check's JSON document (JSON.md).
const checkSchema = "framebench/check/v1"

// checkJSON is check's JSON document.
type checkJSON struct {
	Schema       string            `json:"schema"`
	Config       map[string]string `json:"config"`
	PipeCapacity int               `json:"pipe_capacity"`
	Counts       struct {
		Cells      int `json:"cells"`
		OK         int `json:"ok"`
		Fail       int `json:"fail"`
		NA         int `json:"na"`
		Unexpected int `json:"unexpected"`
	} `json:"counts"`
	Cells    []checkCellJSON `json:"cells"`
	Recovery []recoveryJSON  `json:"recovery"`
}

type checkCellJSON struct {
	Transport string `json:"transport"`
	Codec     string `json:"codec"`
	Strategy  string `json:"strategy"`
	Payload   string `json:"payload"`
	Size      string `json:"size"`
	SizeBytes int    `json:"size_bytes"`
	Outcome   string `json:"outcome"`
	Error     string `json:"error"`
	Expect    string `json:"expect"`
	Expected  bool   `json:"expected"`
}

type recoveryJSON struct {
	Strategy string `json:"strategy"`
	Codec    string `json:"codec"`
	Fault    string `json:"fault"`
	Bad      string `json:"bad"`
	After    string `json:"after"`
	Detected bool   `json:"detected"`
	Silent   bool   `json:"silent"`
	Accepted bool   `json:"accepted"`
	Arrived  int    `json:"arrived"`
	Wrong    int    `json:"wrong"`
	Stopped  bool   `json:"stopped"`
	Error    string `json:"error"`
}

func writeCheckJSON(w io.Writer, rep checkReport) error {
	doc := checkJSON{Schema: checkSchema, Config: report.ConfigMap(rep.Header), PipeCapacity: rep.PipeCap,
		Cells: []checkCellJSON{}, Recovery: []recoveryJSON{}}
	doc.Counts.OK, doc.Counts.Fail, doc.Counts.NA = rep.counts()
	doc.Counts.Cells, doc.Counts.Unexpected = len(rep.Results), len(rep.unexpected())
	for i, r := range rep.Results {
		c := r.Cell
		cell := checkCellJSON{Transport: c.Transport, Codec: c.Codec, Strategy: c.Strategy, Payload: string(c.Payload),
			Size: strategies.SizeName(c.Size), SizeBytes: c.Size, Outcome: string(r.Outcome), Error: errText(r), Expected: true}
		if i < len(rep.Expect) {
			cell.Expect, cell.Expected = rep.Expect[i].String(), rep.Expect[i].Meets(r)
		}
		doc.Cells = append(doc.Cells, cell)
	}
	for _, r := range rep.Recovery {
		doc.Recovery = append(doc.Recovery, recoveryJSON{Strategy: r.Strategy, Codec: r.Codec, Fault: string(r.Fault), Bad: r.Bad(), After: r.Verdict(),
			Detected: r.Detected, Silent: r.Silent, Accepted: r.Accepted, Arrived: r.Arrived, Wrong: r.Wrong, Stopped: r.Stopped, Error: errOrEmpty(r.Err)})
	}
	return writeJSON(w, doc)
}
