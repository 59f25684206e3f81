package strategies

import (
	"io"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// VectorWriter writes several buffers as one piece of the stream.
type VectorWriter interface {
	io.Writer
	// WriteVectors writes all of bufs, in order, with one system call
	// where the platform allows (writev), and returns the first error.
	// It does not retain bufs; pass a slice that lives in the caller's
	// struct, as a variadic call through an interface allocates.
	WriteVectors(bufs [][]byte) error
}

// NewVectorWriter returns w itself if it is a VectorWriter, a writev-backed
// writer if w is backed by a file descriptor (*os.File, *net.TCPConn,
// *net.UnixConn), and otherwise one that writes the buffers one by one.
// Framed writers use it to send a header and a large payload without
// copying the payload and without a second system call.
func NewVectorWriter(w io.Writer) VectorWriter {
	if vw, ok := w.(VectorWriter); ok {
		return vw
	}
	if sc, ok := w.(syscall.Conn); ok {
		if rc, err := sc.SyscallConn(); err == nil {
			v := &fdWriter{Writer: w, rc: rc}
			v.fn = v.writev
			return v
		}
	}
	return seqWriter{w}
}

// Vectored reports whether w's WriteVectors is a single system call.
func Vectored(w io.Writer) bool {
	switch v := w.(type) {
	case *fdWriter:
		return true
	case interface{ Vectored() bool }:
		return v.Vectored()
	case syscall.Conn:
		return true
	}
	return false
}

type seqWriter struct{ io.Writer }

func (s seqWriter) WriteVectors(bufs [][]byte) error {
	for _, b := range bufs {
		if len(b) == 0 {
			continue
		}
		if _, err := s.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// fdWriter calls writev on the descriptor through RawConn.Write, so the
// runtime poller still parks the goroutine while a pipe or socket is full.
type fdWriter struct {
	io.Writer
	rc     syscall.RawConn
	iov    [4][]byte // pending buffers, advanced as the kernel takes bytes
	n      int
	err    error
	fn     func(fd uintptr) bool // v.writev, bound once: no allocation per call
	iovecs [4]unix.Iovec
}

func (v *fdWriter) WriteVectors(bufs [][]byte) error {
	if len(bufs) > len(v.iov) {
		return seqWriter{v.Writer}.WriteVectors(bufs)
	}
	v.n = copy(v.iov[:], bufs)
	v.err = nil
	if err := v.rc.Write(v.fn); err != nil {
		return err
	}
	return v.err
}

// writev is called by the poller until it returns true; false means "wait
// until the descriptor is writable, then call again".
func (v *fdWriter) writev(fd uintptr) bool {
	for {
		bufs := v.iov[:v.n]
		for len(bufs) > 0 && len(bufs[0]) == 0 {
			bufs = bufs[1:]
		}
		if len(bufs) == 0 {
			return true
		}
		iov := v.iovecs[:0]
		for _, b := range bufs {
			if len(b) == 0 {
				continue
			}
			iov = append(iov, unix.Iovec{Base: &b[0]})
			iov[len(iov)-1].SetLen(len(b))
		}
		r, _, e := unix.Syscall(unix.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)))
		k := int(r)
		var err error
		if e != 0 {
			err, k = e, 0
		}
		if err == unix.EAGAIN {
			v.n = copy(v.iov[:], bufs)
			return false
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			v.err = err
			return true
		}
		for k > 0 && len(bufs) > 0 {
			c := min(k, len(bufs[0]))
			bufs[0] = bufs[0][c:]
			k -= c
			if len(bufs[0]) == 0 {
				bufs = bufs[1:]
			}
		}
		v.n = copy(v.iov[:], bufs)
	}
}
