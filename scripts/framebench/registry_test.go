package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"framebench/bench"
	"framebench/peer"
	"framebench/report"
	"framebench/strategies"
	"framebench/strategies/strategytest"
)

// The throwaway entries of TestRegistryProof, each defined here as a new
// file would define it and registered by appending it to its registry.
const (
	xCodecName     = "xcodec"
	xStrategyName  = "xframe"
	xTransportName = "xpipe"
)

// xCodec carries a blob as hex: no raw newline, no stream decoder, and a
// check of its own for untrusted input (strategies.EncodingChecker).
type xCodec struct{}

func (xCodec) Name() string                            { return xCodecName }
func (xCodec) Supports(p strategies.Payload) bool      { return p == strategies.Blob }
func (xCodec) NewlineFree() bool                       { return true }
func (xCodec) ReadsAhead() bool                        { return false }
func (xCodec) NewEncoder(io.Writer) strategies.Encoder { return nil }
func (xCodec) NewDecoder(io.Reader) strategies.Decoder { return nil }

func (xCodec) Append(dst []byte, m *strategies.Message) ([]byte, error) {
	if len(m.Items) > 0 {
		return dst, errors.New("xcodec: blobs only")
	}
	return hex.AppendEncode(dst, m.Blob), nil
}

func (xCodec) Unmarshal(data []byte, m *strategies.Message) error {
	b, err := hex.AppendDecode(nil, data)
	m.Blob, m.Items = b, nil
	return err
}

func (xCodec) CheckEncoding(data []byte) (int64, error) {
	if _, err := hex.DecodeString(string(data)); err != nil {
		return 0, fmt.Errorf("xcodec: %w: %v", strategies.ErrMalformed, err)
	}
	return int64(len(data) / 2), nil
}

// xFraming is a 4-byte little-endian length, then the payload. Its reader
// goes on after a bad frame: after a payload the codec refuses, at the
// next frame; after a header over the limit, at the next four bytes.
type xFraming struct{}

func (xFraming) NewFrameWriter(w io.Writer, o strategies.Options) strategies.FrameWriter {
	return &xWriter{w: w, max: o.MaxFrameSize()}
}

func (xFraming) NewFrameReader(r io.Reader, o strategies.Options) strategies.FrameReader {
	return &xReader{r: r, max: o.MaxFrameSize()}
}

type xWriter struct {
	w      io.Writer
	max    int
	n, off int64
}

func (w *xWriter) Written() int64 { return w.off }

func (w *xWriter) WriteFrame(p []byte) error {
	var err error
	if len(p) > w.max {
		err = strategies.ErrFrameTooLarge
	} else {
		_, err = w.w.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(p))))
		if err == nil {
			_, err = w.w.Write(p)
		}
	}
	if err != nil {
		return &strategies.FrameError{Strategy: xStrategyName, Op: "write", Index: w.n, Offset: w.off, Err: err}
	}
	w.n++
	w.off += 4 + int64(len(p))
	return nil
}

type xReader struct {
	r             io.Reader
	max           int
	n, off, start int64
	hdr           [4]byte
	buf           []byte
}

func (r *xReader) FrameStart() int64 { return r.start }
func (r *xReader) Consumed() int64   { return r.off }

func (r *xReader) ReadFrame() ([]byte, error) {
	r.start = r.off
	k, err := io.ReadFull(r.r, r.hdr[:])
	r.off += int64(k)
	if err == io.EOF {
		return nil, io.EOF
	}
	idx := r.n
	r.n++
	fail := func(err error) error {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return &strategies.FrameError{Strategy: xStrategyName, Op: "read", Index: idx, Offset: r.start, Err: err}
	}
	if err != nil {
		return nil, fail(err)
	}
	n := int64(binary.LittleEndian.Uint32(r.hdr[:]))
	if n > int64(r.max) {
		return nil, fail(fmt.Errorf("%w: %d bytes, limit %d", strategies.ErrFrameTooLarge, n, r.max))
	}
	if int64(cap(r.buf)) < n {
		r.buf = make([]byte, n)
	}
	k, err = io.ReadFull(r.r, r.buf[:n])
	r.off += int64(k)
	if err != nil {
		return nil, fail(err)
	}
	return r.buf[:n], nil
}

