package strategies_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"framebench/strategies"
)

// Native fuzz targets for every frame reader of the project's own framings
// and for the stream decoder of every self-delimiting codec, seeded with
// real writer output and the hostile headers. .ci/fuzz runs each for a few
// seconds; what they find is committed under testdata/fuzz and then runs
// with every go test.

// fuzzOpts keeps the limit small so that the fuzzer reaches it.
var fuzzOpts = strategies.Options{MaxFrame: 1 << 12, BufSize: 64}

// fuzzMessages are the messages the seeds are made of: both payloads,
// empty to a little over fuzzOpts' limit.
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

// addFrameSeeds seeds f with the framing's own writer output: no frame, one
// empty frame, frames of several sizes one after another, and each hostile
// header after a good frame.
func addFrameSeeds(f *testing.F, fr strategies.Framing) {
	o := strategies.Options{MaxFrame: 1 << 20}
	frames := [][]byte{{}, []byte("x"), bytes.Repeat([]byte("0123456789"), 30), bytes.Repeat([]byte("z"), 5000)}
	f.Add([]byte{})
	for i := range frames {
		var buf bytes.Buffer
		w := fr.NewFrameWriter(&buf, o)
		for _, p := range frames[:i+1] {
			if err := w.WriteFrame(p); err != nil {
				f.Fatalf("WriteFrame = %v", err)
			}
		}
		f.Add(bytes.Clone(buf.Bytes()))
		if i == 2 {
			for _, h := range hostileHeaders {
				f.Add(append(bytes.Clone(buf.Bytes()), h.b...))
			}
		}
	}
}

// fuzzFrames reads data with framing fr of strategy s under fuzzOpts and
// checks what any input must give: no panic; every call consumes input, so
// the reader reaches io.EOF or io.ErrUnexpectedEOF (a cut frame, which is
// sticky) within len(data)+2 calls; no frame over the limit; every error a
// *FrameError naming s, the call's index and an offset inside the input;
// and the frames it returns, written again, read back the same.
func fuzzFrames(t *testing.T, s strategies.Strategy, data []byte) {
	fr := strategies.Frames(s)
	r := fr.NewFrameReader(bytes.NewReader(data), fuzzOpts)
	var frames [][]byte
	for i := 0; ; i++ {
		if i > len(data)+2 {
			t.Fatalf("%d calls on %d bytes without reaching the end of the stream", i, len(data))
		}
		p, err := r.ReadFrame()
		if err == io.EOF {
			break
		}
		if err != nil {
			var fe *strategies.FrameError
			if !errors.As(err, &fe) {
				t.Fatalf("ReadFrame #%d = %v (%T), want a *FrameError", i, err, err)
			}
			if fe.Strategy != s.Name() || fe.Index != int64(i) || fe.Offset < 0 || fe.Offset > int64(len(data)) {
				t.Fatalf("ReadFrame #%d = %q: want strategy %q, message %d, an offset in [0, %d]", i, err, s.Name(), i, len(data))
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			continue
		}
		if len(p) > fuzzOpts.MaxFrame {
			t.Fatalf("ReadFrame #%d returned %d bytes, limit %d", i, len(p), fuzzOpts.MaxFrame)
		}
		frames = append(frames, bytes.Clone(p))
	}
	var buf bytes.Buffer
	w := fr.NewFrameWriter(&buf, fuzzOpts)
	for _, p := range frames {
		if err := w.WriteFrame(p); err != nil {
			t.Fatalf("WriteFrame(a frame the reader returned) = %v", err)
		}
	}
	r = fr.NewFrameReader(&buf, fuzzOpts)
	for i, want := range frames {
		if got, err := r.ReadFrame(); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("rewritten frame #%d read back as %q, %v; want %q", i, got, err, want)
		}
	}
	if _, err := r.ReadFrame(); err != io.EOF {
		t.Fatalf("after the rewritten frames ReadFrame = %v, want io.EOF", err)
	}
}

func fuzzFraming(f *testing.F, s strategies.Strategy) {
	addFrameSeeds(f, strategies.Frames(s))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFrames(t, s, data) })
}

