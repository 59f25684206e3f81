package faults

import (
	"testing"

	"framebench/strategies"
)

// recoveries runs RecoverAll once for the tests and indexes the results.
func recoveryTable(t *testing.T) map[[3]string]Recovery {
	t.Helper()
	rs, err := RecoverAll()
	if err != nil {
		t.Fatal(err)
	}
	m := map[[3]string]Recovery{}
	for _, r := range rs {
		m[[3]string{r.Strategy, r.Codec, string(r.Fault)}] = r
	}
	return m
}

// each calls f for every codec that strategy s carries.
func each(s strategies.Strategy, f func(c strategies.Codec)) {
	for _, c := range strategies.Codecs {
		if strategies.Applies(s, c, strategies.Blob) == nil {
			f(c)
		}
	}
}

// TestRecovery holds the recovery table to the design: the framed
// strategies skip a bad frame whose boundary is known and deliver every
// later message; lenprefix-crc and newline also find their way back after
// a message cut short, and lenprefix-crc reports every corrupted payload;
// the stream strategies, oneread and scanner cannot go on.
func TestRecovery(t *testing.T) {
	rs := recoveryTable(t)
	get := func(s strategies.Strategy, c strategies.Codec, f Fault) Recovery {
		r, ok := rs[[3]string{s.Name(), c.Name(), string(f)}]
		if !ok {
			t.Fatalf("no recovery result for %s/%s/%s", s.Name(), c.Name(), f)
		}
		return r
	}
	for _, s := range []strategies.Strategy{strategies.LenPrefix, strategies.Varint, strategies.LenPrefixCRC, strategies.Newline} {
		each(s, func(c strategies.Codec) {
			for _, f := range []Fault{Corrupt, Garbage, Oversized} {
				if r := get(s, c, f); !r.Recovers() {
					t.Errorf("%s/%s/%s: %s after the bad message (error %v), want every later message intact", s.Name(), c.Name(), f, r.Verdict(), r.Err)
				}
			}
		})
	}
	for _, s := range []strategies.Strategy{strategies.LenPrefixCRC, strategies.Newline} {
		each(s, func(c strategies.Codec) {
			if r := get(s, c, Truncated); r.Arrived == 0 || r.Silent {
				t.Errorf("%s/%s/truncated: %s, silent %v; want a resync: later messages intact, none wrong", s.Name(), c.Name(), r.Verdict(), r.Silent)
			}
		})
	}
	each(strategies.LenPrefixCRC, func(c strategies.Codec) {
		if r := get(strategies.LenPrefixCRC, c, Corrupt); !r.Detected || r.Silent {
			t.Errorf("lenprefix-crc/%s/corrupt: detected %v, silent %v; want detected, not silent", c.Name(), r.Detected, r.Silent)
		}
	})
	each(strategies.LenPrefix, func(c strategies.Codec) {
		if r := get(strategies.LenPrefix, c, Corrupt); r.Detected && c == strategies.Raw {
			t.Errorf("lenprefix/raw/corrupt: detected; nothing checks a raw payload, the test is wrong")
		}
	})
	cannot := map[strategies.Strategy][]Fault{
		strategies.Stream:   {Garbage, Truncated},
		strategies.Buffered: {Garbage, Truncated},
		strategies.OneRead:  {Oversized},
		strategies.Scanner:  {Oversized},
	}
	for s, fs := range cannot {
		each(s, func(c strategies.Codec) {
			for _, f := range fs {
				if r := get(s, c, f); r.Recovers() {
					t.Errorf("%s/%s/%s: every later message arrived; the design says this strategy cannot go on", s.Name(), c.Name(), f)
				}
			}
		})
	}
	if r := get(strategies.Stream, strategies.Gob, Oversized); !r.Accepted || !r.Recovers() {
		t.Errorf("stream/gob/oversized: %s, %s; a stream decoder has no limit: want the big message accepted", r.Bad(), r.Verdict())
	}
}

// TestRecoverStopsOnStickyErrors: a reader that returns the same error for
// ever ends the trial as "gave up", and one that makes no progress at all
// is bounded too.
func TestRecoverStopsOnStickyErrors(t *testing.T) {
	r, err := Recover(Pair{strategies.Stream, strategies.JSON}, Garbage)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Stopped || !r.Detected || r.Arrived != 0 {
		t.Errorf("stream/json/garbage = %+v; want detected, nothing after it, gave up", r)
	}
	r, err = Recover(Pair{strategies.Msgio, strategies.Raw}, Oversized)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Stopped || r.Arrived != 0 {
		t.Errorf("msgio/raw/oversized = %+v; msgio keeps refusing the same length: want gave up", r)
	}
}

// TestRecoveriesKind: the campaign's recovery kind counts the same trials
// that Recover tells in full, judged by the one algorithm: four trials per
// pair, as many detected and silent as the Recovery records say, and as
// many good messages lost as failed to arrive after the bad one.
func TestRecoveriesKind(t *testing.T) {
	for _, p := range []Pair{{strategies.LenPrefix, strategies.Raw}, {strategies.Stream, strategies.Gob}, {strategies.Scanner, strategies.JSON}} {
		row, err := RunPair(Config{Kinds: []Kind{Recoveries}}, p)
		if err != nil {
			t.Fatal(err)
		}
		var want Counts
		for _, f := range Faults {
			r, err := Recover(p, f)
			if err != nil {
				t.Fatal(err)
			}
			want.Trials++
			want.Detected += b2i(r.Detected)
			want.Silent += b2i(r.Silent)
			want.Lost += RecoverAfter - r.Arrived
			want.AtRisk += RecoverBefore + RecoverAfter
		}
		got := row.Kind(Recoveries)
		if got.Trials != want.Trials || got.Detected != want.Detected || got.Silent != want.Silent || got.AtRisk != want.AtRisk || got.Lost < want.Lost {
			t.Errorf("%s/%s: recovery counts %+v, want %+v (lost at least)", p.S.Name(), p.C.Name(), got, want)
		}
		for i, k := range Kinds {
			if k != Recoveries && row.ByKind[i] != (Counts{}) {
				t.Errorf("%s/%s: kind %s ran: %+v", p.S.Name(), p.C.Name(), k, row.ByKind[i])
			}
		}
	}
}