var (
	xStrategy  = strategies.Framed(xStrategyName, xFraming{}, strategies.Facts{Role: strategies.RoleReference, Resyncs: true})
	xTransport = bench.Transport{Name: xTransportName, WholeWrites: true, Make: func(bench.Cell) (bench.End, bench.End, func(), error) {
		r1, w1 := io.Pipe()
		r2, w2 := io.Pipe()
		stop := func() { r1.Close(); w1.Close(); r2.Close(); w2.Close() }
		return bench.End{R: r2, W: w1}, bench.End{R: r1, W: w2}, stop, nil
	}}
)

// register appends the throwaway entries to the registries until the
// test ends.
func register(t *testing.T) {
	codecs, ss, trs := strategies.Codecs, strategies.Strategies, bench.Transports
	strategies.Codecs = append(slices.Clip(codecs), xCodec{})
	strategies.Strategies = append(slices.Clip(ss), xStrategy)
	bench.Transports = append(slices.Clip(trs), xTransport)
	t.Cleanup(func() { strategies.Codecs, strategies.Strategies, bench.Transports = codecs, ss, trs })
}

// TestRegistryProof registers a throwaway codec, strategy and transport
// through the registries alone (one new value each, appended) and finds
// each in the benchmark matrix, the correctness matrix, the peer, the
// presets, the fuzz targets and the report's order: a new entry is one
// file and one registry line.
func TestRegistryProof(t *testing.T) {
	register(t)
	all := cell(bench.Stream, xTransportName, xCodecName, xStrategyName, 65537)

	t.Run("benchmarks", func(t *testing.T) {
		for _, want := range []bench.Cell{cell(bench.Stream, xTransportName, xCodecName, xStrategyName, 64<<10),
			cell(bench.PingPong, xTransportName, xCodecName, xStrategyName, 16),
			{Bench: bench.Codec, Codec: xCodecName, Payload: strategies.Blob, Size: 16},
			{Bench: bench.Wire, Transport: xTransportName, Strategy: bench.WireModes[0], Size: 16}} {
			if !slices.Contains(bench.Cells(want.Bench), want) {
				t.Errorf("bench.Cells(%s) has no %s", want.Bench, want.Name())
			}
		}
		if slices.Contains(bench.Cells(bench.Stream), cell(bench.Stream, xTransportName, xCodecName, strategies.Stream.Name(), 16)) {
			t.Errorf("bench.Cells has the stream strategy with %s, which has no stream encoder", xCodecName)
		}
	})

	t.Run("correctness", func(t *testing.T) {
		cells := bench.CheckCells([]string{xTransportName}, []int{65537})
		for _, c := range []bench.Cell{all, cell(bench.Stream, xTransportName, strategies.JSON.Name(), strategies.LenPrefix.Name(), 65537),
			cell(bench.Stream, bench.Pipe.Name, xCodecName, strategies.Newline.Name(), 65537), cell(bench.Stream, bench.Pipe.Name, strategies.Raw.Name(), xStrategyName, 65537)} {
			if c.Transport == xTransportName && !slices.Contains(cells, c) {
				t.Errorf("bench.CheckCells has no %s", c.Name())
			}
			r := bench.Check(c)
			if e := bench.Expect(c, r.Frame, 65536); e != bench.MustPass || !e.Meets(r) {
				t.Errorf("%s: %s (%v), expected %v", c.Name(), r.Outcome, r.Err, e)
			}
		}
		// The transport's facts reach the expectation of the strategy
		// that needs whole reads: a write arrives as one read.
		if e := bench.Expect(cell(bench.Stream, xTransportName, strategies.Raw.Name(), strategies.OneRead.Name(), 1<<20), 1<<20, 65536); e != bench.MustPass {
			t.Errorf("Expect(oneread on %s) = %v, want must pass", xTransportName, e)
		}
	})

	t.Run("peer", func(t *testing.T) {
		var in bytes.Buffer
		for i := range 3 {
			b, err := json.Marshal(strategies.NewMessage(strategies.Blob, 1000*i, uint64(i)))
			if err != nil {
				t.Fatal(err)
			}
			in.Write(append(b, '\n'))
		}
		peerRoundTrip(t, in.String(), "-messages", "-strategy", xStrategyName, "-codec", xCodecName)
		peerRoundTrip(t, "{\"a\":[1,\"x\"]}\n[2.5]\n", "-strategy", xStrategyName, "-codec", strategies.JSON.Name())
	})

	t.Run("presets", func(t *testing.T) {
		var found []string
		for _, p := range presetList() {
			for _, s := range p.Slices {
				cells, err := s.cells()
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cells {
					for _, x := range []string{c.Codec, c.Strategy, c.Transport} {
						if strings.HasPrefix(x, "x") && !slices.Contains(found, p.Name+"/"+s.Name+"/"+x) {
							found = append(found, p.Name+"/"+s.Name+"/"+x)
						}
					}
				}
			}
		}
		// The slices that take every codec, strategy or transport of a
		// kind: the standard codec sweep and newline slices name their
		// codecs, the full framing slice its other transports.
		for _, want := range []string{"quick/framing/" + xStrategyName, "quick/framing/" + xTransportName, "standard/codecs-pipe/" + xCodecName,
			"standard/newline/" + xCodecName, "full/framing/" + xTransportName, "quick/codecs/" + xCodecName} {
			if !slices.Contains(found, want) {
				t.Errorf("the presets do not select %s; they select %v", want, found)
			}
		}
	})

	t.Run("fuzz", func(t *testing.T) {
		if !slices.Contains(strategytest.FuzzFramings(), xStrategy) || !slices.ContainsFunc(strategytest.FuzzUnmarshalers(), isX) {
			t.Fatal("the fuzz targets' lists do not hold the throwaway strategy and codec")
		}
		var buf bytes.Buffer
		w := xFraming{}.NewFrameWriter(&buf, strategies.Options{})
		for _, p := range []string{"", "ab", strings.Repeat("z", 5000)} {
			w.WriteFrame([]byte(p))
		}
		for _, data := range [][]byte{buf.Bytes(), buf.Bytes()[:7], {0xff, 0xff, 0xff, 0x7f, 1, 2}} {
			if err := strategytest.CheckFrames(xStrategy, data); err != nil {
				t.Error(err)
			}
			if err := strategytest.CheckUnmarshal(xCodec{}, data); err != nil {
				t.Error(err)
			}
		}
	})

	t.Run("report", func(t *testing.T) {
		for _, tc := range []struct {
			key      string
			in, want []string
		}{
			{"strategy", []string{"zz", xStrategyName, strategies.Stream.Name()}, []string{strategies.Stream.Name(), xStrategyName, "zz"}},
			{"codec", []string{"zz", xCodecName, strategies.Raw.Name()}, []string{strategies.Raw.Name(), xCodecName, "zz"}},
			{"transport", []string{"zz", bench.Remote.Name, xTransportName, bench.Pipe.Name}, []string{bench.Pipe.Name, xTransportName, bench.Remote.Name, "zz"}},
		} {
			if got := report.Order(tc.key, tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("report.Order(%s, %q) = %q, want %q", tc.key, tc.in, got, tc.want)
			}
		}
		pref := report.StrategyPreference()
		if i := slices.Index(pref, xStrategyName); i < 0 || i > slices.Index(pref, strategies.LenPrefixCRC.Name())+1 {
			t.Errorf("StrategyPreference() = %q: want %s among the reference framings", pref, xStrategyName)
		}
	})
}

func isX(c strategies.Codec) bool { return c.Name() == xCodecName }

func cell(b, t, c, s string, size int) bench.Cell {
	return bench.Cell{Bench: b, Transport: t, Codec: c, Strategy: s, Payload: strategies.Blob, Size: size}
}

// peerRoundTrip sends the JSON lines in with "framebench peer send" and
// the flags, reads them back with "peer recv" and wants the same lines.
func peerRoundTrip(t *testing.T, in string, flags ...string) {
	t.Helper()
	var wire, out, errs bytes.Buffer
	ctx := context.Background()
	if err := peer.Command(ctx, strings.NewReader(in), &wire, &errs, append([]string{"send"}, flags...)); err != nil {
		t.Fatalf("peer send %v: %v\n%s", flags, err, errs.String())
	}
	if err := peer.Command(ctx, &wire, &out, &errs, append([]string{"recv"}, flags...)); err != nil {
		t.Fatalf("peer recv %v: %v\n%s", flags, err, errs.String())
	}
	if out.String() != in {
		t.Errorf("peer send | peer recv %v:\n%s\nwant\n%s", flags, out.String(), in)
	}
}
