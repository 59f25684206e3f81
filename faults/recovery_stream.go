package faults

import (
	"bytes"
	"fmt"

	"framebench/strategies"
)

// recoveryStream builds the stream of a recovery trial: framed strategies
// get each frame from the strategy's own framing, so the bad one is
// well-framed where f says so; stream strategies get one encoder for the
// whole stream (gob sends its types once) and the bad bytes spliced in.
func recoveryStream(p Pair, f Fault) (*stream, error) {
	n := RecoverBefore + 1 + RecoverAfter
	st := &stream{p: p, msgs: make([]*strategies.Message, n)}
	for i := range st.msgs {
		size := RecoverSize
		if i == RecoverBefore && f == Oversized {
			size = OversizedSize
		}
		st.msgs[i] = strategies.NewMessage(strategies.Blob, size, uint64(i+1))
	}
	good, err := p.C.Append(nil, st.msgs[0])
	if err != nil {
		return nil, err
	}
	segs, err := segments(p, st.msgs)
	if err != nil {
		return nil, fmt.Errorf("faults: recovery %s/%s/%s: %w", p.S.Name(), p.C.Name(), f, err)
	}
	bad := segs[RecoverBefore]
	switch f {
	case Corrupt:
		bad = bytes.Clone(bad)
		bad[len(bad)/2] ^= 0x01
	case Garbage:
		junk := bytes.Repeat([]byte{0xff}, len(good))
		if fr := strategies.Frames(p.S); fr != nil {
			if bad, err = frame(fr, junk); err != nil {
				return nil, err
			}
		} else {
			bad = junk
		}
		// The writer sent these bytes: a codec that reads them as a
		// message (raw does) delivers what was sent, not a wrong message.
		var m strategies.Message
		if p.C.Unmarshal(bytes.Clone(junk), &m) == nil {
			st.msgs[RecoverBefore] = &m
		}
	case Truncated:
		bad = bad[:len(bad)/2]
	}
	segs[RecoverBefore] = bad
	for _, seg := range segs {
		st.data = append(st.data, seg...)
		st.ends = append(st.ends, len(st.data))
	}
	st.opts = strategies.Options{MaxFrame: RecoverMaxFrame, FixedSize: len(good)}
	return st, nil
}

// segments encodes msgs and returns each message's bytes on the wire.
func segments(p Pair, msgs []*strategies.Message) ([][]byte, error) {
	segs := make([][]byte, len(msgs))
	if fr := strategies.Frames(p.S); fr != nil {
		for i, m := range msgs {
			b, err := p.C.Append(nil, m)
			if err == nil {
				segs[i], err = frame(fr, b)
			}
			if err != nil {
				return nil, err
			}
		}
		return segs, nil
	}
	var buf bytes.Buffer
	w := p.S.NewWriter(&buf, p.C, strategies.Options{})
	for i, m := range msgs {
		start := buf.Len()
		if err := w.WriteMessage(m); err != nil {
			return nil, err
		}
		segs[i] = bytes.Clone(buf.Bytes()[start:])
	}
	return segs, nil
}

// frame returns b as one frame of framing fr, written under a limit that
// lets it through.
func frame(fr strategies.Framing, b []byte) ([]byte, error) {
	var buf bytes.Buffer
	o := strategies.Options{MaxFrame: max(len(b), 1), FixedSize: len(b)}
	if err := fr.NewFrameWriter(&buf, o).WriteFrame(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
