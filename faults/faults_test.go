package faults

import (
	"bytes"
	"flag"
	"io"
	"math/rand/v2"
	"testing"

	"framebench/strategies"
)

var seed = flag.Uint64("faults.seed", 1, "seed of the campaign in the tests")

// trials is the number of bit flips per pair in the tests.
func trials() int {
	if testing.Short() {
		return 500
	}
	return 3000
}

// pairsOf returns the pairs of strategy s.
func pairsOf(s strategies.Strategy) []Pair {
	var out []Pair
	for _, p := range Pairs() {
		if p.S == s {
			out = append(out, p)
		}
	}
	return out
}

// shortPairs is every pair, or under -short one codec per strategy: raw,
// or json for the strategies that cannot carry raw.
func shortPairs() []Pair {
	if !testing.Short() {
		return nil
	}
	var out []Pair
	for _, p := range Pairs() {
		if p.C == strategies.Raw || (p.C == strategies.JSON && strategies.Applies(p.S, strategies.Raw, strategies.Blob) != nil) {
			out = append(out, p)
		}
	}
	return out
}

func run(t *testing.T, cfg Config, pairs []Pair) []Row {
	t.Helper()
	t.Logf("seed %d (-faults.seed), kinds %v, %d bit flips", cfg.Seed, cfg.Kinds, cfg.Trials)
	rows, err := Run(cfg, pairs)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCRCNeverSilent is the campaign's headline: lenprefix-crc delivers no
// wrong message under any fault, with any codec, and detects every bit flip.
func TestCRCNeverSilent(t *testing.T) {
	rows := run(t, Config{Trials: trials(), Seed: *seed}, pairsOf(strategies.LenPrefixCRC))
	if len(rows) != len(strategies.Codecs) {
		t.Fatalf("%d lenprefix-crc rows, want one per codec", len(rows))
	}
	for _, r := range rows {
		for i, c := range r.ByKind {
			if c.Silent != 0 {
				t.Errorf("%s/%s %s: %d silent corruptions in %d trials, want 0", r.Strategy, r.Codec, Kinds[i], c.Silent, c.Trials)
			}
		}
		if bf := r.Kind(BitFlip); bf.Detected != bf.Trials {
			t.Errorf("%s/%s: %d of %d bit flips detected, want all", r.Strategy, r.Codec, bf.Detected, bf.Trials)
		}
	}
}

// TestLenPrefixRawSilent: the same flips in plain lenprefix with raw are
// almost all silent: nothing checks the payload. The campaign can fail.
func TestLenPrefixRawSilent(t *testing.T) {
	rows := run(t, Config{Trials: trials(), Seed: *seed, Kinds: []Kind{BitFlip}}, []Pair{{strategies.LenPrefix, strategies.Raw}})
	bf := rows[0].Kind(BitFlip)
	if bf.Silent < bf.Trials*9/10 {
		t.Errorf("lenprefix/raw: %d silent in %d bit flips, want over 90%%", bf.Silent, bf.Trials)
	}
}

// TestShortReads: every reader but oneread takes any read sizes, on any
// transport, without a word; oneread fails, as it exists to.
func TestShortReads(t *testing.T) {
	rows := run(t, Config{Seed: *seed, Kinds: []Kind{ShortRead}}, nil)
	for _, r := range rows {
		c := r.Kind(ShortRead)
		if r.Strategy == "oneread" {
			if c.Detected == 0 {
				t.Errorf("oneread/%s: no short read detected in %d trials", r.Codec, c.Trials)
			}
			continue
		}
		if c.Detected+c.Hung+c.Silent+c.Vanished+c.Lost != 0 {
			t.Errorf("%s/%s: short reads: %+v, want no errors, hangs, wrong, vanished or lost messages", r.Strategy, r.Codec, c)
		}
		if c.AtRisk != c.Trials*len(StreamSizes) {
			t.Errorf("%s/%s: %d messages at risk in %d short-read trials, want %d each", r.Strategy, r.Codec, c.AtRisk, c.Trials, len(StreamSizes))
		}
		if c.Trials < 3+chunkSeeds {
			t.Errorf("%s/%s: %d shortread trials, want at least %d", r.Strategy, r.Codec, c.Trials, 3+chunkSeeds)
		}
	}
}

// TestTruncation: a stream cut anywhere never yields a wrong message or
// loses one before the cut, no message cut short vanishes without an
// error, and every cut inside a message is an error.
func TestTruncation(t *testing.T) {
	rows := run(t, Config{Seed: *seed, Kinds: []Kind{Truncate}}, shortPairs())
	for _, r := range rows {
		c := r.Kind(Truncate)
		if c.Silent != 0 || c.Lost != 0 || c.Vanished != 0 || c.Hung != 0 {
			t.Errorf("%s/%s: truncation: %+v, want no silent, vanished or lost messages", r.Strategy, r.Codec, c)
		}
		// Cuts at the 8 boundaries are clean; json's stream may also be cut
		// before the newline that ends a message.
		if undetected := c.Trials - c.Detected; undetected > 2*len(StreamSizes) {
			t.Errorf("%s/%s: %d of %d cuts undetected", r.Strategy, r.Codec, undetected, c.Trials)
		}
	}
}

// TestSeeded: the same seed gives the same counts at any parallelism; a
// different seed different bit flips.
func TestSeeded(t *testing.T) {
	pairs := []Pair{{strategies.LenPrefix, strategies.Gob}, {strategies.Varint, strategies.Msgpack}, {strategies.Stream, strategies.JSON}}
	cfg := Config{Trials: 300, Seed: 7, Transports: []string{}}
	if testing.Short() {
		cfg.Kinds = []Kind{BitFlip}
	}
	a := run(t, cfg, pairs)
	cfg.Parallel = 1
	b := run(t, cfg, pairs)
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("seed 7 gave %+v, then %+v", a[i], b[i])
		}
	}
	cfg.Seed = 8
	c := run(t, cfg, pairs)
	if a[0].Kind(BitFlip) == c[0].Kind(BitFlip) && a[1].Kind(BitFlip) == c[1].Kind(BitFlip) {
		t.Errorf("seeds 7 and 8 gave the same bit-flip counts: %+v", a[0].Kind(BitFlip))
	}
}

