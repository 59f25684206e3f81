package bench

import (
	"bytes"
	"encoding/binary"
	"testing"

	"framebench/strategies"
)

// BenchmarkWire measures what a transport allows a length prefix, with no
// framing code at all. wire=write sends each payload with one write, as
// none does; every other mode sends a 4-byte header and the payload by the
// strategies.WritePath of its name (writev, copy, split, chunk), the paths
// between which the header writers choose. The reader takes the stream in
// reads of up to four messages and checks the byte count and the stream's
// last bytes. The best header mode's MB/s against write's is the most a
// length-prefix framing can reach against none on that transport and size:
// where a payload fills a pipe exactly, the 4 bytes more cost a second read
// and wakeup that no framing code can avoid; and which mode is best depends
// on the machine (see strategies.WritePath).
//
// The full and speed presets run it next to the framing cells, and the
// report's fraction-of-none table shows the best mode as the wire ceiling.
//
//	go test ./bench -run '^$' -bench 'BenchmarkWire/transport=(pipe|pipe1m|unix|tcp)$' -count 10 | benchstat -col /wire -
func BenchmarkWire(b *testing.B) {
	runTree(b, env.Cells(Wire), 0, wireCell)
}

func wireCell(b *testing.B, c Cell) {
	tr, err := env.LookupTransport(c.Transport)
	if err != nil {
		b.Fatal(err)
	}
	header, size := c.Strategy != "write", c.Size
	path, err := strategies.ParseWritePath(c.Strategy)
	if header && err != nil {
		b.Fatal(err)
	}
	c = Cell{Bench: Stream, Transport: tr.Name, Codec: "raw", Strategy: "none", Payload: strategies.Blob, Size: size}
	a, z, stop, err := tr.Make(c)
	if err != nil {
		b.Fatalf("transport %s: %v", tr.Name, err)
	}
	b.Cleanup(stop)
	payload := strategies.NewMessage(strategies.Blob, size, 1).Blob
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(size))
	frame := size
	if header {
		frame += len(hdr)
	}
	vw := strategies.NewVectorWriter(a.W)
	pw := strategies.NewPathWriter(a.W)
	buf := make([]byte, max(min(4*frame, 8<<20), 256<<10))
	// move sends n frames from a goroutine and reads them into buf; it
	// returns the number of reads and the length of the last one.
	move := func(n int) (reads, last int) {
		werr := make(chan error, 1)
		go func() {
			var err error
			for i := 0; i < n && err == nil; i++ {
				if header {
					err = pw.Send(path, hdr[:], payload, nil)
				} else {
					_, err = vw.Write(payload)
				}
			}
			werr <- err
		}()
		want := int64(n) * int64(frame)
		var got int64
		for got < want {
			k, err := z.R.Read(buf[:min(int64(len(buf)), want-got)])
			reads++
			got += int64(k)
			if k > 0 {
				last = k
			}
			if err != nil {
				stop()
				b.Fatalf("%s: read after %d of %d bytes: %v", tr.Name, got, want, err)
			}
		}
		if err := <-werr; err != nil {
			b.Fatalf("%s: write: %v", tr.Name, err)
		}
		return reads, last
	}
	// Warm up as BenchmarkStream's precheck does: the copying paths' buffers
	// grow here, and every page of them and of buf is touched here, not in
	// the timed loop. A process's first touch of fresh memory is slow on
	// some virtual machines (about 150 ms for 16 MiB on the Turin-like one,
	// kernel v1272): without this, a 16 MiB copy sample was one frame and
	// that fault time.
	clear(buf)
	move(precheck())

	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	reads, last := move(b.N)
	b.StopTimer()
	if k := min(last, size); !bytes.Equal(buf[last-k:last], payload[size-k:]) {
		b.Fatalf("%s: the stream's last %d bytes differ from the payload's", tr.Name, k)
	}
	b.ReportMetric(float64(reads)/float64(b.N), "reads/op")
}

// TestWireWarm checks that BenchmarkWire's timed loop moves frames only:
// the copying paths' buffers (a frame for copy, 256 KiB for chunk) grow in
// its warm-up, so the timed loop allocates no more than its goroutine.
func TestWireWarm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two benchmarks of about a second")
	}
	const size = 1 << 20
	for _, path := range []strategies.WritePath{strategies.Copy, strategies.Chunk} {
		c := Cell{Bench: Wire, Transport: "pipe", Codec: "raw", Strategy: path.String(), Payload: strategies.Blob, Size: size}
		r := testing.Benchmark(func(b *testing.B) { wireCell(b, c) })
		if r.N == 0 {
			t.Fatalf("%s: the benchmark failed", path)
		}
		if r.MemBytes >= 16<<10 {
			t.Errorf("%s: %d bytes allocated over %d frames of %d bytes: a buffer grew in the timed loop", path, r.MemBytes, r.N, size)
		}
	}
}
