package faults

import (
	"bytes"
	"io"
	"math/rand/v2"

	"framebench/strategies"
)

// outcome is what one trial did (see Counts).
type outcome struct {
	detected, hung, silent, vanished bool
	lost, atRisk                     int
	resynced, harmed                 bool
}

// trial describes what a damaged stream should still deliver.
type trial struct {
	// present reports whether message i is on the stream and untouched by
	// the fault: it should arrive intact.
	present func(i int) bool
	// damaged is the message the fault damaged, or -1: it may not arrive,
	// but if it vanishes with no error and no wrong message, it is counted.
	damaged int
	// after is the first message past the fault: one of those arriving
	// intact after harm is a resync.
	after int
	// live: the reader is on a transport that has no end; stop after the
	// last message or the first error rather than wait for io.EOF.
	live bool
	// stopped, if not nil, reports whether the campaign stopped the
	// transport because it made no progress: the error that follows is a
	// hang, not a detection.
	stopped func() bool
}

// maxErrorRun is how many errors in a row a reader may return before the
// trial counts it as having given up; an error repeated word for word ends
// the trial at once (a sticky error).
const maxErrorRun = 32

// record is what trace saw beyond a trial's outcome: what a recovery
// trial (Recover) tells in full.
type record struct {
	err          error  // the reader's first error
	stopped      bool   // the reading ended other than at io.EOF
	got          uint64 // bit i: message i arrived intact
	wrong        int    // deliveries of messages never sent
	wrongInPlace bool   // one of them came where the damaged message was due
}

// judge reads from rd as trace does and returns the trial's outcome.
func (st *stream) judge(rd strategies.Reader, t trial) outcome {
	o, _ := st.trace(rd, t)
	return o
}

// trace reads from rd until io.EOF, until it gives up, or, on a live
// transport, until the last message or the first error, and compares what
// arrived with st.msgs. A delivered message is compared before the next
// call, as it may alias the reader's buffer. Every trial of the campaign,
// the recovery trials included, is judged here.
func (st *stream) trace(rd strategies.Reader, t trial) (outcome, record) {
	var o outcome
	var rec record
	n := len(st.msgs)
	expected := func(i int) bool { return t.present(i) || i == t.damaged }
	next := 0 // messages before next are done with
	delivered := 0
	harmed := false
	run, last := 0, ""
	rec.stopped = true               // unless io.EOF ends the reading
	limit := len(st.data) + 2*n + 16 // every call that delivers consumes input
	for calls := 0; calls < limit; calls++ {
		if t.live && delivered >= n {
			rec.stopped = false
			break
		}
		var m strategies.Message
		err := rd.ReadMessage(&m)
		if err == io.EOF {
			rec.stopped = false
			break
		}
		if err != nil {
			o.detected, harmed = true, true
			if rec.err == nil {
				rec.err = err
			}
			if t.live {
				break
			}
			// A sticky error, or errors without end: the reader has given up.
			run++
			s := err.Error()
			if s == last || run >= maxErrorRun {
				break
			}
			last = s
			continue
		}
		run, last = 0, ""
		delivered++
		j := next
		for j < n && !strategies.Equal(&m, st.msgs[j]) {
			j++
		}
		if j == n {
			o.silent, harmed = true, true
			if !rec.wrongInPlace && next == t.damaged {
				rec.wrongInPlace = true
			}
			rec.wrong++
			continue
		}
		for i := next; i < j; i++ {
			harmed = harmed || expected(i) // skipped: vanished, so far
		}
		rec.got |= 1 << j
		if harmed && j >= t.after {
			o.resynced = true
		}
		next = j + 1
	}
	if t.stopped != nil && t.stopped() {
		// The error (or io.EOF) came from closing the transport.
		o.hung, o.detected = true, false
	}
	missing, goodAfter := false, false
	for i := range n {
		arrived := rec.got&(1<<i) != 0
		if t.present(i) {
			o.atRisk++
			if !arrived {
				o.lost++
			}
			goodAfter = goodAfter || i >= t.after
		}
		missing = missing || (expected(i) && !arrived)
	}
	o.vanished = missing && !o.detected && !o.silent && !o.hung
	o.harmed = (harmed || o.vanished || o.hung) && goodAfter
	return o, rec
}

// all is trial.present for a stream the fault left whole.
func all(int) bool { return true }

// reader returns a reader of the pair's strategy over data.
func (st *stream) reader(r io.Reader) strategies.Reader {
	return st.p.S.NewReader(r, st.p.C, st.opts)
}

// bitFlips flips one random bit of the stream per trial.
func (st *stream) bitFlips(rng *rand.Rand, trials int) Counts {
	var c Counts
	buf := make([]byte, len(st.data))
	for range trials {
		copy(buf, st.data)
		off := rng.IntN(len(buf))
		buf[off] ^= 1 << rng.IntN(8)
		d := st.messageAt(off)
		c.add(st.judge(st.reader(bytes.NewReader(buf)), trial{
			present: func(i int) bool { return i != d },
			damaged: d,
			after:   d + 1,
		}))
	}
	return c
}

// truncations cuts the stream at every offset: the messages wholly before
// the cut should arrive, then io.EOF at a boundary or an error inside a
// message. A message cut short that vanishes without an error is counted.
func (st *stream) truncations() Counts {
	var c Counts
	for cut := range len(st.data) {
		d := st.messageAt(cut)
		damaged := d
		if cut == st.start(d) {
			damaged = -1 // a clean cut between messages: nothing to see
		}
		c.add(st.judge(st.reader(bytes.NewReader(st.data[:cut])), trial{
			present: func(i int) bool { return i < d },
			damaged: damaged,
			after:   len(st.msgs),
		}))
	}
	return c
}

// hostile inserts each hostile header at every message boundary.
func (st *stream) hostile() Counts {
	var c Counts
	for _, h := range HostileHeaders {
		for k := range len(st.msgs) + 1 {
			at := st.start(k)
			buf := make([]byte, 0, len(st.data)+len(h.Bytes))
			buf = append(append(append(buf, st.data[:at]...), h.Bytes...), st.data[at:]...)
			c.add(st.judge(st.reader(bytes.NewReader(buf)), trial{present: all, damaged: -1, after: k}))
		}
	}
	return c
}
