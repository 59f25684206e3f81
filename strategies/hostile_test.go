package strategies_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"framebench/strategies"
)

// Hostile input: headers that claim 4 GiB, varints past 2^63 or longer than
// ten bytes, endless lines, and codec length claims, read with a small
// MaxFrame so that any allocation past it stands out. A reader must fail
// with a *FrameError that names the strategy, the message index and the
// byte offset where the bad frame began, must not panic, and must allocate
// no more than its limit plus a small constant.

var hostileStrict = flag.Bool("hostile.strict", false,
	"fail, rather than skip with the finding, where a known bound violation reproduces")

// hostileOpts keeps every limit small: a reader that allocates for a claim
// instead of for the data is seen at once.
var hostileOpts = strategies.Options{MaxFrame: 4 << 10, BufSize: 4 << 10}

// hostileSlack is the "small constant" a reader may allocate past its limit
// and its buffer: error values, the decoder's own state.
const hostileSlack = 32 << 10

// totalAlloc returns the bytes allocated while f ran. Tests that use it must
// not run in parallel with others.
func totalAlloc(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// crcHeaderClaiming returns a lenprefix-crc header whose own checksum is
// valid and whose length is n: the reader must trust it and still refuse it.
func crcHeaderClaiming(n uint32) []byte {
	castagnoli := crc32.MakeTable(crc32.Castagnoli)
	h := binary.BigEndian.AppendUint32(nil, n)
	c := crc32.Checksum(h, castagnoli)
	h = binary.BigEndian.AppendUint32(h, (c>>15|c<<17)+0xa282ead8) // masked, as the writer does
	return append(h, 0, 0, 0, 0)
}

// hostileHeaders are the bad frames put after two good ones, each with the
// strategies it is hostile to and the sentinel each must report (nil: any
// error will do, the peers have their own).
var hostileHeaders = []struct {
	name string
	b    []byte
	want map[string]error
}{
	{"len=2^32-1", []byte("\xff\xff\xff\xff0123456789abcdef"), map[string]error{
		"lenprefix": strategies.ErrFrameTooLarge, "oneread": strategies.ErrFrameTooLarge,
		"msgio": strategies.ErrFrameTooLarge, "lenprefix-crc": strategies.ErrChecksum,
		"lenprefix-naive": strategies.ErrFrameTooLarge,
		"varint":          strategies.ErrFrameTooLarge, "msgio-varint": nil, "protodelim": nil}},
	{"crc-len=2^32-1", append(crcHeaderClaiming(1<<32-1), "0123456789abcdef"...), map[string]error{
		"lenprefix-crc": strategies.ErrFrameTooLarge, "lenprefix": strategies.ErrFrameTooLarge,
		"oneread": strategies.ErrFrameTooLarge, "msgio": strategies.ErrFrameTooLarge,
		"lenprefix-naive": strategies.ErrFrameTooLarge}},
	{"varint=2^64-1", []byte("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"), map[string]error{
		"varint": strategies.ErrFrameTooLarge, "protodelim": strategies.ErrFrameTooLarge, "msgio-varint": nil}},
	{"varint=2^63", []byte("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"), map[string]error{
		"varint": strategies.ErrFrameTooLarge, "protodelim": strategies.ErrFrameTooLarge, "msgio-varint": nil}},
	{"varint-overlong", []byte("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00"), map[string]error{
		"varint": strategies.ErrHeader, "protodelim": nil, "msgio-varint": nil}},
	{"varint-overflow", bytes.Repeat([]byte{0xff}, 11), map[string]error{
		"varint": strategies.ErrHeader, "protodelim": nil, "msgio-varint": nil}},
	{"line-over-limit", bytes.Repeat([]byte("a"), 64<<10+1), map[string]error{
		"newline": strategies.ErrFrameTooLarge, "scanner": bufio.ErrTooLong}},
}

// hostileCodec is a codec that s carries: raw where it can, else json.
func hostileCodec(s strategies.Strategy) strategies.Codec {
	if strategies.Applies(s, strategies.Raw, strategies.Blob) == nil {
		return strategies.Raw
	}
	return strategies.JSON
}

// framedStrategies are the strategies with frame headers to attack: all
// framed ones but none, which has no header.
func framedStrategies() []strategies.Strategy {
	var out []strategies.Strategy
	for _, s := range strategies.Strategies {
		if strategies.Frames(s) != nil && s != strategies.None {
			out = append(out, s)
		}
	}
	return out
}

// goodStream returns n blob messages of size bytes written by s with c.
func goodStream(t *testing.T, s strategies.Strategy, c strategies.Codec, n, size int, o strategies.Options) ([]byte, []*strategies.Message) {
	t.Helper()
	var buf bytes.Buffer
	w := s.NewWriter(&buf, c, o)
	var msgs []*strategies.Message
	for i := range n {
		m := strategies.NewMessage(strategies.Blob, size, uint64(i+1))
		if err := w.WriteMessage(m); err != nil {
			t.Fatalf("%s/%s: WriteMessage(#%d) = %v", s.Name(), c.Name(), i, err)
		}
		msgs = append(msgs, m)
	}
	return buf.Bytes(), msgs
}

// readUntilError reads from rd until an error and returns the messages read
// and the error. At most limit messages are read.
func readUntilError(rd strategies.Reader, limit int) (int, error) {
	for n := 0; n < limit; n++ {
		var m strategies.Message
		if err := rd.ReadMessage(&m); err != nil {
			return n, err
		}
	}
	return limit, nil
}

// checkFrameError reports a problem unless err is a *FrameError naming
// strategy s, message index and byte offset off.
func checkFrameError(t *testing.T, err error, s string, index, off int64) {
	t.Helper()
	var fe *strategies.FrameError
	if !errors.As(err, &fe) {
		t.Errorf("error %v (%T) is not a *strategies.FrameError", err, err)
		return
	}
	if fe.Strategy != s || fe.Index != index || fe.Offset != off {
		t.Errorf("error %q names strategy %q, message %d, byte %d; want %q, %d, %d",
			err, fe.Strategy, fe.Index, fe.Offset, s, index, off)
	}
}

// TestHostileHeaders puts each hostile header after two good frames, for
// every framed reader it is hostile to: two messages, then a *FrameError at
// message 2 and the header's offset; no panic, in that call or the next;
// allocation within twice the reader's limit (a buffer that doubles up to
// it) plus its buffer plus hostileSlack (TotalAlloc); and a handful of
// allocations (AllocsPerRun).
func TestHostileHeaders(t *testing.T) {
	for _, s := range framedStrategies() {
		c := hostileCodec(s)
		good, _ := goodStream(t, s, c, 2, 100, hostileOpts)
		limit, _ := strategies.Limit(s, hostileOpts)
		bound := uint64(2*limit + hostileOpts.BufSize + hostileSlack)
		for _, h := range hostileHeaders {
			want, ok := h.want[s.Name()]
			if !ok {
				continue
			}
			stream := append(bytes.Clone(good), h.b...)
			t.Run("strategy="+s.Name()+"/header="+h.name, func(t *testing.T) {
				var n int
				var err error
				read := func() {
					rd := s.NewReader(bytes.NewReader(stream), c, hostileOpts)
					if n, err = readUntilError(rd, 4); err != nil {
						rd.ReadMessage(new(strategies.Message))
					}
				}
				used := totalAlloc(read)
				if n != 2 || err == nil || err == io.EOF {
					t.Fatalf("read %d messages, then %v; want 2, then an error", n, err)
				}
				checkFrameError(t, err, s.Name(), 2, int64(len(good)))
				if want != nil && !errors.Is(err, want) {
					t.Errorf("error %v, want %v", err, want)
				}
				if used > bound {
					t.Errorf("reading allocated %d bytes, want at most %d (2 × limit %d + buffer %d + %d)",
						used, bound, limit, hostileOpts.BufSize, hostileSlack)
				}
				if allocs := testing.AllocsPerRun(10, read); allocs > 40 {
					t.Errorf("reading made %.0f allocations, want at most 40", allocs)
				}
			})
		}
	}
}

// endless is a reader of n bytes of 'a', without a newline, that never
// holds them: a 4 GiB line costs no memory here.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), e.n))
	for i := range p[:k] {
		p[i] = 'a'
	}
	e.n -= int64(k)
	return k, nil
}