func FuzzReaderLenPrefix(f *testing.F)    { fuzzFraming(f, strategies.LenPrefix) }
func FuzzReaderVarint(f *testing.F)       { fuzzFraming(f, strategies.Varint) }
func FuzzReaderLenPrefixCRC(f *testing.F) { fuzzFraming(f, strategies.LenPrefixCRC) }
func FuzzReaderNewline(f *testing.F)      { fuzzFraming(f, strategies.Newline) }

// fuzzDecoder seeds f with c's stream encoder output and the hostile claims
// for c, then decodes any input with c's stream decoder: no panic (a
// recovered one, ErrCodecPanic, fails too); every successful Decode
// consumes input, so the decoder stops within len(data)+2 calls; and each
// message it returns survives a round trip through Append and Unmarshal,
// so that decoded values are ones the codec can carry.
func fuzzDecoder(f *testing.F, c strategies.Codec) {
	msgs := fuzzMessages(c)
	for _, n := range []int{1, 2, len(msgs)} {
		var buf bytes.Buffer
		enc := c.NewEncoder(&buf)
		for _, m := range msgs[:n] {
			if err := enc.Encode(m); err != nil {
				f.Fatalf("%s: Encode = %v", c.Name(), err)
			}
		}
		f.Add(buf.Bytes())
	}
	for _, h := range hostileClaims {
		if h.c == c {
			f.Add(h.in)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := c.NewDecoder(bytes.NewReader(data))
		for i := 0; ; i++ {
			if i > len(data)+2 {
				t.Fatalf("%d messages from %d bytes", i, len(data))
			}
			var m strategies.Message
			err := dec.Decode(&m)
			if errors.Is(err, strategies.ErrCodecPanic) {
				t.Fatalf("Decode #%d: %v", i, err)
			}
			if err != nil {
				return
			}
			checkReencode(t, c, &m)
		}
	})
}

// checkReencode checks that m, which c decoded, survives a round trip:
// Unmarshal(Append(m)) equals m (NaN scores aside, which equal nothing).
func checkReencode(t *testing.T, c strategies.Codec, m *strategies.Message) {
	t.Helper()
	b, err := c.Append(nil, m)
	if err != nil {
		return // decoded, but not encodable (protobuf's invalid UTF-8): no claim to check
	}
	var m2 strategies.Message
	if err := c.Unmarshal(b, &m2); err != nil {
		t.Fatalf("Unmarshal(Append(decoded message)) = %v\n%q", err, b)
	}
	for _, x := range []*strategies.Message{m, &m2} {
		for i := range x.Items {
			if s := x.Items[i].Score; s != s {
				x.Items[i].Score = 0
			}
		}
	}
	if !strategies.Equal(m, &m2) {
		t.Fatalf("a decoded message changes in a round trip through Append and Unmarshal:\n%q", b)
	}
}

func FuzzDecoderGob(f *testing.F)     { fuzzDecoder(f, strategies.Gob) }
func FuzzDecoderJSON(f *testing.F)    { fuzzDecoder(f, strategies.JSON) }
func FuzzDecoderPickle(f *testing.F)  { fuzzDecoder(f, strategies.Pickle) }
func FuzzDecoderMsgpack(f *testing.F) { fuzzDecoder(f, strategies.Msgpack) }
func FuzzDecoderCBOR(f *testing.F)    { fuzzDecoder(f, strategies.CBOR) }

// FuzzUnmarshalProtobuf covers the one codec without a stream decoder:
// Unmarshal must not panic, and what it accepts must survive a round trip.
func FuzzUnmarshalProtobuf(f *testing.F) {
	for _, m := range fuzzMessages(strategies.Protobuf) {
		b, err := strategies.Protobuf.Append(nil, m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m strategies.Message
		err := strategies.Protobuf.Unmarshal(data, &m)
		if errors.Is(err, strategies.ErrCodecPanic) {
			t.Fatal(err)
		}
		if err == nil {
			checkReencode(t, strategies.Protobuf, &m)
		}
	})
}
