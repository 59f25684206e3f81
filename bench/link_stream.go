package bench

import (
	"fmt"
	"sync/atomic"

	"framebench/strategies"
)

// Transfer sends count messages from end a, numbered from first, in a writer
// goroutine, and reads and checks them at end b: fully if full is set, by
// their stamps otherwise (see Link.check), and remembers the last one for
// CheckLast. It returns when the last message has arrived or
// on the first error; a reader error closes the transport so the writer
// cannot block forever (the seed's second trap), and the watchdog does the
// same for a transfer that stops moving.
func (l *Link) Transfer(first uint64, count int, full bool) (Stats, error) {
	done := make(chan struct{})
	defer close(done)
	var stuck atomic.Bool
	go l.watch(done, &stuck)

	w0, b0, r0 := l.aw.writes, l.aw.bytes, l.br.reads
	werr := make(chan error, 1)
	go func() {
		var err error
		for i := range count {
			l.out.SetSeq(first + uint64(i))
			if err = l.w.WriteMessage(l.out); err != nil {
				l.stop()
				break
			}
		}
		werr <- err
	}()

	var rerr error
	var m strategies.Message
	for i := range count {
		if rerr = l.r.ReadMessage(&m); rerr != nil {
			rerr = fmt.Errorf("bench: %s: %w", l.Cell.Name(), rerr)
			break
		}
		if rerr = l.check(&m, first+uint64(i), full); rerr != nil {
			break
		}
		l.progress.Add(1)
	}
	if rerr != nil {
		l.stop()
	}
	we := <-werr
	st := Stats{Reads: l.br.reads - r0, Writes: l.aw.writes - w0, WireBytes: l.aw.bytes - b0}
	return st, l.finish(rerr, we, stuck.Load())
}
