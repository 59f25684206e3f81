package faults

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"testing/iotest"
	"time"

	"framebench/bench"
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

// TransportDeadline bounds a shortread trial on a transport: past it the
// transport is closed and the trial counted as detected.
var TransportDeadline = 10 * time.Second

// shortReads reads the intact stream through misbehaving readers, then
// writes it in random chunks through the transports named (nil: every
// in-process one).
func (st *stream) shortReads(rng *rand.Rand, transports []string) Counts {
	var c Counts
	readers := []io.Reader{
		iotest.OneByteReader(bytes.NewReader(st.data)),
		iotest.HalfReader(bytes.NewReader(st.data)),
		iotest.DataErrReader(bytes.NewReader(st.data)),
	}
	for range chunkSeeds {
		readers = append(readers, ChunkReader(bytes.NewReader(st.data), rand.New(rand.NewPCG(rng.Uint64(), 0)), 1+rng.IntN(512)))
	}
	for _, r := range readers {
		c.add(st.judge(st.reader(r), trial{present: all}))
	}
	for _, tr := range bench.Transports {
		if tr.Echo || !wanted(tr.Name, transports) {
			continue
		}
		o, ok := st.overTransport(tr, rng)
		if ok {
			c.add(o)
		}
	}
	return c
}

func wanted(name string, names []string) bool {
	if names == nil {
		return true
	}
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// overTransport writes the stream in random chunks at one end of a fresh
// transport and reads its messages at the other. It reports false if the
// transport cannot be made here (pipe1m on a kernel that refuses).
func (st *stream) overTransport(tr bench.Transport, rng *rand.Rand) (outcome, bool) {
	var chunks [][]byte
	for rest := st.data; len(rest) > 0; {
		k := min(len(rest), 1+rng.IntN(1024))
		chunks, rest = append(chunks, rest[:k]), rest[k:]
	}
	a, b, stop, err := tr.Make(bench.Cell{})
	if err != nil {
		return outcome{}, false
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, p := range chunks {
			if _, err := a.W.Write(p); err != nil {
				return
			}
		}
	}()
	timer := time.AfterFunc(TransportDeadline, stop)
	o := st.judge(st.reader(b.R), trial{present: all, live: true})
	timer.Stop()
	stop()
	<-done
	return o, true
}
