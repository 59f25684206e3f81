package peer

import (
	"io"

	"framebench/strategies"
)

// reader reads the next item: a value of the strategies.ValueCodec model or,
// in messages mode, a *strategies.Message that is valid until the next call.
// It returns io.EOF only at a clean end of stream. Errors name the strategy,
// the message index and the byte offset (a *strategies.FrameError).
//
// Every message is checked before a library decodes it
// (strategies.NewCheckedReader, NewValueReader): a message of F bytes may
// take at most about strategies.DecodeRatio·F + strategies.DecodeSlack
// bytes to decode, and its numbers are held to strategies.MaxIntDigits and
// MaxBigIntBits.
type reader interface {
	read() (any, error)
	pos() (index, offset int64) // where the item read last began
	delivered()                 // the item read last was passed on
	discarded() int64           // bytes read that were not part of a delivered item
	checked() bool              // a skip cannot leave it reading from the middle of a message
}

// newReader returns the reader of c on r: the strategies' checked reader,
// with a serve connection's account told of every buffer and message.
func newReader(r io.Reader, c Config) reader {
	o := c.Options
	if c.acct != nil {
		o.Reserve, o.Admit = c.acct.holdBuffer, c.acct.holdMessage
	}
	ir := &itemReader{c: c}
	if c.Messages {
		ir.mr = strategies.NewCheckedReader(c.Strategy, r, c.Codec, o)
	} else {
		ir.vr = strategies.NewValueReader(c.Strategy, r, c.Codec.(strategies.ValueCodec), o)
	}
	return ir
}

// itemReader counts what a peer's Summary says about the strategies'
// reader: the messages read, and the bytes of the ones delivered.
type itemReader struct {
	c      Config
	mr     strategies.Reader
	vr     strategies.ValueReader
	m      strategies.Message
	n      int64 // items returned or failed
	extent int64 // bytes of the last message read
	passed int64 // bytes of the messages delivered
}

func (r *itemReader) read() (any, error) {
	var v any
	var err error
	if r.mr != nil {
		err, v = r.mr.ReadMessage(&r.m), &r.m
	} else {
		v, err = r.vr.ReadValue()
	}
	if err == io.EOF {
		return nil, io.EOF
	}
	r.n++
	if err != nil {
		return nil, err
	}
	if n := r.consumed(); n >= 0 {
		_, off := r.pos()
		r.extent = n - off
	}
	return v, nil
}

func (r *itemReader) src() any {
	if r.mr != nil {
		return r.mr
	}
	return r.vr
}

func (r *itemReader) pos() (int64, int64) {
	off := int64(-1)
	if fs, ok := r.src().(strategies.FrameStarter); ok {
		off = fs.FrameStart()
	}
	return r.n - 1, off
}

// consumed is the framing's count of the bytes it read and used, or -1.
func (r *itemReader) consumed() int64 {
	if rc, ok := r.src().(strategies.ReadCounter); ok {
		return rc.Consumed()
	}
	return -1
}

func (r *itemReader) delivered() { r.passed += r.extent }

// discarded is what the framing consumed beyond the messages delivered:
// frames skipped, headers not believed, bytes slid over.
func (r *itemReader) discarded() int64 {
	if n := r.consumed(); n >= 0 {
		return n - r.passed
	}
	return 0
}

// checked: after a skip, a strategy without checksums may deliver bytes
// from the middle of other messages (strategies.Facts.ResyncChecked).
func (r *itemReader) checked() bool {
	f := r.c.Strategy.Facts()
	return !f.Resyncs || f.ResyncChecked
}