// TestHostileEndlessLine feeds the newline readers a 4 GiB line: the first
// call must fail once the limit is passed, having read and allocated about
// the limit, not the line.
func TestHostileEndlessLine(t *testing.T) {
	for _, s := range []strategies.Strategy{strategies.Newline, strategies.Scanner} {
		t.Run("strategy="+s.Name(), func(t *testing.T) {
			src := &endless{n: 4 << 30}
			var err error
			used := totalAlloc(func() {
				err = s.NewReader(src, strategies.JSON, hostileOpts).ReadMessage(new(strategies.Message))
			})
			limit, _ := strategies.Limit(s, hostileOpts)
			if err == nil || err == io.EOF {
				t.Fatalf("ReadMessage(4 GiB line) = %v, want an error", err)
			}
			checkFrameError(t, err, s.Name(), 0, 0)
			if read := 4<<30 - src.n; read > int64(2*limit+hostileOpts.BufSize+bufio.MaxScanTokenSize) {
				t.Errorf("read %d bytes of the line before failing, limit %d", read, limit)
			}
			if bound := uint64(2*limit + hostileOpts.BufSize + hostileSlack); used > bound {
				t.Errorf("allocated %d bytes, want at most %d", used, bound)
			}
		})
	}
}

// TestHostileLongLineGrowth reads one legitimate 4 MiB line with the
// newline reader and its default options: the buffer must grow to the line
// in a few steps, allocating a small multiple of it in all.
//
// KNOWN BUG (inbuf.go, strategy_newline.go; reported to the lead): the
// newline reader asks inbuf.need for one byte more than it holds, and
// inbuf.makeRoom grows the buffer by Options.BufSize (64 KiB) at a time, so
// a line of L bytes costs L²/(2·64 KiB) bytes of allocation and copying:
// 136 MB for 4 MiB, 2.1 GB and 2.5 s for a 16 MiB line, about 32 GiB for
// a hostile 64 MiB (MaxFrame) line. Run with -hostile.strict to fail here.
func TestHostileLongLineGrowth(t *testing.T) {
	const n = 4 << 20
	line := append(bytes.Repeat([]byte("a"), n), '\n')
	var err error
	used := totalAlloc(func() {
		fr := strategies.Frames(strategies.Newline).NewFrameReader(bytes.NewReader(line), strategies.Options{})
		_, err = fr.ReadFrame()
	})
	if err != nil {
		t.Fatalf("ReadFrame(4 MiB line) = %v", err)
	}
	if bound := uint64(4*n + hostileSlack); used > bound {
		t.Errorf("reading one %d-byte line allocated %d bytes (%.0fx), want at most %d: the buffer must grow geometrically", n, used, float64(used)/n, bound)
	}
}

