package main

import (
	"io"

	"framebench/faults"
	"framebench/report"
)

// faultsSchema names the version of faults' JSON document (JSON.md).
const faultsSchema = "framebench/faults/v1"

// faultsJSON is faults' JSON document: the CSV's lines with names.
type faultsJSON struct {
	Schema string            `json:"schema"`
	Config map[string]string `json:"config"`
	Seed   uint64            `json:"seed"`
	Trials int               `json:"trials"`
	Rows   []faultsRowJSON   `json:"rows"`
}

type faultsRowJSON struct {
	Codec    string `json:"codec"`
	Strategy string `json:"strategy"`
	Kind     string `json:"kind"`
	Trials   int    `json:"trials"`
	Detected int    `json:"detected"`
	Hung     int    `json:"hung"`
	Silent   int    `json:"silent"`
	Vanished int    `json:"vanished"`
	Lost     int    `json:"lost"`
	AtRisk   int    `json:"at_risk"`
	Resynced int    `json:"resynced"`
	Harmed   int    `json:"harmed"`
}

func writeFaultsJSON(w io.Writer, rep faultsReport) error {
	doc := faultsJSON{Schema: faultsSchema, Config: report.ConfigMap(rep.Header), Seed: rep.Seed, Trials: rep.Trials, Rows: []faultsRowJSON{}}
	for _, r := range rep.Rows {
		for i, k := range faults.Kinds {
			c := r.ByKind[i]
			doc.Rows = append(doc.Rows, faultsRowJSON{Codec: r.Codec, Strategy: r.Strategy, Kind: string(k), Trials: c.Trials,
				Detected: c.Detected, Hung: c.Hung, Silent: c.Silent, Vanished: c.Vanished, Lost: c.Lost, AtRisk: c.AtRisk,
				Resynced: c.Resynced, Harmed: c.Harmed})
		}
	}
	return writeJSON(w, doc)
}
