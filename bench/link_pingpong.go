package bench

import (
	"fmt"
	"sync/atomic"
	"time"

	"framebench/strategies"
)

// RoundTrips sends count requests from end a, numbered from first; an echo
// goroutine at end b reads each and writes it back, and a reads and checks
// the reply (fully if full is set). lat, if not nil, receives each round
// trip's duration in nanoseconds and must hold count entries.
func (l *Link) RoundTrips(first uint64, count int, full bool, lat []int64) (Stats, error) {
	done := make(chan struct{})
	defer close(done)
	var stuck atomic.Bool
	go l.watch(done, &stuck)

	w0, b0, r0 := l.aw.writes+l.bw.writes, l.aw.bytes+l.bw.bytes, l.ar.reads+l.br.reads
	eerr := make(chan error, 1)
	if l.remoteEcho {
		eerr <- nil
	} else {
		go l.echo(count, eerr)
	}

	var cerr error
	var m strategies.Message
	for i := range count {
		seq := first + uint64(i)
		t0 := time.Now()
		l.out.SetSeq(seq)
		if cerr = l.w.WriteMessage(l.out); cerr == nil {
			cerr = l.echoR.ReadMessage(&m)
		}
		if cerr != nil {
			cerr = fmt.Errorf("bench: %s: %w", l.Cell.Name(), cerr)
			break
		}
		if lat != nil {
			lat[i] = int64(time.Since(t0))
		}
		if cerr = l.check(&m, seq, full); cerr != nil {
			break
		}
		l.progress.Add(1)
	}
	if cerr != nil {
		l.stop()
	}
	ee := <-eerr
	st := Stats{
		Reads:     l.ar.reads + l.br.reads - r0,
		Writes:    l.aw.writes + l.bw.writes - w0,
		WireBytes: l.aw.bytes + l.bw.bytes - b0,
	}
	if ee != nil && cerr != nil {
		cerr = fmt.Errorf("%w (echo: %w)", cerr, ee)
		ee = nil
	}
	return st, l.finish(cerr, ee, stuck.Load())
}

// echo reads count messages at end b and writes each back.
func (l *Link) echo(count int, done chan<- error) {
	var err error
	var m strategies.Message
	for range count {
		if err = l.r.ReadMessage(&m); err != nil {
			break
		}
		if err = l.echoW.WriteMessage(&m); err != nil {
			break
		}
	}
	if err != nil {
		l.stop()
	}
	done <- err
}
