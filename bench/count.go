package bench

import (
	"io"

	"framebench/strategies"
)

// countReader counts Read calls on a transport. It is used by one goroutine.
type countReader struct {
	r     io.Reader
	reads int64
}

func (c *countReader) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

// countWriter counts write calls and bytes on a transport, keeping vectored
// writes vectored: a writev is one call. It is used by one goroutine.
type countWriter struct {
	w      io.Writer // the transport's writer
	vw     strategies.VectorWriter
	vec    bool // vw.WriteVectors is one system call
	writes int64
	bytes  int64
}

func newCountWriter(w io.Writer) *countWriter {
	return &countWriter{w: w, vw: strategies.NewVectorWriter(w), vec: strategies.Vectored(w)}
}

// Unwrap returns the transport's writer, so that strategies.SinkKind sees
// the transport under the counter.
func (c *countWriter) Unwrap() io.Writer { return c.w }

func (c *countWriter) Write(p []byte) (int, error) {
	c.writes++
	n, err := c.vw.Write(p)
	c.bytes += int64(n)
	return n, err
}

func (c *countWriter) WriteVectors(bufs [][]byte) error {
	if c.vec {
		c.writes++
	}
	for _, b := range bufs {
		if len(b) > 0 && !c.vec {
			c.writes++
		}
		c.bytes += int64(len(b))
	}
	return c.vw.WriteVectors(bufs)
}

// Vectored reports whether WriteVectors is one system call.
func (c *countWriter) Vectored() bool { return c.vec }
