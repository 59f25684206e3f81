package bench

import (
	"slices"
	"testing"

	"framebench/strategies"
)

// precheck returns how many messages each cell sends and compares in full
// before its timed loop: 3, or 1 under -short (the CI smoke run).
func precheck() int {
	if testing.Short() {
		return 1
	}
	return 3
}

// BenchmarkStream measures one-way throughput: a writer goroutine sends
// b.N messages, the benchmark goroutine reads them and checks each one's
// stamps; the clock stops when the last one has arrived, and the last one
// is then compared in full.
func BenchmarkStream(b *testing.B) {
	runTree(b, env.Cells(Stream), 0, func(b *testing.B, c Cell) { streamCell(b, c, false) })
}

// streamCell runs one BenchmarkStream cell; unchecked turns off the check
// inside the timed loop (BenchmarkCheck).
func streamCell(b *testing.B, c Cell, unchecked bool) {
	l := open(b, c)
	if _, err := l.Transfer(1, precheck(), true); err != nil {
		fail(b, c, err)
	}
	l.Unchecked = unchecked
	b.SetBytes(int64(c.Size))
	b.ReportAllocs()
	b.ResetTimer()
	st, err := l.Transfer(uint64(1+precheck()), b.N, false)
	b.StopTimer()
	if err == nil {
		err = l.CheckLast()
	}
	if err != nil {
		fail(b, c, err)
	}
	report(b, st)
}

// BenchmarkPingPong measures round trips: a request, echoed back by a
// goroutine at the far end, its reply checked as BenchmarkStream checks
// messages. ns/op is per round trip; p50-ns and p99-ns are
// the median and 99th percentile of the individual round trips.
func BenchmarkPingPong(b *testing.B) {
	runTree(b, env.Cells(PingPong), 0, func(b *testing.B, c Cell) {
		l := open(b, c)
		if _, err := l.RoundTrips(1, precheck(), true, nil); err != nil {
			fail(b, c, err)
		}
		lat := make([]int64, b.N)
		b.SetBytes(int64(c.Size))
		b.ReportAllocs()
		b.ResetTimer()
		st, err := l.RoundTrips(uint64(1+precheck()), b.N, false, lat)
		b.StopTimer()
		if err == nil {
			err = l.CheckLast()
		}
		if err != nil {
			fail(b, c, err)
		}
		report(b, st)
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2]), "p50-ns")
		b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)]), "p99-ns")
	})
}

// BenchmarkCodec measures marshal plus unmarshal in memory, no transport.
func BenchmarkCodec(b *testing.B) {
	runTree(b, env.Cells(Codec), 0, func(b *testing.B, cell Cell) {
		c, err := strategies.LookupCodec(cell.Codec)
		if err != nil {
			b.Fatal(err)
		}
		m := strategies.NewMessage(cell.Payload, cell.Size, 1)
		buf, err := c.Append(nil, m)
		var out strategies.Message
		if err == nil {
			err = c.Unmarshal(buf, &out)
		}
		if err != nil || !strategies.Equal(&out, m) {
			b.Fatalf("%s: round trip failed: %v", cell.Name(), err)
		}
		b.SetBytes(int64(cell.Size))
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			buf, err = c.Append(buf[:0], m)
			if err == nil {
				err = c.Unmarshal(buf, &out)
			}
			if err != nil {
				b.Fatalf("%s: %v", cell.Name(), err)
			}
		}
		b.StopTimer()
		if !strategies.Equal(&out, m) {
			b.Fatalf("%s: the last round trip changed the message", cell.Name())
		}
		b.ReportMetric(float64(len(buf)), "wire-bytes/op")
	})
}

// runTree runs cells as nested sub-benchmarks, one level per key, so that
// names are exactly Cell.Name and levels with no cell are never created.
func runTree(b *testing.B, cells []Cell, depth int, leaf func(*testing.B, Cell)) {
	cells = shuffled(b, cells, depth)
	for i := 0; i < len(cells); {
		key := cells[i].Keys()[depth]
		j := i + 1
		for j < len(cells) && cells[j].Keys()[depth] == key {
			j++
		}
		group := cells[i:j]
		b.Run(key, func(b *testing.B) {
			if depth == len(group[0].Keys())-1 {
				leaf(b, group[0])
			} else {
				runTree(b, group, depth+1, leaf)
			}
		})
		i = j
	}
}

// open opens c's link, closed when the benchmark ends.
func open(b *testing.B, c Cell) *Link {
	l, err := env.Open(c)
	if err != nil {
		b.Fatalf("%s: %v", c.Name(), err)
	}
	b.Cleanup(l.Close)
	return l
}

// fail ends a cell that broke. A cell that broke the way its strategy is
// known to break logs "broken: <error>"; it skips if this is provably the
// cell's first run in the process (firstRun) and fails otherwise, because
// testing prints a skip in any later run as a result line of 0 iterations
// and NaN ns/op, which benchstat cannot read (see broken_test.go). Any
// other error fails the cell. framebench report and framebench run read a
// failure whose log says "broken:" as broken, not failed.
func fail(b *testing.B, c Cell, err error) {
	b.Helper()
	if !Breaks(c, err) {
		b.Fatalf("%v", err)
	}
	if firstRun(b) {
		b.Skipf("broken: %v", err)
	}
	b.Fatalf("broken: %v", err)
}

// report records the transport counts per message. It runs after the timed
// loop: ResetTimer would clear them.
func report(b *testing.B, st Stats) {
	n := float64(b.N)
	b.ReportMetric(float64(st.Reads)/n, "reads/op")
	b.ReportMetric(float64(st.Writes)/n, "writes/op")
	b.ReportMetric(float64(st.WireBytes)/n, "wire-bytes/op")
}
