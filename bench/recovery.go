package bench

import (
	"bytes"
	"fmt"
	"io"

	"framebench/strategies"
)

// Fault is a kind of bad message that Recover puts between good ones.
type Fault string

// The faults, in report order. Corrupt, Garbage and Oversized leave the
// frame boundaries where they were; Truncated moves them.
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

// Faults is the fault registry in report order.
var Faults = []Fault{Corrupt, Garbage, Oversized, Truncated}

// The shape of a recovery stream: Before good messages, the bad one, then
// After good ones, each of RecoverSize payload bytes (blobs; the oversized
// message has OversizedSize) read with MaxFrame RecoverMaxFrame.
const (
	RecoverBefore   = 2
	RecoverAfter    = 4
	RecoverSize     = 1000
	OversizedSize   = 128 << 10
	RecoverMaxFrame = 64 << 10
)

// maxErrorRun is how many errors in a row Recover takes from a reader
// before it counts the reader as having given up.
const maxErrorRun = 32

// Recovery is what a reader did with one bad message between good ones.
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
// arrived: what the fault campaign counts as vanished).
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

// RecoverAll runs Recover for every strategy, codec and fault that apply to
// each other (blob payloads), in registry order.
func RecoverAll() ([]Recovery, error) {
	var out []Recovery
	for _, s := range strategies.Strategies {
		for _, c := range strategies.Codecs {
			if strategies.Applies(s, c, strategies.Blob) != nil {
				continue
			}
			for _, f := range Faults {
				r, err := Recover(s, c, f)
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
// RecoverAfter good ones with strategy s and codec c, reads the stream back
// with one reader and reports what arrived. Framed strategies get each
// frame from the strategy's own framing, so the bad one is well-framed
// where f says so; stream strategies get one encoder for the whole stream
// (gob sends its types once) and the bad bytes spliced in.
func Recover(s strategies.Strategy, c strategies.Codec, f Fault) (Recovery, error) {
	res := Recovery{Strategy: s.Name(), Codec: c.Name(), Fault: f}
	n := RecoverBefore + 1 + RecoverAfter
	msgs := make([]*strategies.Message, n)
	for i := range msgs {
		size := RecoverSize
		if i == RecoverBefore && f == Oversized {
			size = OversizedSize
		}
		msgs[i] = strategies.NewMessage(strategies.Blob, size, uint64(i+1))
	}
	good, err := c.Append(nil, msgs[0])
	if err != nil {
		return res, err
	}
	segs, err := segments(s, c, msgs)
	if err != nil {
		return res, fmt.Errorf("bench: recovery %s/%s/%s: %w", s.Name(), c.Name(), f, err)
	}
	bad := segs[RecoverBefore]
	switch f {
	case Corrupt:
		bad = bytes.Clone(bad)
		bad[len(bad)/2] ^= 0x01
	case Garbage:
		junk := bytes.Repeat([]byte{0xff}, len(good))
		if fr := strategies.Frames(s); fr != nil {
			bad, err = frame(fr, junk)
		} else {
			bad = junk
		}
	case Truncated:
		bad = bad[:len(bad)/2]
	}
	if err != nil {
		return res, err
	}
	var stream []byte
	for i, seg := range segs {
		if i == RecoverBefore {
			seg = bad
		}
		stream = append(stream, seg...)
	}

	o := strategies.Options{MaxFrame: RecoverMaxFrame, FixedSize: len(good)}
	rd := s.NewReader(bytes.NewReader(stream), c, o)
	next := 0 // index in msgs of the next message expected
	var prev error
	run := 0
	// Every call that delivers a message consumes input: a reader that has
	// not reached io.EOF after this many calls never will.
	for range len(stream) + 4*n {
		var m strategies.Message
		err := rd.ReadMessage(&m)
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			if !res.Detected {
				res.Detected, res.Err = true, err
			}
			// A sticky error, or errors without end: the reader has given up.
			if run++; err == prev || run >= maxErrorRun {
				break
			}
			prev = err
			continue
		}
		run = 0
		j := next
		for j < n && !strategies.Equal(&m, msgs[j]) {
			j++
		}
		switch {
		case j < n:
			if j == RecoverBefore {
				res.Accepted = true
			} else if j > RecoverBefore {
				res.Arrived++
			}
			next = j + 1
		case next == RecoverBefore:
			res.Silent, next = true, RecoverBefore+1 // the bad message, delivered wrong
		default:
			res.Silent = true
			res.Wrong++
		}
	}
	res.Stopped = true
	return res, nil
}

// segments encodes msgs and returns each message's bytes on the wire.
func segments(s strategies.Strategy, c strategies.Codec, msgs []*strategies.Message) ([][]byte, error) {
	segs := make([][]byte, len(msgs))
	if fr := strategies.Frames(s); fr != nil {
		for i, m := range msgs {
			p, err := c.Append(nil, m)
			if err == nil {
				segs[i], err = frame(fr, p)
			}
			if err != nil {
				return nil, err
			}
		}
		return segs, nil
	}
	var buf bytes.Buffer
	w := s.NewWriter(&buf, c, strategies.Options{})
	for i, m := range msgs {
		start := buf.Len()
		if err := w.WriteMessage(m); err != nil {
			return nil, err
		}
		segs[i] = buf.Bytes()[start:buf.Len():buf.Len()]
	}
	return segs, nil
}

// frame returns p as one frame of framing fr, written under a limit that
// lets it through.
func frame(fr strategies.Framing, p []byte) ([]byte, error) {
	var buf bytes.Buffer
	o := strategies.Options{MaxFrame: max(len(p), 1), FixedSize: len(p)}
	if err := fr.NewFrameWriter(&buf, o).WriteFrame(p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