// hostileClaims are codec encodings whose length claims are far beyond
// their data. known, if set, is the finding: what the decoder allocates
// past the bound, documented rather than hidden.
var hostileClaims = []struct {
	c     strategies.Codec
	name  string
	in    []byte
	known string
}{
	{strategies.Msgpack, "2^32 items", []byte("\x81\xa5Items\xdd\xff\xff\xff\xff"),
		"msgpack: a 2^32-element array claim for []Item allocates 1<<16 Items (7 MB) ahead of the data (codec_msgpack.go's own cap)"},
	{strategies.Msgpack, "2^32 parts", []byte("\x81\xa5Items\x91\x81\xa5Parts\xdd\xff\xff\xff\xff"),
		"msgpack: a 2^32-element []Part claim allocates 1<<16 Parts (1.5 MB) ahead of the data (codec_msgpack.go's own cap)"},
	{strategies.Msgpack, "2^32 tags", []byte("\x81\xa5Items\x91\x81\xa4Tags\xdd\xff\xff\xff\xff"),
		"msgpack: a 2^32-element []string claim allocates 10^6 strings (16 MB) ahead of the data (the library's sliceAllocLimit)"},
	{strategies.Msgpack, "4 GiB name", []byte("\x81\xa5Items\x91\x81\xa4Name\xdb\xff\xff\xff\xff"),
		"msgpack: a 4 GiB str claim allocates 1 MiB ahead of the data (the library's bytesAllocLimit)"},
	{strategies.Msgpack, "4 GiB blob", []byte("\x81\xa4Blob\xc6\xff\xff\xff\xff"),
		"msgpack: from a stream (not a bytes.Reader) a 4 GiB bin claim allocates DefaultMaxFrame (64 MiB) ahead of the data (codec_msgpack.go msgpackReadBytes)"},
	{strategies.Msgpack, "4 GiB data", []byte("\x81\xa5Items\x91\x81\xa4Data\xc6\xff\xff\xff\xff"),
		"msgpack: from a stream a 4 GiB bin claim in Item.Data allocates DefaultMaxFrame (64 MiB) ahead of the data (codec_msgpack.go msgpackReadBytes)"},
	{strategies.Msgp, "2^32 items", []byte("\x81\xa5Items\xdd\xff\xff\xff\xff"), ""},
	{strategies.Msgp, "65536 items", []byte("\x81\xa5Items\xdd\x00\x01\x00\x00"),
		"msgp: a 65,536-element []Item claim allocates 65,536 Items (7 MB) ahead of the data (the limit of its msg tag)"},
	{strategies.Msgp, "2^32 tags", []byte("\x81\xa5Items\x91\x81\xa4Tags\xdd\xff\xff\xff\xff"), ""},
	{strategies.Msgp, "4 GiB blob", []byte("\x81\xa4Blob\xc6\xff\xff\xff\xff"), ""},
	{strategies.CBOR, "2^64 items", []byte("\xa1\x65Items\x9b\xff\xff\xff\xff\xff\xff\xff\xff"), ""},
	{strategies.CBOR, "4 GiB blob", []byte("\xa1\x64Blob\x5a\xff\xff\xff\xff"), ""},
	{strategies.CBOR, "2^32 tags", []byte("\xa1\x65Items\x81\xa1\x64Tags\x9a\xff\xff\xff\xff"), ""},
	{strategies.Pickle, "4 GiB str", []byte("\x80\x04X\xff\xff\xff\xff"), ""},
	{strategies.Pickle, "4 GiB bytes", []byte("\x80\x04B\xff\xff\xff\xff"), ""},
	{strategies.Gob, "1 GiB message", []byte("\xfc\x3f\xff\xff\xff"),
		"gob: a message-length claim under 1 GiB allocates up to 10 MiB ahead of the data (encoding/gob reads through internal/saferio in 10 MiB chunks)"},
	{strategies.JSON, "deep nesting", bytes.Repeat([]byte("["), 100000), ""},
	{strategies.JSON, "endless string", append([]byte(`{"Blob":"`), bytes.Repeat([]byte("A"), 1<<16)...), ""},
	{strategies.Avro, "block count -2^63", []byte("\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x00"), ""},
	{strategies.Avro, "block counts overflowing int", append([]byte("\x00\x02"), append(avroItem(), "\xfe\xff\xff\xff\xff\xff\xff\xff\xff\x01\x02"...)...), ""},
	{strategies.Avro, "2^62 items", []byte("\x00\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"), ""},
	{strategies.Avro, "4 GiB blob", []byte("\x80\x80\x80\x80\x20"), ""},
	{strategies.Avro, "2^62 tags", append(append([]byte("\x00\x02"), avroItem()[:11]...), "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"...), ""},
	{strategies.VTProto, "4 GiB blob", []byte("\x0a\x80\x80\x80\x80\x10"), ""},
	{strategies.VTProto, "2^63-1 byte item", []byte("\x12\xff\xff\xff\xff\xff\xff\xff\xff\x7f"), ""},
	{strategies.VTProto, "deep groups", bytes.Repeat([]byte{0x1b}, 100000), ""},
	{strategies.Sonic, "deep nesting", bytes.Repeat([]byte("["), 100000), ""},
	{strategies.Sonic, "deep nesting in a field", append([]byte(`{"X":`), bytes.Repeat([]byte("["), 100000)...), ""},
	{strategies.Sonic, "endless string", append([]byte(`{"Blob":"`), bytes.Repeat([]byte("A"), 1<<16)...), ""},
	{strategies.Sonic, "1M-digit ID", []byte(`{"Items":[{"ID":` + strings.Repeat("7", 1<<20) + `}]}`), ""},
}

