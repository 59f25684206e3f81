package faults

import (
	"bytes"
	"fmt"

	"framebench/strategies"
)

// stream is the valid stream a pair's trials damage: the messages, their
// encoding and where each message starts and ends on the wire.
type stream struct {
	p    Pair
	msgs []*strategies.Message
	data []byte
	ends []int // ends[i] is where message i ends; message i starts at ends[i-1]
	opts strategies.Options
}

// StreamSizes are the payload sizes of the campaign stream's messages;
// blobs and struct payloads alternate where the codec carries both. none
// carries messages of one size only: the first.
var StreamSizes = []int{100, 300, 40, 200, 350, 60, 250, 150}

func newStream(p Pair) (*stream, error) {
	st := &stream{p: p, opts: strategies.Options{MaxFrame: MaxFrame, BufSize: BufSize}}
	for i, size := range StreamSizes {
		pl := strategies.Blob
		if i%2 == 1 && p.C.Supports(strategies.Struct) && p.S != strategies.None {
			pl = strategies.Struct
		}
		if p.S == strategies.None {
			size = StreamSizes[0]
		}
		st.msgs = append(st.msgs, strategies.NewMessage(pl, size, uint64(i+1)))
	}
	if b, err := p.C.Append(nil, st.msgs[0]); err == nil {
		st.opts.FixedSize = len(b)
	}
	var buf bytes.Buffer
	w := p.S.NewWriter(&buf, p.C, st.opts)
	for i, m := range st.msgs {
		if err := w.WriteMessage(m); err != nil {
			return nil, fmt.Errorf("faults: %s/%s: writing message %d: %w", p.S.Name(), p.C.Name(), i, err)
		}
		st.ends = append(st.ends, buf.Len())
	}
	st.data = buf.Bytes()
	return st, nil
}

// start returns where message i starts on the wire.
func (st *stream) start(i int) int {
	if i == 0 {
		return 0
	}
	return st.ends[i-1]
}

// messageAt returns the index of the message holding byte off.
func (st *stream) messageAt(off int) int {
	for i, end := range st.ends {
		if off < end {
			return i
		}
	}
	return len(st.ends)
}
