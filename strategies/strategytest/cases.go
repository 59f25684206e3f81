package strategytest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing/iotest"

	"framebench/strategies"
)

// encode writes msgs with a fresh writer and returns the stream.
func (k pair) encode(msgs []*strategies.Message, o strategies.Options) ([]byte, error) {
	var buf bytes.Buffer
	w := k.s.NewWriter(&buf, k.c, o)
	for i, m := range msgs {
		if err := w.WriteMessage(m); err != nil {
			return nil, fmt.Errorf("%v: WriteMessage(#%d) = %v", k, i, err)
		}
	}
	return buf.Bytes(), nil
}

// decodeAll reads messages from r until an error and returns them with it.
func (k pair) decodeAll(r io.Reader, o strategies.Options, limit int) ([]*strategies.Message, error) {
	rd := k.s.NewReader(r, k.c, o)
	var got []*strategies.Message
	for len(got) <= limit {
		m := new(strategies.Message)
		if err := rd.ReadMessage(m); err != nil {
			return got, err
		}
		// The reader may reuse its buffer: keep a copy.
		cp := &strategies.Message{Blob: bytes.Clone(m.Blob), Items: m.Items}
		got = append(got, cp)
	}
	return got, fmt.Errorf("%v: reader returned more than the %d messages written", k, limit)
}

// expect checks that got equals msgs and that the stream then ended with io.EOF.
func (k pair) expect(what string, msgs, got []*strategies.Message, err error) error {
	for i := range got {
		if i >= len(msgs) || !strategies.Equal(got[i], msgs[i]) {
			return fmt.Errorf("%v: %s: message #%d differs from what was written", k, what, i)
		}
	}
	if len(got) != len(msgs) {
		return fmt.Errorf("%v: %s: got %d messages, want %d; error %v", k, what, len(got), len(msgs), err)
	}
	if err != io.EOF {
		return fmt.Errorf("%v: %s: after the last message ReadMessage = %v, want io.EOF", k, what, err)
	}
	return nil
}

// roundTrip writes three messages of n bytes and reads them back. Where
// the encoding is over a fixed reader limit (scanner's 64 KiB), the read
// must fail instead.
func (k pair) roundTrip(n int) error {
	msgs := k.messages(n, 3)
	o := k.opts(msgs)
	stream, err := k.encode(msgs, o)
	if err != nil {
		return err
	}
	got, err := k.decodeAll(bytes.NewReader(stream), o, len(msgs))
	if k.overLimit(msgs[0]) {
		if err == nil || err == io.EOF || len(got) > 0 {
			return fmt.Errorf("%v: %d messages over the reader's fixed limit were read; error %v", k, len(got), err)
		}
		return nil
	}
	return k.expect(fmt.Sprintf("round trip of %d bytes", n), msgs, got, err)
}

// overLimit reports whether m's encoding is over a fixed reader limit
// (one that Options do not set: scanner's).
func (k pair) overLimit(m *strategies.Message) bool {
	max, ok := k.limit0()
	if !ok {
		return false
	}
	b, err := k.c.Append(nil, m)
	return err == nil && len(b) > max
}

// limit0 returns the reader's limit under default options if it is fixed.
func (k pair) limit0() (int, bool) {
	max, ok := strategies.Limit(k.s, strategies.Options{})
	return max, ok && max != strategies.DefaultMaxFrame
}

// shortReads reads a stream through iotest's misbehaving readers. oneread
// must fail with ErrShortRead instead: that is its point.
func (k pair) shortReads() error {
	for _, n := range []int{16, 4096, 65537} {
		msgs := k.messages(n, 3)
		o := k.opts(msgs)
		stream, err := k.encode(msgs, o)
		if err != nil {
			return err
		}
		for name, r := range map[string]io.Reader{
			"OneByteReader": iotest.OneByteReader(bytes.NewReader(stream)),
			"HalfReader":    iotest.HalfReader(bytes.NewReader(stream)),
			"DataErrReader": iotest.DataErrReader(bytes.NewReader(stream)),
		} {
			got, err := k.decodeAll(r, o, len(msgs))
			if k.overLimit(msgs[0]) {
				continue // roundTrip checks that these fail
			}
			if !strategies.ShortReadSafe(k.s) {
				if name != "DataErrReader" && !errors.Is(err, strategies.ErrShortRead) {
					return fmt.Errorf("%v: %s at %d bytes: got %v, want ErrShortRead", k, name, n, err)
				}
				continue
			}
			if e := k.expect(fmt.Sprintf("%s at %d bytes", name, n), msgs, got, err); e != nil {
				return e
			}
		}
	}
	return nil
}

// truncated cuts a two-message stream at every offset (a sample of offsets
// for long streams): the messages wholly before the cut arrive intact, then
// io.EOF if the cut is at a message boundary and a *FrameError otherwise.
func (k pair) truncated() error {
	msgs := k.messages(300, 2)
	o := k.opts(msgs)
	first, err := k.encode(msgs[:1], o)
	if err != nil {
		return err
	}
	stream, err := k.encode(msgs, o)
	if err != nil {
		return err
	}
	for cut := 0; cut < len(stream); cut++ {
		got, err := k.decodeAll(bytes.NewReader(stream[:cut]), o, len(msgs))
		whole := 0
		if cut >= len(first) {
			whole = 1
		}
		// A stream codec may end a message with a separator (json's '\n'):
		// a cut inside it leaves the message whole.
		if ends := []int{len(first), len(stream)}; whole < 2 && cut < ends[whole] &&
			len(bytes.TrimSpace(stream[cut:ends[whole]])) == 0 && len(got) == whole+1 && err == io.EOF {
			continue
		}
		if len(got) != whole {
			return fmt.Errorf("%v: cut at %d of %d bytes: got %d messages, want %d (error %v)", k, cut, len(stream), len(got), whole, err)
		}
		for i := range got {
			if !strategies.Equal(got[i], msgs[i]) {
				return fmt.Errorf("%v: cut at %d: message #%d differs", k, cut, i)
			}
		}
		atBoundary := cut == 0 || cut == len(first)
		switch {
		case atBoundary && err != io.EOF:
			return fmt.Errorf("%v: cut at boundary %d: ReadMessage = %v, want io.EOF", k, cut, err)
		case !atBoundary && (err == nil || err == io.EOF):
			return fmt.Errorf("%v: cut at %d of %d bytes: ReadMessage = %v, want an error", k, cut, len(stream), err)
		case !atBoundary:
			if e := k.checkFrameError(err); e != nil {
				return fmt.Errorf("cut at %d: %w", cut, e)
			}
		}
	}
	return nil
}