// avroItem is the avro encoding of an empty Item: ID, Name, Score,
// Active, Tags, Data and Parts, each empty or zero.
func avroItem() []byte { return make([]byte, 14) }

// hostileCodecBound is what a codec may allocate for a hostile input of n
// bytes: a small multiple of the input plus a constant.
func hostileCodecBound(n int) uint64 { return uint64(16*n + 1<<20) }

// TestHostileCodecClaims decodes each hostile claim with Unmarshal and with
// the stream decoder over a reader that hides the input's length, and with
// the checked paths that a reader of untrusted input uses (UnmarshalChecked,
// a Splitter). Every decode must fail without a panic; allocation must stay
// within hostileCodecBound, except for the documented findings of the
// unchecked paths (the benchmarks' trusted input), which skip with what
// they allocate (-hostile.strict fails them). The checked paths have none.
func TestHostileCodecClaims(t *testing.T) {
	for _, tc := range hostileClaims {
		for _, mode := range []string{"unmarshal", "stream", "checked", "split"} {
			t.Run("codec="+tc.c.Name()+"/claim="+tc.name+"/"+mode, func(t *testing.T) {
				if (mode == "stream" || mode == "split") && tc.c.NewDecoder(bytes.NewReader(nil)) == nil {
					t.Skipf("%s is not self-delimiting: no stream", tc.c.Name())
				}
				var err error
				used := totalAlloc(func() {
					switch mode {
					case "unmarshal":
						err = tc.c.Unmarshal(tc.in, new(strategies.Message))
					case "stream":
						err = tc.c.NewDecoder(iotest.OneByteReader(bytes.NewReader(tc.in))).Decode(new(strategies.Message))
					case "checked":
						err = strategies.UnmarshalChecked(tc.c, tc.in, new(strategies.Message), nil)
					default:
						_, err = strategies.NewSplitter(tc.c, iotest.OneByteReader(bytes.NewReader(tc.in)), strategies.Options{}).Next()
					}
				})
				if mode == "checked" || mode == "split" {
					tc.known = ""
				}
				if err == nil || err == io.EOF || errors.Is(err, strategies.ErrCodecPanic) {
					t.Errorf("decode = %v, want an error (and no panic)", err)
				}
				bound := hostileCodecBound(len(tc.in))
				switch {
				case used <= bound:
					t.Logf("allocated %d bytes for %d input bytes", used, len(tc.in))
				case tc.known != "" && !*hostileStrict:
					t.Skipf("FINDING: %s; measured %d bytes for %d input bytes, bound %d", tc.known, used, len(tc.in), bound)
				default:
					t.Errorf("allocated %d bytes for %d input bytes, want at most %d", used, len(tc.in), bound)
				}
			})
		}
	}
}

