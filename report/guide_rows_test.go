package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestGuideRows checks the latency, codec and checksum rows on a run where
// lenprefix's round trips are clearly shorter than varint's, msgpack and
// cbor are tied and faster than json with lenprefix, and lenprefix-crc
// runs at 0.8 of lenprefix.
func TestGuideRows(t *testing.T) {
	var b strings.Builder
	for i := range 8 {
		w := 1 + 0.01*float64(i%4) // spread 3 %
		for _, size := range []string{"16B", "64KiB"} {
			for s, p50 := range map[string]float64{"lenprefix": 10000, "varint": 12000} {
				fmt.Fprintf(&b, "BenchmarkPingPong/transport=pipe/codec=raw/strategy=%s/payload=blob/size=%s-2 \t 100\t %.0f ns/op\t %.0f p50-ns\t %.0f p99-ns\n", s, size, p50*w, p50*w, 3*p50*w)
			}
			for c, mbs := range map[string]float64{"json": 100, "msgpack": 300, "cbor": 301} {
				benchLine(&b, "BenchmarkStream/transport=pipe/codec="+c+"/strategy=lenprefix/payload=struct/size="+size, mbs*w)
			}
			for s, mbs := range map[string]float64{"lenprefix": 1000, "lenprefix-crc": 800} {
				benchLine(&b, "BenchmarkStream/transport=pipe/codec=raw/strategy="+s+"/payload=blob/size="+size, mbs*w)
			}
		}
	}
	ix := loadText(t, b.String()).Index(0)
	lat := ix.latencyGrid()
	if lat == nil {
		t.Fatal("no latency rows")
	}
	want := [][]string{
		{"pipe", "small (≤ 4KiB)", "lenprefix", "10.2 µs", "30.4 µs", "n=8, ±1 %, p < 0.001", ""},
		{"pipe", "medium (64KiB)", "lenprefix", "10.2 µs", "30.4 µs", "n=8, ±1 %, p < 0.001", ""},
	}
	if !reflect.DeepEqual(lat.Rows, want) {
		t.Errorf("latency rows\n%q\nwant\n%q", lat.Rows, want)
	}
	cg := ix.codecGrid()
	if cg == nil {
		t.Fatal("no codec rows")
	}
	for _, r := range cg.Rows {
		if r[0] == "struct" && r[2] == "lenprefix on pipe" {
			if r[3] != "any of: msgpack, cbor" || !strings.HasPrefix(r[6], "cbor (1.00, p=") {
				t.Errorf("codec row %q: want any of: msgpack, cbor (json separated), cbor tied", r)
			}
		}
	}
	cs := ix.checksumGrid()
	if cs == nil || len(cs.Rows) != 2 || cs.Rows[0][2] != "0.80 (p=0.000)" {
		t.Errorf("checksum rows %v, want 0.80 (p=0.000) in each band", cs)
	}
}

// TestIntegrityGrid reads fault-campaign files by their header: today's
// totals, a kind column, kind-prefixed columns, missing columns and bad
// values.
func TestIntegrityGrid(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, csv string
		rows      [][]string // nil: no grid
		note      string     // in the grid's notes, or the returned note
	}{
		{"totals", "codec,strategy,trials,detected,silent,lost,resynced\nraw,lenprefix,100,10,90,5,0\ngob,lenprefix,100,30,70,1,0\nraw,lenprefix-crc,100,100,0,0,0\n",
			[][]string{{"lenprefix", "200", "160", "80.00", "", "20.00", "", "6"}, {"lenprefix-crc", "100", "0", "0.00", "", "100.00", "", "0"}}, "every kind of fault"},
		{"kind column", "kind,codec,strategy,trials,detected,silent,silent-lost\nbitflip,raw,lenprefix,50,5,45,2\ntruncate,raw,lenprefix,900,900,0,0\n",
			[][]string{{"lenprefix", "50", "45", "90.00", "", "10.00", "", "2"}}, "bit flips"},
		{"campaign", "codec,strategy,kind,trials,detected,hung,silent,vanished,lost,at_risk,resynced,harmed\nraw,lenprefix,bitflip,100,10,1,88,2,7,700,0,0\nraw,lenprefix,truncate,900,900,0,0,0,0,0,0,0\n",
			[][]string{{"lenprefix", "100", "88", "88.00", "2.00", "10.00", "1", "7 of 700"}}, "vanished: trials"},
		{"prefixed", "codec,strategy,bitflip_trials,bitflip_silent,truncate_trials\nraw,varint,40,4,7\n",
			[][]string{{"varint", "40", "4", "10.00", "", "", "", ""}}, "no bitflip-detected, bitflip-lost column"},
		{"no strategy", "codec,trials\nraw,3\n", nil, "has no strategy column"},
		{"bad count", "codec,strategy,trials,silent\nraw,lenprefix,10,x\n", nil, `:2: silent="x" is not a count`},
		{"negative", "codec,strategy,trials,silent\nraw,lenprefix,10,-1\n", nil, `:2: silent="-1" is not a count`},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".csv")
		if err := os.WriteFile(path, []byte(tc.csv), 0o666); err != nil {
			t.Fatal(err)
		}
		g, note := integrityGrid(path)
		if tc.rows == nil {
			if g != nil || !strings.Contains(note, tc.note) {
				t.Errorf("%s: grid %v, note %q; want no grid and a note with %q", tc.name, g, note, tc.note)
			}
			continue
		}
		if g == nil {
			t.Errorf("%s: no grid: %s", tc.name, note)
			continue
		}
		if !reflect.DeepEqual(g.Rows, tc.rows) {
			t.Errorf("%s: rows %q, want %q", tc.name, g.Rows, tc.rows)
		}
		if all := g.Title + " " + strings.Join(g.Notes, " "); !strings.Contains(all, tc.note) {
			t.Errorf("%s: title and notes %q do not say %q", tc.name, all, tc.note)
		}
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if g, note := integrityGrid("/dev/zero"); g != nil || !strings.Contains(note, "larger than 16 MiB") {
			t.Errorf("/dev/zero: grid %v, note %q", g, note)
		}
	}
}