// TestHostileHeaders: every hostile header at every boundary is detected
// by the project's framed readers (the peers and the stream decoders may
// take some for data), and none of them panics or hangs (the campaign
// returns).
func TestHostileHeaders(t *testing.T) {
	rows := run(t, Config{Seed: *seed, Kinds: []Kind{Hostile}}, nil)
	for _, r := range rows {
		c := r.Kind(Hostile)
		if want := len(HostileHeaders) * (len(StreamSizes) + 1); c.Trials != want {
			t.Errorf("%s/%s: %d hostile trials, want %d", r.Strategy, r.Codec, c.Trials, want)
		}
		switch r.Strategy {
		case "lenprefix", "lenprefix-crc", "newline":
			if c.Detected != c.Trials || c.Silent != 0 {
				t.Errorf("%s/%s: hostile headers: %+v, want every one detected, none silent", r.Strategy, r.Codec, c)
			}
		}
	}
}

func TestChunkReader(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	rng := rand.New(rand.NewPCG(*seed, 0))
	r := ChunkReader(bytes.NewReader(data), rng, 17)
	var got []byte
	buf := make([]byte, 100)
	for {
		n, err := r.Read(buf)
		if n < 0 || n > 17 {
			t.Fatalf("Read returned %d bytes, want 1 to 17", n)
		}
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("ChunkReader changed the data")
	}
}

// TestCounts: Total adds up the kinds, field by field.
func TestCounts(t *testing.T) {
	r := Row{ByKind: [numKinds]Counts{
		{1, 1, 0, 0, 0, 2, 8, 0, 0},
		{2, 0, 1, 1, 0, 0, 8, 1, 1},
		{3, 0, 0, 0, 2, 0, 24, 0, 0},
		{4, 4, 4, 4, 4, 4, 32, 4, 4},
		{4, 3, 0, 1, 1, 2, 24, 2, 3},
	}}
	if got, want := r.Total(), (Counts{14, 8, 5, 6, 7, 8, 96, 7, 8}); got != want {
		t.Errorf("Total() = %+v, want %+v", got, want)
	}
	if got := r.Kind(Hostile); got != r.ByKind[3] {
		t.Errorf("Kind(Hostile) = %+v", got)
	}
	if len(Kinds) != numKinds {
		t.Errorf("%d kinds, Row.ByKind holds %d", len(Kinds), numKinds)
	}
}
