package strategies

import (
	"fmt"
	"io"
	"unsafe"
)

// WritePath is one way to put a frame (a header, a payload and a tail, any
// of them empty) on a transport in one piece. Which one is fastest depends
// on the machine, not only on the transport: on one CPU model seen here
// (cpu line "AMD EPYC", kernel build v669) a writev of a 4-byte header and
// a 64 KiB payload into a pipe ran at 0.49 of a plain write of the payload
// and copying both into one buffer at 0.80; on another ("Turin-like",
// build v782) writev ran at 0.84 and was the best, and on a third
// ("Turin-like", build v1272) at 0.86, still the best of the four ways
// with a header (copy 0.83, two writes 0.80). The likely cause, from a
// probe on the first machine (scripts/probes/align): its kernel copies
// slowly between a user buffer and pipe pages that are not aligned alike
// modulo 64 (writev with a 64-byte header ran 1.6 times as fast as with a
// 4-byte one; reads into a buffer 4 bytes off a 64-byte boundary at 0.6),
// and a 4-byte header shifts every payload byte by 4 against the pipe's
// pages, where a copy into an aligned buffer does not. On the other two
// machines no alignment made a difference that was seen. So
// the header writers take the path a WritePolicy names, and the bench
// package measures the paths (BenchmarkWire) and the policy on the machine
// it runs on (bench.MeasureWritePolicy).
type WritePath uint8

// The write paths, in the order BenchmarkWire and the calibration list them.
const (
	// Writev sends header, payload and tail with one vectored write: no
	// copy, one system call (until the transport is full).
	Writev WritePath = iota
	// Copy copies the frame into one page-aligned buffer and writes it
	// with one write call, as go-msgio does. The buffer grows to the
	// largest frame written.
	Copy
	// Split writes header, payload and tail with one write call each, so
	// the payload is written from its own address into fresh pipe pages.
	Split
	// Chunk copies the frame into a page-aligned buffer of chunkSize bytes
	// a piece at a time and writes each piece: the kernel copies from an
	// aligned buffer that stays in cache, at one write per chunk.
	Chunk
)

// WritePaths lists every write path.
var WritePaths = []WritePath{Writev, Copy, Split, Chunk}

var writePathNames = [...]string{Writev: "writev", Copy: "copy", Split: "split", Chunk: "chunk"}

// String returns the path's name, as used in benchmark names and policies.
func (p WritePath) String() string {
	if int(p) < len(writePathNames) {
		return writePathNames[p]
	}
	return fmt.Sprintf("WritePath(%d)", p)
}

// ParseWritePath returns the path named s.
func ParseWritePath(s string) (WritePath, error) {
	for i, n := range writePathNames {
		if n == s {
			return WritePath(i), nil
		}
	}
	return 0, fmt.Errorf("strategies: unknown write path %q (want writev, copy, split or chunk)", s)
}

// chunkSize is the piece the Chunk path copies and writes at a time: large
// enough that its system calls cost little against the copy (4 per MiB),
// small enough to stay in a core's cache.
const chunkSize = 256 << 10

// pageSize is the alignment of the buffers the copying paths write from.
const pageSize = 4096

// alignedBuf returns a buffer of n bytes whose first byte is page-aligned.
func alignedBuf(n int) []byte {
	b := make([]byte, n+pageSize)
	off := int(-uintptr(unsafe.Pointer(&b[0])) & (pageSize - 1))
	return b[off : off+n : off+n]
}

// sender puts frames on a transport by a write path. It is the sending
// half of every header writer; its buffers grow once and are reused, so
// sending allocates nothing after the first frame of each size.
type sender struct {
	vw    VectorWriter
	frame []byte    // Copy's buffer, and the small-frame buffer of every path
	chunk []byte    // Chunk's buffer
	vec   [3][]byte // WriteVectors' argument, kept here so it does not allocate
}

// send writes head, p and tail by path, and returns the first error.
func (s *sender) send(path WritePath, head, p, tail []byte) error {
	switch path {
	case Copy:
		return s.copied(head, p, tail)
	case Split:
		for _, b := range [3][]byte{head, p, tail} {
			if len(b) > 0 {
				if _, err := s.vw.Write(b); err != nil {
					return err
				}
			}
		}
		return nil
	case Chunk:
		return s.chunked(head, p, tail)
	}
	s.vec = [3][]byte{head, p, tail}
	err := s.vw.WriteVectors(s.vec[:])
	s.vec = [3][]byte{}
	return err
}

// copied writes the frame from one aligned buffer with one write call.
func (s *sender) copied(head, p, tail []byte) error {
	n := len(head) + len(p) + len(tail)
	if cap(s.frame) < n {
		s.frame = alignedBuf(max(n, 2*cap(s.frame)))
	}
	b := s.frame[:n]
	k := copy(b, head)
	k += copy(b[k:], p)
	copy(b[k:], tail)
	_, err := s.vw.Write(b)
	return err
}

// chunked copies the frame into the chunk buffer a piece at a time and
// writes each piece.
func (s *sender) chunked(head, p, tail []byte) error {
	if s.chunk == nil {
		s.chunk = alignedBuf(chunkSize)
	}
	parts := [3][]byte{head, p, tail}
	k := 0
	for _, part := range parts {
		for len(part) > 0 {
			c := copy(s.chunk[k:], part)
			part = part[c:]
			if k += c; k == len(s.chunk) {
				if _, err := s.vw.Write(s.chunk); err != nil {
					return err
				}
				k = 0
			}
		}
	}
	if k > 0 {
		_, err := s.vw.Write(s.chunk[:k])
		return err
	}
	return nil
}

// PathWriter writes frames by one fixed write path, with no framing logic:
// BenchmarkWire and the calibration use it to measure the paths that the
// header writers choose between. It does not retain its arguments and is
// used by one goroutine at a time.
type PathWriter struct{ s sender }

// NewPathWriter returns a PathWriter writing to w (see NewVectorWriter).
func NewPathWriter(w io.Writer) *PathWriter {
	return &PathWriter{s: sender{vw: NewVectorWriter(w)}}
}

// Send writes head, p and tail as one frame by path.
func (w *PathWriter) Send(path WritePath, head, p, tail []byte) error {
	return w.s.send(path, head, p, tail)
}
