package peer

import (
	"encoding/binary"
	"io"
	"net"
	"time"

	"framebench/strategies"
)

// timedConn is a serve peer's connection with its timeouts: between
// messages a read may wait idle; once a message's first byte has arrived,
// the rest of it must arrive within read of it; every write (an echo) must
// be taken within read. between marks the end of a message.
type timedConn struct {
	net.Conn
	vw         strategies.VectorWriter
	idle, read time.Duration
	busy       bool // a message has begun
}

func newTimedConn(c net.Conn, idle, read time.Duration) *timedConn {
	t := &timedConn{Conn: c, vw: strategies.NewVectorWriter(c), idle: idle, read: read}
	t.between()
	return t
}

func (c *timedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && !c.busy {
		c.busy = true
		c.Conn.SetReadDeadline(time.Now().Add(c.read))
	}
	return n, err
}

func (c *timedConn) Write(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.read))
	return c.Conn.Write(p)
}

// WriteVectors keeps the framed writers' writev on the socket.
func (c *timedConn) WriteVectors(bufs [][]byte) error {
	c.Conn.SetWriteDeadline(time.Now().Add(c.read))
	return c.vw.WriteVectors(bufs)
}

// Vectored reports whether WriteVectors is one system call.
func (c *timedConn) Vectored() bool { return strategies.Vectored(c.vw) }

func (c *timedConn) between() {
	c.busy = false
	c.Conn.SetReadDeadline(time.Now().Add(c.idle))
}

// claimReader follows the frames of a framing whose reader is a library
// (msgio, msgio-varint, protodelim) or allocates before it reads (oneread)
// on the raw stream, and holds each frame's claim in the connection's
// account before the header's last byte reaches the reader: a refused
// claim ends the read there, so the library never sees it whole and
// allocates nothing for it. Claims over the limit are left to the
// library, which refuses them.
type claimReader struct {
	r      io.Reader
	acct   *account
	varint bool
	max    uint64
	hdr    []byte
	left   uint64 // payload bytes of the current frame still to pass
	err    error
}

func newClaimReader(r io.Reader, c Config) io.Reader {
	switch c.Strategy {
	case strategies.Msgio, strategies.OneRead:
		return &claimReader{r: r, acct: c.acct, max: uint64(maxFrame(c.Options))}
	case strategies.MsgioVarint, strategies.Protodelim:
		return &claimReader{r: r, acct: c.acct, max: uint64(maxFrame(c.Options)) + 16, varint: true}
	}
	return r
}

func (c *claimReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		if c.left > 0 {
			k := int(min(c.left, uint64(n-i)))
			c.left -= uint64(k)
			i += k
			continue
		}
		c.hdr = append(c.hdr, p[i])
		i++
		claim, done := c.header()
		if !done {
			continue
		}
		c.hdr, c.left = c.hdr[:0], claim
		if claim > c.max {
			continue
		}
		if herr := c.acct.holdBuffer(int(claim)); herr != nil {
			c.err = herr
			return i - 1, herr
		}
	}
	return n, err
}

// header decodes the frame header gathered so far, if it is complete.
func (c *claimReader) header() (uint64, bool) {
	if !c.varint {
		if len(c.hdr) < 4 {
			return 0, false
		}
		return uint64(binary.BigEndian.Uint32(c.hdr)), true
	}
	v, n := binary.Uvarint(c.hdr)
	switch {
	case n > 0:
		return v, true
	case n < 0 || len(c.hdr) >= binary.MaxVarintLen64:
		return ^uint64(0), true // malformed: the library refuses it
	}
	return 0, false
}
