package peer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"framebench/strategies"
)

// TestSkip puts bad messages between good ones: with Skip the resyncing
// strategies drop them (a payload the codec refuses, a truncated value in
// a whole frame, a frame over the limit), report each, deliver the rest
// and count the bytes they discarded.
func TestSkip(t *testing.T) {
	for _, s := range Resyncing() {
		codec := strategies.Pickle
		if s == strategies.Newline {
			codec = strategies.JSON
		}
		t.Run(s.Name(), func(t *testing.T) {
			w := Config{Strategy: s, Codec: codec}
			good, _ := wireOf(t, w, map[string]any{"ok": int64(1)})
			big, _ := wireOf(t, w, strings.Repeat("b", 1500))
			enc, _ := codec.(strategies.ValueCodec).AppendValue(nil, map[string]any{"cut": "value"})
			var wire, bad bytes.Buffer
			fw := strategies.Frames(s).NewFrameWriter(&bad, strategies.Options{})
			wire.Write(good)
			fw.WriteFrame([]byte("{not a message")) // the codec refuses it
			fw.WriteFrame(enc[:len(enc)-3])         // a truncated value in a whole frame
			bad.Write(big)                          // over the reader's limit, under twice it
			wire.Write(bad.Bytes())
			wire.Write(good)
			var skipped []error
			c := Config{Strategy: s, Codec: codec, Skip: true, Options: strategies.Options{MaxFrame: 1000},
				OnSkip: func(err error) { skipped = append(skipped, err) }}
			var out bytes.Buffer
			sum, err := Recv(&wire, &out, c)
			want := Summary{Delivered: 2, Skipped: 3, Discarded: int64(bad.Len())}
			if unchecked(s) {
				want.Unchecked = 1
			}
			if err != nil || sum != want {
				t.Fatalf("Recv = %v, %v; want %v", sum, err, want)
			}
			if got := out.String(); got != "{\"ok\":1}\n{\"ok\":1}\n" {
				t.Errorf("delivered %q", got)
			}
			for i, err := range skipped {
				var fe *strategies.FrameError
				if !errors.As(err, &fe) || fe.Index != int64(i+1) {
					t.Errorf("skip %d: %v, want a FrameError for message %d", i, err, i+1)
				}
			}
			c.Skip, c.OnSkip = false, nil
			wire.Reset()
			wire.Write(good)
			fw = strategies.Frames(s).NewFrameWriter(&wire, strategies.Options{})
			fw.WriteFrame([]byte("{not a message"))
			if sum, err := Recv(&wire, io.Discard, c); err == nil || sum.Delivered != 1 {
				t.Errorf("without Skip: Recv = %v, %v; want an error after 1", sum, err)
			}
		})
	}
}

// TestSkipTruncatedValues is issue 13's case 5: a frame whose framing is
// intact but whose value is truncated or garbage is skipped, not fatal.
func TestSkipTruncatedValues(t *testing.T) {
	tests := []struct {
		s    strategies.Strategy
		c    strategies.Codec
		wire string
		out  string
	}{
		{strategies.Newline, strategies.JSON, "1\n{\"a\":\n2\n", "1\n2\n"},
		{strategies.LenPrefix, strategies.Pickle, "\x00\x00\x00\x04\x80\x04N.\x00\x00\x00\x05\x80\x05\x95zz\x00\x00\x00\x04\x80\x04N.", "null\nnull\n"},
		{strategies.LenPrefix, strategies.Msgpack, "\x00\x00\x00\x01\x01\x00\x00\x00\x02\x92\x01\x00\x00\x00\x01\x02", "1\n2\n"},
	}
	for _, tt := range tests {
		c := Config{Strategy: tt.s, Codec: tt.c, Skip: true}
		var out bytes.Buffer
		sum, err := Recv(strings.NewReader(tt.wire), &out, c)
		if err != nil || sum.Delivered != 2 || sum.Skipped != 1 || out.String() != tt.out {
			t.Errorf("%s/%s: Recv(%q) = %v, %v, output %q; want %q, one skipped", tt.s.Name(), tt.c.Name(), tt.wire, sum, err, out.String(), tt.out)
		}
	}
}

// TestSkipBoundsDiscard is case 5's corrupted lenprefix header: a claim of
// far more than the limit is not believed, and the reader does not
// swallow the rest of the stream; the summary says what it discarded.
func TestSkipBoundsDiscard(t *testing.T) {
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.JSON, Skip: true, Options: strategies.Options{MaxFrame: 1000}}
	var vs []any
	for i := range 50 {
		vs = append(vs, fmt.Sprintf("message %d", i))
	}
	wire, ends := wireOf(t, c, vs...)
	wire[ends[9]] |= 0x40 // message 10's length now claims 1 GiB and more
	var out bytes.Buffer
	sum, err := Recv(bytes.NewReader(wire), &out, c)
	if err != nil {
		t.Fatalf("Recv = %v", err)
	}
	if sum.Delivered < 40 || sum.Discarded == 0 || sum.Discarded > 100 {
		t.Errorf("Recv = %v: want most of the 40 messages after the bad header delivered, a few bytes discarded", sum)
	}
	if sum.Unchecked != sum.Delivered-10 {
		t.Errorf("Recv = %v: the %d messages after the skip must be counted as unchecked", sum, sum.Delivered-10)
	}
	if !strings.Contains(out.String(), `"message 49"`) {
		t.Errorf("the last message was lost: %q", out.String())
	}
}

// TestSkipVarintOffBy5 is case 5's varint header off by 5: what follows
// is read misaligned, so no message after the skip is counted as checked:
// the messages before it are delivered as written, the others are
// counted apart, and the bytes the reader discarded are counted.
func TestSkipVarintOffBy5(t *testing.T) {
	c := Config{Strategy: strategies.Varint, Codec: strategies.Msgpack, Skip: true}
	var vs []any
	for i := range 1000 {
		vs = append(vs, []any{int64(i), "payload"})
	}
	wire, ends := wireOf(t, c, vs...)
	wire[ends[99]] += 5 // message 100's one-byte length
	var out bytes.Buffer
	sum, err := Recv(bytes.NewReader(wire), &out, c)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("Recv = %v", err)
	}
	lines := strings.SplitAfter(out.String(), "\n")
	for i := range 100 {
		if want := fmt.Sprintf("[%d,\"payload\"]\n", i); lines[i] != want {
			t.Fatalf("message %d delivered as %q, want %q", i, lines[i], want)
		}
	}
	if sum.Delivered-sum.Unchecked != 100 || sum.Skipped == 0 || sum.Discarded == 0 {
		t.Errorf("Recv = %v: want the 100 messages before the bad header checked, every later one unchecked, skips and discarded bytes counted", sum)
	}
}

// TestSkipCRCResync corrupts a lenprefix-crc header: the reader slides to
// the next good frame, and nothing it delivers is unchecked.
func TestSkipCRCResync(t *testing.T) {
	c := Config{Strategy: strategies.LenPrefixCRC, Codec: strategies.CBOR, Skip: true}
	wire, ends := wireOf(t, c, "one", "two", "three")
	wire[ends[0]+1] ^= 0x40 // the length of "two"
	sum, err := Recv(bytes.NewReader(wire), io.Discard, c)
	want := Summary{Delivered: 2, Skipped: 1, Discarded: int64(ends[1] - ends[0])}
	if err != nil || sum != want {
		t.Errorf("Recv = %v, %v; want %v", sum, err, want)
	}
}
