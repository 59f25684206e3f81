package faults

import (
	"errors"
	"io"
	"testing"
	"time"

	"framebench/bench"
	"framebench/strategies"
)

// scriptReader plays a reader's part: it delivers the stream's messages
// (or a wrong one, -1) in the order given, an error where the script says
// -2, then io.EOF.
type scriptReader struct {
	st     *stream
	script []int
}

func (r *scriptReader) ReadMessage(m *strategies.Message) error {
	if len(r.script) == 0 {
		return io.EOF
	}
	i := r.script[0]
	r.script = r.script[1:]
	switch i {
	case -1:
		*m = strategies.Message{Blob: []byte("never sent")}
	case -2:
		return errors.New("scripted error")
	default:
		*m = *r.st.msgs[i]
	}
	return nil
}

func testStream(t *testing.T) *stream {
	t.Helper()
	st, err := newStream(Pair{strategies.LenPrefix, strategies.Raw})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestJudge: the columns of one trial, for readers that deliver
// everything, skip the damaged message or a good one without a word, skip
// one with an error, or deliver a wrong message.
func TestJudge(t *testing.T) {
	st := testStream(t)
	n := len(st.msgs)
	seq := func(skip ...int) []int {
		var out []int
		for i := range n {
			if len(skip) == 0 || i != skip[0] {
				out = append(out, i)
			} else if len(skip) > 1 {
				out = append(out, skip[1])
			}
		}
		return out
	}
	flip3 := trial{present: func(i int) bool { return i != 3 }, damaged: 3, after: 4}
	for _, tc := range []struct {
		name   string
		script []int
		t      trial
		want   outcome
	}{
		{"all arrive", seq(), trial{present: all, damaged: -1}, outcome{atRisk: n}},
		{"the damaged one arrives intact", seq(), flip3, outcome{atRisk: n - 1}},
		{"the damaged one vanishes", seq(3), flip3, outcome{vanished: true, atRisk: n - 1, resynced: true, harmed: true}},
		{"a good one vanishes", seq(5), flip3, outcome{vanished: true, lost: 1, atRisk: n - 1, resynced: true, harmed: true}},
		{"an error in its place", seq(3, -2), flip3, outcome{detected: true, atRisk: n - 1, resynced: true, harmed: true}},
		{"a wrong one in its place", seq(3, -1), flip3, outcome{silent: true, atRisk: n - 1, resynced: true, harmed: true}},
		{"the last one vanishes", seq(n - 1), trial{present: func(i int) bool { return i != n-1 }, damaged: n - 1, after: n},
			outcome{vanished: true, atRisk: n - 1}},
		{"cut at a boundary", seq()[:4], trial{present: func(i int) bool { return i < 4 }, damaged: -1, after: n}, outcome{atRisk: 4}},
		{"cut inside, no error", seq()[:4], trial{present: func(i int) bool { return i < 4 }, damaged: 4, after: n},
			outcome{vanished: true, atRisk: 4}},
	} {
		got := st.judge(&scriptReader{st, tc.script}, tc.t)
		if got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// TestHang: a transport trial whose reader waits for bytes that never come
// is counted as hung, not detected, soon after TransportDeadline; an
// intact one is not.
func TestHang(t *testing.T) {
	defer func(d time.Duration) { TransportDeadline = d }(TransportDeadline)
	TransportDeadline = 200 * time.Millisecond
	st := testStream(t)
	tr, err := bench.LookupTransport("pipe")
	if err != nil {
		t.Fatal(err)
	}
	cut := st.data[:st.ends[2]+3] // three messages, then 3 bytes of a header
	start := time.Now()
	o, ok := st.overTransport(tr, [][]byte{cut})
	if !ok || !o.hung || o.detected || o.vanished || o.lost != len(st.msgs)-3 || !o.harmed {
		t.Errorf("a reader left waiting: %+v, want hung, not detected, %d lost", o, len(st.msgs)-3)
	}
	if d := time.Since(start); d > 10*TransportDeadline {
		t.Errorf("the hang took %v to end, TransportDeadline is %v", d, TransportDeadline)
	}
	if o, _ := st.overTransport(tr, [][]byte{st.data}); o != (outcome{atRisk: len(st.msgs)}) {
		t.Errorf("an intact stream: %+v", o)
	}
}

// TestKindsIndependent: a kind's counts do not depend on the number of bit
// flips nor on the other kinds run, nor the shortread trials on the
// transports chosen.
func TestKindsIndependent(t *testing.T) {
	p := Pair{strategies.Stream, strategies.Pickle}
	row := func(cfg Config) Row {
		cfg.Seed = *seed
		r, err := RunPair(cfg, p)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	both := row(Config{Trials: 50, Kinds: []Kind{BitFlip, ShortRead}, Transports: []string{"pipe", "iopipe"}})
	flips := row(Config{Trials: 50, Kinds: []Kind{BitFlip}})
	short := row(Config{Trials: 500, Kinds: []Kind{ShortRead}, Transports: []string{"pipe", "iopipe"}})
	if both.Kind(BitFlip) != flips.Kind(BitFlip) {
		t.Errorf("bit flips alone %+v, beside short reads %+v", flips.Kind(BitFlip), both.Kind(BitFlip))
	}
	if both.Kind(ShortRead) != short.Kind(ShortRead) {
		t.Errorf("short reads with 500 bit flips %+v, with 50 %+v", short.Kind(ShortRead), both.Kind(ShortRead))
	}
	more := row(Config{Trials: 100, Kinds: []Kind{BitFlip}})
	if more.Kind(BitFlip) == flips.Kind(BitFlip) {
		t.Errorf("100 bit flips counted as 50: %+v", more.Kind(BitFlip))
	}
	chunksOnly := row(Config{Kinds: []Kind{ShortRead}, Transports: []string{}})
	if c, s := chunksOnly.Kind(ShortRead), short.Kind(ShortRead); c.Trials != 3+chunkSeeds || s.Trials != 5+chunkSeeds {
		t.Errorf("%d and %d shortread trials, want %d and %d", c.Trials, s.Trials, 3+chunkSeeds, 5+chunkSeeds)
	}
}
