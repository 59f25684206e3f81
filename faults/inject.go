package faults

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/rand/v2"
)

// Header is a hostile header the campaign inserts between messages.
type Header struct {
	Name  string
	Bytes []byte
}

// HostileHeaders are the hostile headers, in report order.
var HostileHeaders = []Header{
	{"len=2^32-1", []byte{0xff, 0xff, 0xff, 0xff}},
	{"crc-len=2^32-1", crcHeader(1<<32 - 1)},
	{"varint=2^63", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}},
	{"varint=2^64-1", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
	{"varint-overlong", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}},
	{"line-over-limit", bytes.Repeat([]byte("A"), MaxFrame+1)},
}

// crcHeader is a lenprefix-crc header for a frame of n bytes whose own
// checksum is right: the reader must believe the length and refuse it.
func crcHeader(n uint32) []byte {
	t := crc32.MakeTable(crc32.Castagnoli)
	h := binary.BigEndian.AppendUint32(nil, n)
	h = binary.BigEndian.AppendUint32(h, crc32.Checksum(h, t))
	return binary.BigEndian.AppendUint32(h, 0)
}

// chunkSeeds is how many random-chunk readers the shortread trials use.
const chunkSeeds = 8

// ChunkReader returns a reader whose every Read returns between 1 and max
// bytes of r, at random: short reads of every size.
func ChunkReader(r io.Reader, rng *rand.Rand, max int) io.Reader {
	return &chunkReader{r: r, rng: rng, max: max}
}

type chunkReader struct {
	r   io.Reader
	rng *rand.Rand
	max int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return c.r.Read(p)
	}
	return c.r.Read(p[:min(len(p), 1+c.rng.IntN(c.max))])
}
