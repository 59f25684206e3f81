package strategytest

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"framebench/strategies"
)

// The fuzz targets of package strategies loop over the registries: each
// input's first byte picks what it is read with, among the entries below,
// so that a new entry is fuzzed with no edit there. The checks are here so
// that a test can run them on an entry of its own.

// FuzzFramings are the strategies whose frame readers FuzzReader covers:
// every framed strategy whose reader goes on after a bad frame
// (Facts.Resyncs; the others stop at their first error), in registry order.
func FuzzFramings() []strategies.Strategy {
	var out []strategies.Strategy
	for _, s := range strategies.Strategies {
		if strategies.Frames(s) != nil && s.Facts().Resyncs {
			out = append(out, s)
		}
	}
	return out
}

// FuzzDecoders are the codecs whose stream decoders FuzzDecoder covers:
// every self-delimiting codec. FuzzUnmarshalers are the others, whose
// whole-message Unmarshal FuzzUnmarshal covers.
func FuzzDecoders() []strategies.Codec     { return codecsWhere(true) }
func FuzzUnmarshalers() []strategies.Codec { return codecsWhere(false) }

func codecsWhere(decoder bool) []strategies.Codec {
	var out []strategies.Codec
	for _, c := range strategies.Codecs {
		if (c.NewDecoder(bytes.NewReader(nil)) != nil) == decoder {
			out = append(out, c)
		}
	}
	return out
}

// Pick returns the entry of xs that data's first byte picks, and the rest
// of data: the fuzz targets' selector. Empty data picks the first.
func Pick[T any](xs []T, data []byte) (T, []byte) {
	if len(data) == 0 {
		return xs[0], nil
	}
	return xs[int(data[0])%len(xs)], data[1:]
}

// FuzzOpts keep the limit small, so that the fuzzer reaches it.
var FuzzOpts = strategies.Options{MaxFrame: 1 << 12, BufSize: 64}

// CheckFrames reads data with the framing of strategy s under FuzzOpts and
// checks what any input must give: no panic; every call consumes input,
// so the reader reaches io.EOF or io.ErrUnexpectedEOF (a cut frame, which
// is sticky) within len(data)+2 calls; no frame over the limit; every
// error a *FrameError naming s, the call's index and an offset inside the
// input; and the frames it returns, written again, read back the same.
func CheckFrames(s strategies.Strategy, data []byte) error {
	fr := strategies.Frames(s)
	r := fr.NewFrameReader(bytes.NewReader(data), FuzzOpts)
	var frames [][]byte
	for i := 0; ; i++ {
		if i > len(data)+2 {
			return fmt.Errorf("%s: %d calls on %d bytes without reaching the end of the stream", s.Name(), i, len(data))
		}
		p, err := r.ReadFrame()
		if err == io.EOF {
			break
		}
		if err != nil {
			var fe *strategies.FrameError
			if !errors.As(err, &fe) {
				return fmt.Errorf("%s: ReadFrame #%d = %v (%T), want a *FrameError", s.Name(), i, err, err)
			}
			if fe.Strategy != s.Name() || fe.Index != int64(i) || fe.Offset < 0 || fe.Offset > int64(len(data)) {
				return fmt.Errorf("ReadFrame #%d = %q: want strategy %q, message %d, an offset in [0, %d]", i, err, s.Name(), i, len(data))
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			continue
		}
		if len(p) > FuzzOpts.MaxFrame {
			return fmt.Errorf("%s: ReadFrame #%d returned %d bytes, limit %d", s.Name(), i, len(p), FuzzOpts.MaxFrame)
		}
		frames = append(frames, bytes.Clone(p))
	}
	var buf bytes.Buffer
	w := fr.NewFrameWriter(&buf, FuzzOpts)
	for _, p := range frames {
		if err := w.WriteFrame(p); err != nil {
			return fmt.Errorf("%s: WriteFrame(a frame the reader returned) = %v", s.Name(), err)
		}
	}
	r = fr.NewFrameReader(&buf, FuzzOpts)
	for i, want := range frames {
		if got, err := r.ReadFrame(); err != nil || !bytes.Equal(got, want) {
			return fmt.Errorf("%s: rewritten frame #%d read back as %q, %v; want %q", s.Name(), i, got, err, want)
		}
	}
	if _, err := r.ReadFrame(); err != io.EOF {
		return fmt.Errorf("%s: after the rewritten frames ReadFrame = %v, want io.EOF", s.Name(), err)
	}
	return nil
}

// CheckDecoder decodes data with c's stream decoder: no panic (a
// recovered one, ErrCodecPanic, fails too); every successful Decode
// consumes input, so the decoder stops within len(data)+2 calls; and each
// message it returns survives a round trip (CheckReencode).
func CheckDecoder(c strategies.Codec, data []byte) error {
	dec := c.NewDecoder(bytes.NewReader(data))
	for i := 0; ; i++ {
		if i > len(data)+2 {
			return fmt.Errorf("%s: %d messages from %d bytes", c.Name(), i, len(data))
		}
		var m strategies.Message
		err := dec.Decode(&m)
		if errors.Is(err, strategies.ErrCodecPanic) {
			return fmt.Errorf("Decode #%d: %v", i, err)
		}
		if err != nil {
			return nil
		}
		if err := CheckReencode(c, &m); err != nil {
			return err
		}
	}
}

// CheckUnmarshal decodes data with c's Unmarshal: no panic, and what it
// accepts survives a round trip (CheckReencode).
func CheckUnmarshal(c strategies.Codec, data []byte) error {
	var m strategies.Message
	err := c.Unmarshal(data, &m)
	if errors.Is(err, strategies.ErrCodecPanic) {
		return err
	}
	if err == nil {
		return CheckReencode(c, &m)
	}
	return nil
}

// CheckReencode checks that m, which c decoded, survives a round trip:
// Unmarshal(Append(m)) equals m (NaN scores aside, which equal nothing).
func CheckReencode(c strategies.Codec, m *strategies.Message) error {
	b, err := c.Append(nil, m)
	if err != nil {
		return nil // decoded, but not encodable (protobuf's invalid UTF-8): no claim to check
	}
	var m2 strategies.Message
	if err := c.Unmarshal(b, &m2); err != nil {
		return fmt.Errorf("%s: Unmarshal(Append(decoded message)) = %v\n%q", c.Name(), err, b)
	}
	for _, x := range []*strategies.Message{m, &m2} {
		for i := range x.Items {
			if s := x.Items[i].Score; s != s {
				x.Items[i].Score = 0
			}
		}
	}
	if !strategies.Equal(m, &m2) {
		return fmt.Errorf("%s: a decoded message changes in a round trip through Append and Unmarshal:\n%q", c.Name(), b)
	}
	return nil
}
