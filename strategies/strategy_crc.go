package strategies

import (
	"encoding/binary"
	"hash/crc32"
	"io"
)

// LenPrefixCRC frames each message as a 12-byte header, then the payload:
//
//	length (4, big-endian) | CRC-32C of the length (4) | CRC-32C of the payload (4)
//
// The header checksum is masked, as in Snappy's framing format, because the
// CRC-32C of ff ff ff ff is ff ff ff ff: unmasked, a run of 0xFF bytes would
// be a valid header claiming 4 GiB. The header checksum means a corrupted
// length is never trusted: the reader
// slides forward byte by byte until a header checks out again (resync). A bad
// payload checksum drops that one frame and the next read goes on.
var LenPrefixCRC = Framed("lenprefix-crc", crcFraming{}, Facts{Role: RoleReference, Resyncs: true, ResyncChecked: true})

// castagnoli is hash/crc32's Castagnoli table; the package uses the CPU's
// CRC32 instructions for it where they exist.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const crcHeader = 12

type crcFraming struct{}

func (crcFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &crcWriter{headerWriter: newHeaderWriter(LenPrefixCRC.Name(), w, o)}
}

func (crcFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &crcReader{frameReader: newFrameReader(LenPrefixCRC.Name(), r, o, crcHeaderRule)}
}

// crcHeaderRule: the 12-byte header, whose checksum vouches even for an
// empty frame.
var crcHeaderRule = headerRule{emptyOK: true, plausible: func(b []byte, max int) (int, uint64, bool, bool) {
	if len(b) < crcHeader {
		return 0, 0, false, true
	}
	n := uint64(binary.BigEndian.Uint32(b))
	return crcHeader, n, validHeader(b) && n <= uint64(max), false
}}

type crcWriter struct {
	headerWriter
	hdr [crcHeader]byte
}

func (w *crcWriter) WriteFrame(p []byte) error {
	if err := w.check(len(p)); err != nil {
		return err
	}
	if uint64(len(p)) > 1<<32-1 {
		return w.fail(fmtErr(ErrFrameTooLarge, "%d bytes do not fit a 4-byte length", len(p)))
	}
	binary.BigEndian.PutUint32(w.hdr[0:], uint32(len(p)))
	binary.BigEndian.PutUint32(w.hdr[4:], headerCRC(w.hdr[0:4]))
	binary.BigEndian.PutUint32(w.hdr[8:], crc32.Checksum(p, castagnoli))
	return w.send(w.hdr[:], p, nil)
}

type crcReader struct {
	frameReader
	lost bool // the last header was bad: find the next good one
}

// headerCRC is the masked CRC-32C of a frame's length field.
func headerCRC(length []byte) uint32 {
	c := crc32.Checksum(length, castagnoli)
	return (c>>15 | c<<17) + 0xa282ead8
}

// validHeader reports whether the 12 bytes at h start a frame.
func validHeader(h []byte) bool {
	return headerCRC(h[0:4]) == binary.BigEndian.Uint32(h[4:8])
}

func (r *crcReader) ReadFrame() ([]byte, error) {
	if err := r.begin(); err != nil {
		return nil, err
	}
	if r.lost {
		if err := r.resync(); err != nil {
			return nil, r.fail(err)
		}
		r.lost = false
		r.start = r.in.off
	}
	if err := r.in.need(crcHeader); err != nil {
		return nil, r.fail(err)
	}
	h := r.in.buffered()
	if !validHeader(h) {
		r.in.take(1)
		r.lost = true
		return nil, r.fail(fmtErr(ErrChecksum, "header"))
	}
	want := binary.BigEndian.Uint32(h[8:12])
	p, err := r.payload(crcHeader, uint64(binary.BigEndian.Uint32(h)))
	if err != nil {
		return nil, err
	}
	if crc32.Checksum(p, castagnoli) != want {
		return nil, &FrameError{Strategy: r.name, Op: "read", Index: r.idx - 1, Offset: r.start, Err: fmtErr(ErrChecksum, "payload of %d bytes", len(p))}
	}
	return p, nil
}

// resync slides one byte at a time until the buffered bytes start with a
// valid header or the stream ends.
func (r *crcReader) resync() error {
	for {
		if err := r.in.need(crcHeader); err != nil {
			if err == io.ErrUnexpectedEOF {
				r.in.discard(int64(len(r.in.buffered())))
				return io.EOF
			}
			return err
		}
		b := r.in.buffered()
		for i := 0; i+crcHeader <= len(b); i++ {
			if validHeader(b[i:]) {
				r.in.take(i)
				return nil
			}
		}
		r.in.take(len(b) - crcHeader + 1)
	}
}
