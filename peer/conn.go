package peer

import (
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
