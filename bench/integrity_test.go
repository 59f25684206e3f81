package bench

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"framebench/strategies"
)

// damagingWriter writes every message as its strategy would, but damages
// the at-th one (counting from 1): do gets a copy of it, the message sent
// before it and the bare transport, for bytes outside any frame.
type damagingWriter struct {
	w    strategies.Writer
	raw  io.Writer
	at   int
	do   func(m, prev *strategies.Message, raw io.Writer)
	n    int
	prev *strategies.Message
}

func (d *damagingWriter) WriteMessage(m *strategies.Message) error {
	d.n++
	out := m
	if d.n == d.at {
		out = cloneMessage(m)
		d.do(out, d.prev, d.raw)
	}
	d.prev = cloneMessage(m)
	return d.w.WriteMessage(out)
}

func cloneMessage(m *strategies.Message) *strategies.Message {
	c := &strategies.Message{Blob: bytes.Clone(m.Blob), Items: slices.Clone(m.Items)}
	for i := range c.Items {
		c.Items[i].Data = bytes.Clone(c.Items[i].Data)
	}
	return c
}

// linkDamage is one way a message can arrive wrong, on a cell it applies to.
type linkDamage struct {
	name string
	cell Cell
	do   func(m, prev *strategies.Message, raw io.Writer)
}

var linkDamages = func() []linkDamage {
	blob := Cell{Bench: Stream, Transport: "pipe", Codec: "raw", Strategy: "none", Payload: strategies.Blob, Size: 64 << 10}
	items := Cell{Bench: Stream, Transport: "pipe", Codec: "gob", Strategy: "lenprefix", Payload: strategies.Struct, Size: 4 << 10}
	return []linkDamage{
		{"zero the middle", blob, func(m, _ *strategies.Message, _ io.Writer) { clear(m.Blob[16 : len(m.Blob)-1]) }},
		{"tail of the previous", blob, func(m, p *strategies.Message, _ io.Writer) {
			copy(m.Blob[len(m.Blob)-100:], p.Blob[len(p.Blob)-100:])
		}},
		{"slip 26 bytes", blob, func(_, _ *strategies.Message, raw io.Writer) { raw.Write(make([]byte, 26)) }},
		{"swap items 3 and 5", items, func(m, _ *strategies.Message, _ io.Writer) { m.Items[3], m.Items[5] = m.Items[5], m.Items[3] }},
		{"zero the middle item's data", items, func(m, _ *strategies.Message, _ io.Writer) { clear(m.Items[len(m.Items)/2].Data) }},
	}
}()

// transferDamaged opens d's cell, damages the third of five messages (the
// last if last is set) and runs the transfer as a benchmark's timed loop
// does, checked by stamps unless unchecked.
func transferDamaged(t *testing.T, d linkDamage, last, unchecked bool) (*Link, error) {
	t.Helper()
	l, err := Open(d.cell)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	at := 3
	if last {
		at = 5
	}
	l.w = &damagingWriter{w: l.w, raw: l.aw, at: at, do: d.do}
	l.Unchecked = unchecked
	_, err = l.Transfer(1, 5, false)
	return l, err
}

// TestInLoopCheckCatches: each damage of the issue that found the gap
// (a zeroed middle, a stale tail, a 26-byte slip on the wire, swapped
// items) fails the transfer at the damaged message with the stamps check
// of the timed loop, while with that check off the same transfer passes:
// nothing else would have seen it.
func TestInLoopCheckCatches(t *testing.T) {
	for _, d := range linkDamages {
		t.Run(d.name, func(t *testing.T) {
			_, err := transferDamaged(t, d, false, false)
			if !errors.Is(err, strategies.ErrStamp) || !strings.Contains(err.Error(), "message 3 ") {
				t.Errorf("checked transfer = %v, want ErrStamp at message 3", err)
			}
			if _, err := transferDamaged(t, d, false, true); err != nil {
				t.Errorf("unchecked transfer = %v, want no error (nothing but the check sees this damage)", err)
			}
		})
	}
}

// TestCheckLast: with the loop's check off, CheckLast still finds a
// damaged last message, and it finds what the stamps cannot see (one byte
// between two of them) when the loop's check is on.
func TestCheckLast(t *testing.T) {
	for _, d := range linkDamages {
		if d.name == "slip 26 bytes" {
			continue // the last message's own bytes are intact
		}
		t.Run(d.name, func(t *testing.T) {
			l, err := transferDamaged(t, d, true, true)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.CheckLast(); !errors.Is(err, strategies.ErrStamp) || !strings.Contains(err.Error(), "message 5 ") {
				t.Errorf("CheckLast = %v, want ErrStamp at message 5", err)
			}
		})
	}
	between := linkDamage{"one byte between stamps", linkDamages[0].cell, func(m, _ *strategies.Message, _ io.Writer) {
		m.Blob[strategies.StampStride+100] ^= 1
	}}
	l, err := transferDamaged(t, between, true, false)
	if err != nil {
		t.Fatalf("checked transfer = %v; a byte between stamps is not among what the loop's check reads", err)
	}
	if err := l.CheckLast(); !errors.Is(err, errBetweenStamps) {
		t.Errorf("CheckLast = %v, want %v", err, errBetweenStamps)
	}
}
