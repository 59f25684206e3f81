package report

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// benchLine appends one result line of MB/s mbs to b.
func benchLine(b *strings.Builder, name string, mbs float64) {
	fmt.Fprintf(b, "%s-2 \t 100\t %.1f ns/op\t %.2f MB/s\n", name, 1e3/mbs*1e3, mbs)
}

// TestFractionWireCeiling: with BenchmarkWire in the data, the
// fraction-of-none table gains the wire ceiling per transport and size:
// the best of the modes other than write, named, against write; no wire
// mode becomes a strategy. The best is writev unless a mode is
// significantly faster: split's higher median at 1MiB is within the
// samples' spread, so writev stays.
func TestFractionWireCeiling(t *testing.T) {
	var b strings.Builder
	line := func(name string, mbs float64) {
		for i := range 6 {
			benchLine(&b, name, mbs*(1+0.01*float64(i%3))) // spread 2 %
		}
	}
	for _, size := range []string{"64KiB", "1MiB"} {
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size="+size, 1000)
		line("BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size="+size, 850)
		line("BenchmarkWire/transport=pipe/wire=write/size="+size, 1000)
	}
	line("BenchmarkWire/transport=pipe/wire=writev/size=64KiB", 500)
	line("BenchmarkWire/transport=pipe/wire=copy/size=64KiB", 870)
	line("BenchmarkWire/transport=pipe/wire=two/size=64KiB", 550)
	line("BenchmarkWire/transport=pipe/wire=writev/size=1MiB", 1005)
	line("BenchmarkWire/transport=pipe/wire=copy/size=1MiB", 650)
	line("BenchmarkWire/transport=pipe/wire=sendfile/size=1MiB", 990) // any mode name counts
	line("BenchmarkWire/transport=pipe/wire=split/size=1MiB", 1012)   // a near-tie, not a winner

	ix := loadText(t, b.String()).Index(0)
	if got := ix.Values("strategy"); !reflect.DeepEqual(got, []string{"lenprefix", "none"}) {
		t.Errorf("strategies %q, want [lenprefix none]", got)
	}
	gs := ix.fractionGrids()
	if len(gs) != 1 {
		t.Fatalf("%d fraction tables, want 1 (none)", len(gs))
	}
	g := gs[0]
	if want := []string{"transport size", "lenprefix", "wire ceiling"}; !reflect.DeepEqual(g.Header, want) {
		t.Errorf("header %q, want %q", g.Header, want)
	}
	want := [][]string{
		{"pipe 64KiB", "0.85 (p=0.002)", "copy 0.87 (p=0.002)"},
		{"pipe 1MiB", "0.85 (p=0.002)", "writev 1.00 ~"},
	}
	if !reflect.DeepEqual(g.Rows, want) {
		t.Errorf("rows %q, want %q", g.Rows, want)
	}
	notes := strings.Join(g.notes(), " ")
	for _, s := range []string{"BenchmarkWire", "4 tests in this table", "Benjamini–Hochberg"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes do not say %q: %q", s, g.notes())
		}
	}

	// Without BenchmarkWire, no column.
	b.Reset()
	line("BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB", 1000)
	line("BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=1MiB", 850)
	if g := loadText(t, b.String()).Index(0).fractionGrids()[0]; len(g.Header) != 2 {
		t.Errorf("header %q without BenchmarkWire, want no wire ceiling", g.Header)
	}
}

// roundsText writes 10 rounds of framebench run's output: in round i the
// machine runs at speed f(i), lenprefix at 0.95 of none and writev at 0.99
// of write. skip names cells left out of a round ("lenprefix@3").
func roundsText(skip ...string) string {
	var b strings.Builder
	cells := []struct {
		key, name string
		mbs       float64
	}{
		{"none", "BenchmarkStream/transport=pipe/codec=raw/strategy=none/payload=blob/size=1MiB", 1000},
		{"lenprefix", "BenchmarkStream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=1MiB", 950},
		{"write", "BenchmarkWire/transport=pipe/wire=write/size=1MiB", 1000},
		{"writev", "BenchmarkWire/transport=pipe/wire=writev/size=1MiB", 990},
	}
	for i := range 10 {
		fmt.Fprintf(&b, "framebench-round slice=speed-1MiB round=%d rounds=10 order-seed=7\n", i+1)
		f := 0.6 + 0.08*float64((i*7)%10) // 0.6 … 1.32, shuffled
		for _, c := range cells {
			if !contains(skip, fmt.Sprintf("%s@%d", c.key, i+1)) {
				benchLine(&b, c.name, c.mbs*f)
			}
		}
	}
	// gob has no none of its own: its base, raw none, is in another slice.
	fmt.Fprintf(&b, "framebench-round slice=gob round=1 rounds=1 order-seed=7\n")
	for range 6 {
		benchLine(&b, "BenchmarkStream/transport=pipe/codec=gob/strategy=stream/payload=blob/size=1MiB", 500)
	}
	return b.String()
}

