package strategies_test

import (
	"bytes"
	"testing"

	"framebench/strategies"
	"framebench/strategies/strategytest"
)

// Native fuzz targets for the frame readers of the framings that go on
// after a bad frame, the stream decoder of every self-delimiting codec and
// the Unmarshal of the others, seeded with real writer output and the
// hostile headers. Each loops over the registries (strategytest's
// FuzzFramings, FuzzDecoders, FuzzUnmarshalers): an input's first byte
// picks the entry, so a new one is fuzzed with no edit here. .ci/fuzz runs
// each for a few seconds; what they find is committed under testdata/fuzz
// and then runs with every go test.

// fuzzMessages are the messages the seeds are made of: both payloads,
// empty to a little over FuzzOpts' limit.
func fuzzMessages(c strategies.Codec) []*strategies.Message {
	var msgs []*strategies.Message
	for i, size := range []int{0, 1, 16, 300, 5000} {
		for _, p := range strategies.Payloads {
			if c.Supports(p) {
				msgs = append(msgs, strategies.NewMessage(p, size, uint64(i)))
			}
		}
	}
	return msgs
}

// seed adds data, read with the i-th entry of a fuzz target's list.
func seed(f *testing.F, i int, data []byte) { f.Add(append([]byte{byte(i)}, data...)) }

// FuzzReader seeds each framing with its own writer output: no frame, one
// empty frame, frames of several sizes one after another, and each hostile
// header after a good frame.
func FuzzReader(f *testing.F) {
	o := strategies.Options{MaxFrame: 1 << 20}
	frames := [][]byte{{}, []byte("x"), bytes.Repeat([]byte("0123456789"), 30), bytes.Repeat([]byte("z"), 5000)}
	for k, s := range strategytest.FuzzFramings() {
		fr := strategies.Frames(s)
		seed(f, k, nil)
		for i := range frames {
			var buf bytes.Buffer
			w := fr.NewFrameWriter(&buf, o)
			for _, p := range frames[:i+1] {
				if err := w.WriteFrame(p); err != nil {
					f.Fatalf("%s: WriteFrame = %v", s.Name(), err)
				}
			}
			seed(f, k, buf.Bytes())
			if i == 2 {
				for _, h := range hostileHeaders {
					seed(f, k, append(bytes.Clone(buf.Bytes()), h.b...))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, rest := strategytest.Pick(strategytest.FuzzFramings(), data)
		if err := strategytest.CheckFrames(s, rest); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDecoder seeds each codec with its stream encoder's output and the
// hostile claims for it.
func FuzzDecoder(f *testing.F) {
	for k, c := range strategytest.FuzzDecoders() {
		msgs := fuzzMessages(c)
		for _, n := range []int{1, 2, len(msgs)} {
			var buf bytes.Buffer
			enc := c.NewEncoder(&buf)
			for _, m := range msgs[:n] {
				if err := enc.Encode(m); err != nil {
					f.Fatalf("%s: Encode = %v", c.Name(), err)
				}
			}
			seed(f, k, buf.Bytes())
		}
		for _, h := range hostileClaims {
			if h.c == c {
				seed(f, k, h.in)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, rest := strategytest.Pick(strategytest.FuzzDecoders(), data)
		if err := strategytest.CheckDecoder(c, rest); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzUnmarshal covers the codecs without a stream decoder (protobuf, and
// raw, which takes anything): Unmarshal must not panic, and what it
// accepts must survive a round trip.
func FuzzUnmarshal(f *testing.F) {
	for k, c := range strategytest.FuzzUnmarshalers() {
		for _, m := range fuzzMessages(c) {
			b, err := c.Append(nil, m)
			if err != nil {
				f.Fatal(err)
			}
			seed(f, k, b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, rest := strategytest.Pick(strategytest.FuzzUnmarshalers(), data)
		if err := strategytest.CheckUnmarshal(c, rest); err != nil {
			t.Fatal(err)
		}
	})
}
