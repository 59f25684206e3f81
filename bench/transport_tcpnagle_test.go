package bench

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
	"time"

	"framebench/strategies"
)

// Nagle's stall, as a behaviour check with a margin of ten, not a timing
// benchmark: round trips of 100-byte frames whose sender writes each
// frame in two calls take 10 ms or more (the peer's delayed ACK, about
// 40 ms on Linux, once or twice per round trip) on tcp-nagle and under
// 5 ms on tcp; frames written with one call take under 5 ms on both.
const (
	nagleSize     = 100
	nagleStall    = 10 * time.Millisecond
	nagleNoStall  = 5 * time.Millisecond
	nagleWarmUp   = 3 // round trips before the kernel's quick ACKs give way to delayed ones
	nagleMeasured = 5
)

// TestNagleStall runs the round trips with the strategies themselves,
// through a Link as BenchmarkPingPong does (lenprefix-naive writes a
// frame in two calls, lenprefix in one), and with the write paths of the
// header writers (split in two calls, copy and writev in one; at this
// size the header writers copy whatever their policy, so the paths are
// driven by a PathWriter).
func TestNagleStall(t *testing.T) {
	type variant struct {
		name     string
		twoCalls bool
		rtt      func(t *testing.T, transport string) []time.Duration
	}
	var variants []variant
	for _, s := range []string{"lenprefix-naive", "lenprefix"} {
		variants = append(variants, variant{"strategy=" + s, s == "lenprefix-naive", func(t *testing.T, tr string) []time.Duration {
			return linkRoundTrips(t, Cell{Bench: PingPong, Transport: tr, Codec: "raw", Strategy: s, Payload: strategies.Blob, Size: nagleSize})
		}})
	}
	for _, p := range []strategies.WritePath{strategies.Split, strategies.Copy, strategies.Writev} {
		variants = append(variants, variant{"path=" + p.String(), p == strategies.Split, func(t *testing.T, tr string) []time.Duration {
			return pathRoundTrips(t, tr, p)
		}})
	}
	for _, v := range variants {
		for _, tr := range []string{"tcp", "tcp-nagle"} {
			t.Run(v.name+"/transport="+tr, func(t *testing.T) {
				rtt := v.rtt(t, tr)
				med := median(rtt[nagleWarmUp:])
				t.Logf("round trips %v: median %v after %d to warm up", rtt, med, nagleWarmUp)
				switch {
				case v.twoCalls && tr == "tcp-nagle" && med < nagleStall:
					t.Errorf("frames written in two calls: median round trip %v on %s, want %v or more (Nagle's stall)", med, tr, nagleStall)
				case !(v.twoCalls && tr == "tcp-nagle") && med >= nagleNoStall:
					t.Errorf("median round trip %v on %s, want under %v", med, tr, nagleNoStall)
				}
			})
		}
	}
}

// linkRoundTrips times each round trip of cell c through a Link.
func linkRoundTrips(t *testing.T, c Cell) []time.Duration {
	t.Helper()
	l, err := Open(c)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	lat := make([]int64, nagleWarmUp+nagleMeasured)
	if _, err := l.RoundTrips(1, len(lat), true, lat); err != nil {
		t.Fatal(err)
	}
	out := make([]time.Duration, len(lat))
	for i, ns := range lat {
		out[i] = time.Duration(ns)
	}
	return out
}

// pathRoundTrips times round trips of 4-byte big-endian headers and
// payloads sent by write path p at both ends of transport tr, each end
// reading them with lenprefix's frame reader.
func pathRoundTrips(t *testing.T, tr string, p strategies.WritePath) []time.Duration {
	t.Helper()
	transport, err := LookupTransport(tr)
	if err != nil {
		t.Fatal(err)
	}
	a, b, stop, err := transport.Make(Cell{})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	f := strategies.Frames(strategies.LenPrefix)
	hdr := binary.BigEndian.AppendUint32(nil, nagleSize)
	payload := make([]byte, nagleSize)
	echoed := make(chan error, 1)
	go func() {
		r, w := f.NewFrameReader(b.R, strategies.Options{}), strategies.NewPathWriter(b.W)
		for range nagleWarmUp + nagleMeasured {
			q, err := r.ReadFrame()
			if err == nil {
				err = w.Send(p, hdr, q, nil)
			}
			if err != nil {
				echoed <- err
				return
			}
		}
		echoed <- nil
	}()
	r, w := f.NewFrameReader(a.R, strategies.Options{}), strategies.NewPathWriter(a.W)
	var out []time.Duration
	for range nagleWarmUp + nagleMeasured {
		t0 := time.Now()
		err := w.Send(p, hdr, payload, nil)
		if err == nil {
			var q []byte
			if q, err = r.ReadFrame(); err == nil && len(q) != nagleSize {
				err = fmt.Errorf("a reply of %d bytes, want %d", len(q), nagleSize)
			}
		}
		if err != nil {
			stop()
			t.Fatalf("round trip %d: %v (echo: %v)", len(out), err, <-echoed)
		}
		out = append(out, time.Since(t0))
	}
	if err := <-echoed; err != nil {
		t.Fatal(err)
	}
	return out
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