// TestErrorOffsets cuts the third of five messages in half, for every
// strategy and codec: the first error must name the strategy, message 2
// and the byte where message 2 began. Stream strategies split messages
// where their encoder's writes did.
func TestErrorOffsets(t *testing.T) {
	for _, s := range strategies.Strategies {
		for _, c := range strategies.Codecs {
			if strategies.Applies(s, c, strategies.Blob) != nil {
				continue
			}
			t.Run("strategy="+s.Name()+"/codec="+c.Name(), func(t *testing.T) {
				o := strategies.Options{}
				if b, err := c.Append(nil, strategies.NewMessage(strategies.Blob, 300, 1)); err == nil {
					o.FixedSize = len(b)
				}
				var buf bytes.Buffer
				w := s.NewWriter(&buf, c, o)
				var starts []int
				for i := range 3 {
					starts = append(starts, buf.Len())
					if err := w.WriteMessage(strategies.NewMessage(strategies.Blob, 300, uint64(i+1))); err != nil {
						t.Fatal(err)
					}
				}
				cut := starts[2] + (buf.Len()-starts[2])/2
				rd := s.NewReader(bytes.NewReader(buf.Bytes()[:cut]), c, o)
				n, err := readUntilError(rd, 5)
				if n != 2 || err == nil || err == io.EOF {
					t.Fatalf("read %d messages, then %v; want 2, then an error", n, err)
				}
				checkFrameError(t, err, s.Name(), 2, int64(starts[2]))
			})
		}
	}
}

