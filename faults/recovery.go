package faults

import (
	"bytes"
	"fmt"

	"framebench/strategies"
)

// Fault is a kind of bad message that a recovery trial puts between good
// ones; the values are the names used in tables.
type Fault string

// The faults of the recovery trials, in report order. Corrupt, Garbage
// and Oversized leave the frame boundaries where they were; Truncated
// moves them.
const (
	// Corrupt flips one bit in the middle of a message: damage on the wire.
	Corrupt Fault = "corrupt"
	// Garbage sends a well-framed message of 0xff bytes, which every codec
	// but raw rejects; stream strategies get the bytes in place of a message.
	Garbage Fault = "garbage"
	// Oversized sends a message over the reader's maximum (RecoverMaxFrame,
	// and bufio.Scanner's 64 KiB), written by a writer with a larger one.
	Oversized Fault = "oversized"
	// Truncated cuts a message in half, as a writer that died mid-message
	// and was replaced, and goes on with the next message.
	Truncated Fault = "truncated"
)

// Faults is the registry of recovery faults in report order.
var Faults = []Fault{Corrupt, Garbage, Oversized, Truncated}

// The shape of a recovery stream: RecoverBefore good messages, the bad
// one, then RecoverAfter good ones, each of RecoverSize payload bytes
// (blobs; the oversized message has OversizedSize), read with MaxFrame
// RecoverMaxFrame.
const (
	RecoverBefore   = 2
	RecoverAfter    = 4
	RecoverSize     = 1000
	OversizedSize   = 128 << 10
	RecoverMaxFrame = 64 << 10
)

// Recovery is what a reader did with one bad message between good ones: one
// trial of the Recoveries kind, told in full.
type Recovery struct {
	Strategy, Codec string
	Fault           Fault
	// Detected: the reader returned an error (Err is the first).
	Detected bool
	Err      error
	// Silent: a message that was never sent arrived with no error.
	Silent bool
	// Accepted: the bad message arrived as it was written (a stream
	// strategy has no size limit; a flipped bit the codec does not use).
	Accepted bool
	// Arrived counts the good messages after the bad one that arrived
	// intact, out of RecoverAfter.
	Arrived int
	// Wrong counts the messages that arrived but were never sent, the bad
	// one delivered wrong aside: what a lost boundary makes of the rest.
	Wrong int
	// Stopped: the reader ended with an error rather than io.EOF: it
	// cannot go on.
	Stopped bool
}

// Verdict says in a few words what happened to the messages after the bad
// one: "intact" (all arrived), "lost" (none), "lost N/M" (some), followed
// by ", K wrong" if messages that were never sent arrived in their place.
func (r Recovery) Verdict() string {
	v := fmt.Sprintf("lost %d/%d", RecoverAfter-r.Arrived, RecoverAfter)
	switch r.Arrived {
	case RecoverAfter:
		v = "intact"
	case 0:
		v = "lost"
	}
	if r.Wrong > 0 {
		v += fmt.Sprintf(", %d wrong", r.Wrong)
	}
	return v
}

// Bad says what the reader did with the bad message itself: "error",
// "silent" (a wrong message with no error), "error+silent", "accepted", or
// "vanished" (no error, nothing wrong delivered in its place, and it never
// arrived: what the campaign counts as vanished).
func (r Recovery) Bad() string {
	switch {
	case r.Detected && r.Silent:
		return "error+silent"
	case r.Silent:
		return "silent"
	case r.Detected:
		return "error"
	case r.Accepted:
		return "accepted"
	}
	return "vanished"
}

// Recovers reports whether the reader skipped the bad message and went on:
// every later message intact, none invented.
func (r Recovery) Recovers() bool { return r.Arrived == RecoverAfter && r.Wrong == 0 && !r.Stopped }

// RecoverAll runs Recover for every pair (Pairs) and fault, in registry
// order: strategy, then codec, then fault.
func RecoverAll() ([]Recovery, error) {
	var out []Recovery
	for _, s := range strategies.Strategies {
		for _, c := range strategies.Codecs {
			if strategies.Applies(s, c, strategies.Blob) != nil {
				continue
			}
			for _, f := range Faults {
				r, err := Recover(Pair{s, c}, f)
				if err != nil {
					return nil, err
				}
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// Recover writes RecoverBefore good messages, one bad message of kind f and
// RecoverAfter good ones with pair p, reads the stream back with one reader
// and reports what arrived. It is judged as every trial of the campaign is
// (stream.trace).
func Recover(p Pair, f Fault) (Recovery, error) {
	res := Recovery{Strategy: p.S.Name(), Codec: p.C.Name(), Fault: f}
	st, err := recoveryStream(p, f)
	if err != nil {
		return res, err
	}
	_, rec := st.trace(st.reader(bytes.NewReader(st.data)), recoveryTrial)
	res.Detected, res.Err, res.Stopped = rec.err != nil, rec.err, rec.stopped
	res.Silent = rec.wrong > 0
	res.Wrong = rec.wrong
	if rec.wrongInPlace {
		res.Wrong-- // the bad message itself, delivered wrong
	}
	res.Accepted = rec.got&(1<<RecoverBefore) != 0
	for i := RecoverBefore + 1; i < len(st.msgs); i++ {
		if rec.got&(1<<i) != 0 {
			res.Arrived++
		}
	}
	return res, nil
}

// recoveryTrial is what a recovery stream should still deliver: every
// message but the bad one.
var recoveryTrial = trial{
	present: func(i int) bool { return i != RecoverBefore },
	damaged: RecoverBefore,
	after:   RecoverBefore + 1,
}

// recoveries runs a recovery trial of every fault on pair p.
func recoveries(p Pair) (Counts, error) {
	var c Counts
	for _, f := range Faults {
		st, err := recoveryStream(p, f)
		if err != nil {
			return c, err
		}
		c.add(st.judge(st.reader(bytes.NewReader(st.data)), recoveryTrial))
	}
	return c, nil
}
