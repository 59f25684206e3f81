package strategytest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"

	"framebench/strategies"
)

// hostileAlloc is what reading a few small messages and 16 bytes of
// garbage may allocate with options past every bound: a reader that
// allocates for an option or a 4 GiB claim instead of for its data shows
// here. It is generous: the suite runs pairs in parallel, and TotalAlloc
// counts every goroutine's allocations.
const hostileAlloc = 1 << 30

// hugeOptions are options no reader may take at their word: a MaxFrame of
// 2^63-1 (sizes computed from it overflow) and a negative BufSize.
var hugeOptions = strategies.Options{MaxFrame: math.MaxInt, BufSize: -1}

// hostileLimits reads three messages with hugeOptions (they are clamped:
// the messages round-trip), then the same stream followed by 16 bytes of
// 0xff, a header claiming 4 GiB or 2^64 to most framings: after the three
// messages, an error that names the strategy, no panic, and no more than
// hostileAlloc allocated in all.
func (k pair) hostileLimits() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v: panic with huge options or a hostile header: %v", k, r)
		}
	}()
	msgs := k.messages(100, 3)
	o := k.opts(msgs)
	stream, err := k.encode(msgs, o)
	if err != nil {
		return err
	}
	o.MaxFrame, o.BufSize = hugeOptions.MaxFrame, hugeOptions.BufSize
	got, err := k.decodeAll(bytes.NewReader(stream), o, len(msgs))
	if e := k.expect("with MaxFrame 2^63-1 and BufSize -1", msgs, got, err); e != nil {
		return e
	}
	hostile := append(bytes.Clone(stream), bytes.Repeat([]byte{0xff}, 16)...)
	used := allocated(func() { got, err = k.decodeAll(bytes.NewReader(hostile), o, len(msgs)+1) })
	switch {
	case len(got) != len(msgs):
		return fmt.Errorf("%v: %d messages before 16 bytes of 0xff, want %d (error %v)", k, len(got), len(msgs), err)
	case err == nil || err == io.EOF:
		return fmt.Errorf("%v: 16 bytes of 0xff after the messages: ReadMessage = %v, want an error", k, err)
	case used > hostileAlloc:
		return fmt.Errorf("%v: reading 16 bytes of 0xff with MaxFrame 2^63-1 allocated %d bytes", k, used)
	}
	return k.checkFrameError(err)
}

// badPayload puts a frame whose framing is whole but whose payload is the
// codec's encoding cut in half between two good messages: the reader
// reports the bad one and reads the next (a framed reader knows where it
// ends). Strategies without a frame writer (stream, buffered), none and
// raw (which accepts any bytes) are not asked.
func (k pair) badPayload() error {
	f := strategies.Frames(k.s)
	if reg, err := strategies.LookupStrategy(k.s.Name()); f == nil && err == nil {
		f = strategies.Frames(reg) // a wrapped strategy: its registered framing
	}
	if f == nil || k.s == strategies.None || k.c == strategies.Raw {
		return nil
	}
	msgs := k.messages(300, 2)
	enc, err := k.c.Append(nil, msgs[0])
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	o := strategies.Options{}
	if err := k.s.NewWriter(&buf, k.c, o).WriteMessage(msgs[0]); err != nil {
		return err
	}
	start := buf.Len()
	if err := f.NewFrameWriter(&buf, o).WriteFrame(enc[:len(enc)/2]); err != nil {
		return fmt.Errorf("%v: writing half a message as a frame: %v", k, err)
	}
	if err := k.s.NewWriter(&buf, k.c, o).WriteMessage(msgs[1]); err != nil {
		return err
	}
	rd := k.s.NewReader(bytes.NewReader(buf.Bytes()), k.c, strategies.Options{})
	var m strategies.Message
	if err := rd.ReadMessage(&m); err != nil || !strategies.Equal(&m, msgs[0]) {
		return fmt.Errorf("%v: first message: %v", k, err)
	}
	err = rd.ReadMessage(&m)
	var fe *strategies.FrameError
	if !errors.As(err, &fe) || fe.Index != 1 || fe.Offset != int64(start) {
		return fmt.Errorf("%v: half a message in a whole frame: ReadMessage = %v, want a *FrameError for message 1 at byte %d", k, err, start)
	}
	if err := rd.ReadMessage(&m); err != nil || !strategies.Equal(&m, msgs[1]) {
		return fmt.Errorf("%v: the message after a bad payload: %v, want it read", k, err)
	}
	return nil
}

// allocated returns the bytes allocated while f ran.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
