package strategytest

import (
	"bytes"
	"errors"
	"fmt"

	"framebench/strategies"
)

// limit checks MaxFrame: a frame exactly at the limit passes; one byte over
// is refused by the writer and, written under a larger limit, by the reader,
// with ErrFrameTooLarge. Strategies without a limit (stream) skip it.
func (k pair) limit() error {
	msgs := k.messages(1000, 1)
	frame, err := k.c.Append(nil, msgs[0])
	if err != nil {
		return fmt.Errorf("%v: Append = %v", k, err)
	}
	o := k.opts(msgs)
	max, ok := strategies.Limit(k.s, o)
	if !ok {
		return nil
	}
	if max != strategies.DefaultMaxFrame {
		// A fixed limit (scanner): frames of exactly that size.
		return k.fixedLimit(max)
	}
	o.MaxFrame = len(frame)
	stream, err := k.encode(msgs, o)
	if err != nil {
		return fmt.Errorf("at the limit: %w", err)
	}
	got, err := k.decodeAll(bytes.NewReader(stream), o, 1)
	if e := k.expect("at the limit", msgs, got, err); e != nil {
		return e
	}
	over := o
	over.MaxFrame = len(frame) - 1
	var sink bytes.Buffer
	err = k.s.NewWriter(&sink, k.c, over).WriteMessage(msgs[0])
	if !errors.Is(err, strategies.ErrFrameTooLarge) {
		return fmt.Errorf("%v: writing %d bytes with MaxFrame %d: error %v, want ErrFrameTooLarge", k, len(frame), over.MaxFrame, err)
	}
	if sink.Len() != 0 {
		return fmt.Errorf("%v: a refused frame still wrote %d bytes", k, sink.Len())
	}
	_, err = k.decodeAll(bytes.NewReader(stream), over, 1)
	if !errors.Is(err, strategies.ErrFrameTooLarge) {
		return fmt.Errorf("%v: reading %d bytes with MaxFrame %d: error %v, want ErrFrameTooLarge", k, len(frame), over.MaxFrame, err)
	}
	return k.checkFrameError(err)
}

// fixedLimit checks a strategy whose reader has a fixed limit: a blob whose
// encoding is exactly max bytes passes, one byte more fails.
func (k pair) fixedLimit(max int) error {
	for _, extra := range []int{0, 1} {
		m := k.sized(max + extra)
		if m == nil {
			return nil // the codec cannot hit an exact size: nothing to check
		}
		stream, err := k.encode([]*strategies.Message{m}, strategies.Options{})
		if err != nil {
			return err
		}
		got, err := k.decodeAll(bytes.NewReader(stream), strategies.Options{}, 1)
		if extra == 0 {
			if e := k.expect(fmt.Sprintf("a %d-byte frame at the fixed limit", max), []*strategies.Message{m}, got, err); e != nil {
				return e
			}
		} else if err == nil || len(got) != 0 {
			return fmt.Errorf("%v: a %d-byte frame over the fixed limit %d was read: error %v", k, max+1, max, err)
		}
	}
	return nil
}

// sized returns a blob message whose encoding is exactly n bytes, or nil.
func (k pair) sized(n int) *strategies.Message {
	if k.p != strategies.Blob {
		return nil
	}
	probe := strategies.NewMessage(k.p, n, 1)
	b, err := k.c.Append(nil, probe)
	if err != nil {
		return nil
	}
	// Encodings grow with the blob; aim and adjust a few times.
	size := n - (len(b) - n)
	for range 8 {
		m := strategies.NewMessage(k.p, max(size, 0), 1)
		b, _ := k.c.Append(nil, m)
		switch {
		case len(b) == n:
			return m
		case len(b) < n:
			size++
		default:
			size--
		}
	}
	return nil
}

// errBroken is the failure of the writer in writeError.
var errBroken = errors.New("strategytest: broken writer")

// failWriter accepts n bytes, then fails every write.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, errBroken
}

// writeError checks that a failing transport surfaces from WriteMessage as
// a *FrameError wrapping the cause.
func (k pair) writeError() error {
	return k.writeErrorWith(k.opts(k.messages(4096, 1)), 4096)
}

// writeErrorWith checks write errors with messages of n bytes under o:
// the transport fails at the first byte, inside the first frame, and
// inside the second.
func (k pair) writeErrorWith(o strategies.Options, n int) error {
	msgs := k.messages(n, 3)
	for _, after := range []int{0, 10, n + n/4} {
		w := k.s.NewWriter(&failWriter{n: after}, k.c, o)
		var err error
		for _, m := range msgs {
			if err = w.WriteMessage(m); err != nil {
				break
			}
		}
		if !errors.Is(err, errBroken) {
			return fmt.Errorf("%v: transport failing after %d bytes: WriteMessage = %v, want errBroken", k, after, err)
		}
		if e := k.checkFrameError(err); e != nil {
			return e
		}
	}
	return nil
}