// TestWriteErrorOffsets: a transport that fails in the middle of the
// third message makes WriteMessage fail with a *FrameError naming the
// strategy, message 2 and the byte where message 2 began.
func TestWriteErrorOffsets(t *testing.T) {
	for _, s := range strategies.Strategies {
		for _, c := range strategies.Codecs {
			if strategies.Applies(s, c, strategies.Blob) != nil {
				continue
			}
			t.Run("strategy="+s.Name()+"/codec="+c.Name(), func(t *testing.T) {
				m := strategies.NewMessage(strategies.Blob, 300, 1)
				o := strategies.Options{BufSize: 16}
				if b, err := c.Append(nil, m); err == nil {
					o.FixedSize = len(b)
				}
				var buf bytes.Buffer
				w := s.NewWriter(&buf, c, o)
				var starts []int
				for range 3 {
					starts = append(starts, buf.Len())
					if err := w.WriteMessage(m); err != nil {
						t.Fatal(err)
					}
				}
				fw := &failAfter{n: starts[2] + 10}
				w = s.NewWriter(fw, c, o)
				var err error
				for i := 0; i < 3 && err == nil; i++ {
					err = w.WriteMessage(m)
				}
				if !errors.Is(err, errFailAfter) {
					t.Fatalf("WriteMessage = %v, want the transport's error", err)
				}
				checkFrameError(t, err, s.Name(), 2, int64(starts[2]))
			})
		}
	}
}

var errFailAfter = errors.New("hostile_test: transport failed")

// failAfter accepts n bytes, then fails.
type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, errFailAfter
}

// TestHostileCRCAllOnes puts 16 bytes of 0xff (erased flash, a fill
// pattern) between lenprefix-crc frames: the reader must report them and
// deliver the frames after them.
//
// KNOWN BUG (strategy_crc.go; reported to the lead): CRC-32C of ff ff ff ff
// is ff ff ff ff (the fixed point of every CRC-32 with inverted init and
// output), so eight 0xff bytes are a valid header claiming 2^32−1 bytes.
// The reader refuses the claim (ErrFrameTooLarge) but then skips 4 GiB and
// loses every later frame. A masked header CRC (as Snappy and LevelDB mask
// theirs) or a resync instead of a skip would keep them. Run with
// -hostile.strict to fail here.
func TestHostileCRCAllOnes(t *testing.T) {
	good, msgs := goodStream(t, strategies.LenPrefixCRC, strategies.Raw, 3, 100, strategies.Options{})
	first, _ := goodStream(t, strategies.LenPrefixCRC, strategies.Raw, 1, 100, strategies.Options{})
	stream := append(append(bytes.Clone(first), bytes.Repeat([]byte{0xff}, 16)...), good[len(first):]...)
	rd := strategies.LenPrefixCRC.NewReader(bytes.NewReader(stream), strategies.Raw, strategies.Options{})
	var got []*strategies.Message
	var errs []error
	for range 20 {
		var m strategies.Message
		err := rd.ReadMessage(&m)
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, &strategies.Message{Blob: bytes.Clone(m.Blob)})
	}
	if len(errs) == 0 {
		t.Fatalf("16 bytes of 0xff between frames went unreported")
	}
	if len(got) == len(msgs) {
		for i := range got {
			if !strategies.Equal(got[i], msgs[i]) {
				t.Fatalf("frame %d arrived different", i)
			}
		}
		return
	}
	t.Errorf("delivered %d of %d frames around 16 bytes of 0xff (errors: %v): ff ff ff ff must not be a valid header (the header CRC is masked)", len(got), len(msgs), errs)
}