// TestFractionPaired: when the machine's speed swings from round to round,
// the ratio of medians cannot tell a steady 5 % loss from noise, and the
// per-round ratios can. Pairs are made by round marker: a round missing
// from either cell drops that pair and shifts no other (with round 3
// missing from lenprefix and round 7 from none, both have 9 samples, and
// pairing by position would divide rounds 4–7 of one by rounds 3–6 of the
// other).
func TestFractionPaired(t *testing.T) {
	ix := loadText(t, roundsText("lenprefix@3", "none@7", "write@8")).Index(0)
	if got := ix.fractionGrid("none", false).Rows[0]; !strings.HasSuffix(got[2], " ~") {
		t.Errorf("unpaired row %q: want lenprefix ~ (lost in the swings)", got)
	}
	g := ix.fractionGrid("none", true)
	if g == nil {
		t.Fatal("no paired grid")
	}
	// stream (gob): its base, raw none, is in another slice.
	want := [][]string{{"pipe 1MiB", "", "0.95 [0.95, 0.95]", "writev 0.99 [0.99, 0.99]"}}
	if want[0][1] = g.Rows[0][1]; !regexp.MustCompile(`^0\.5\d \(p=0\.\d{3}\) †$`).MatchString(want[0][1]) {
		t.Errorf("stream = %q, want about 0.5 with its unpaired test, marked †", want[0][1])
	}
	if !reflect.DeepEqual(g.Rows, want) {
		t.Errorf("paired rows %q, want %q", g.Rows, want)
	}
	if rs, _ := ix.pairRatios(Cell{"Stream", "pipe", "raw", "none", "blob", "1MiB"}, Cell{"Stream", "pipe", "raw", "lenprefix", "blob", "1MiB"}, unitBps); len(rs) != 8 {
		t.Errorf("%d pairs with round 3 missing from lenprefix and 7 from none, want 8", len(rs))
	}
	if why := ix.pairedAbsence(); why != "" {
		t.Errorf("pairedAbsence = %q with round markers", why)
	}

	// The same samples without markers: no paired table, and why.
	noMarkers := strings.NewReplacer("framebench-round", "#").Replace(roundsText())
	ix = loadText(t, noMarkers).Index(0)
	if g := ix.fractionGrid("none", true); g != nil {
		t.Errorf("paired grid %q from a file without round markers", g.Rows)
	}
	if why := ix.pairedAbsence(); !strings.Contains(why, "no round markers") {
		t.Errorf("pairedAbsence = %q, want the reason", why)
	}
}

// TestCeilingPaired: lenprefix at 0.95 of none where the wire allows 0.99
// (writev against write) is 0.96 of the ceiling in every round, whatever
// the machine's swings; rounds that any of the four cells misses drop out
// (3 from lenprefix, 7 from none, 8 from write: 7 rounds are left).
func TestCeilingPaired(t *testing.T) {
	ix := loadText(t, roundsText("lenprefix@3", "none@7", "write@8")).Index(0)
	g := ix.ceilingGrid()
	if g == nil {
		t.Fatal("no ceiling grid")
	}
	want := []string{"pipe 1MiB", "writev", "", "0.96 [0.96, 0.96]"}
	if !reflect.DeepEqual(g.Header, []string{"transport size", "wire ceiling", "stream", "lenprefix"}) || !reflect.DeepEqual(g.Rows, [][]string{want}) {
		t.Errorf("ceiling grid %q %q, want rows %q", g.Header, g.Rows, want)
	}
	if rs := ix.roundValues(Cell{"Stream", "pipe", "raw", "lenprefix", "blob", "1MiB"}, unitBps); len(rs) != 9 {
		t.Errorf("lenprefix has %d rounds, want 9", len(rs))
	}
	noMarkers := strings.NewReplacer("framebench-round", "#").Replace(roundsText())
	if g := loadText(t, noMarkers).Index(0).ceilingGrid(); g != nil {
		t.Errorf("ceiling grid %q from a file without round markers", g.Rows)
	}
}

// TestWireBestPaired: split runs 3 % above writev in every round while the
// machine's speed swings by a factor of two between rounds. With 12
// rounds, the per-round ratios find it faster, and it becomes the ceiling;
// the U test over the pooled samples cannot tell, so without round markers
// writev stays. chunk, 3 % above in half the rounds and 3 % below in the
// others, is not faster; nor is copy, 10 % above in 10 rounds of 12 and
// 1 % below in two: its interval leaves out one extreme pair on each side,
// not two. With 10 rounds the paired interval at α/3 would be the pairs'
// whole range, so the U test decides, and writev stays.
func TestWireBestPaired(t *testing.T) {
	text := func(markers bool, rounds int) string {
		var b strings.Builder
		for i := range rounds {
			if markers {
				fmt.Fprintf(&b, "framebench-round slice=wire-1MiB round=%d rounds=%d order-seed=7\n", i+1, rounds)
			}
			f := 0.6 + 0.08*float64((i*7)%10)
			sign := float64(1 - 2*(i%2))
			copyF := 1.10
			if i == 4 || i == 9 {
				copyF = 0.99
			}
			for _, c := range []struct {
				mode string
				mbs  float64
			}{{"write", 1000}, {"writev", 900}, {"split", 927}, {"chunk", 900 * (1 + 0.03*sign)}, {"copy", 900 * copyF}} {
				benchLine(&b, "BenchmarkWire/transport=pipe/wire="+c.mode+"/size=1MiB", c.mbs*f)
			}
		}
		return b.String()
	}
	if got := loadText(t, text(true, 12)).Index(0).wireBest("pipe", "1MiB"); got != "split" {
		t.Errorf("12 rounds paired: best mode %q, want split", got)
	}
	if got := loadText(t, text(false, 12)).Index(0).wireBest("pipe", "1MiB"); got != "writev" {
		t.Errorf("12 rounds without round markers: best mode %q, want writev (the swings hide 3 %%)", got)
	}
	if got := loadText(t, text(true, 10)).Index(0).wireBest("pipe", "1MiB"); got != "writev" {
		t.Errorf("10 rounds paired: best mode %q, want writev (too few pairs at α/3; the U test decides)", got)
	}
	for n, want := range map[int]bool{5: false, 10: false, 11: true, 30: true} {
		if got := pairedPower(n, 0.05/3); got != want {
			t.Errorf("pairedPower(%d, α/3) = %v, want %v", n, got, want)
		}
	}
}
