package faults

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing/iotest"
	"time"

	"framebench/bench"
)

// TransportDeadline is how long a shortread trial on a transport may make
// no progress (no byte read) before the campaign closes the transport and
// counts the trial as hung.
var TransportDeadline = 10 * time.Second

// shortReads reads the intact stream through misbehaving readers, then
// writes it in random chunks through the transports named (nil: every
// in-process one). Every random reader and transport has its own
// generator, so that leaving a transport out changes no other trial.
func (st *stream) shortReads(seed uint64, transports []string) Counts {
	var c Counts
	readers := []io.Reader{
		iotest.OneByteReader(bytes.NewReader(st.data)),
		iotest.HalfReader(bytes.NewReader(st.data)),
		iotest.DataErrReader(bytes.NewReader(st.data)),
	}
	for i := range chunkSeeds {
		rng := kindRand(seed, st.p, ShortRead, fmt.Sprintf("chunks-%d", i))
		readers = append(readers, ChunkReader(bytes.NewReader(st.data), rng, 1+rng.IntN(512)))
	}
	for _, r := range readers {
		c.add(st.judge(st.reader(r), trial{present: all, damaged: -1}))
	}
	for _, tr := range bench.Transports {
		if tr.Echo || (transports != nil && !slices.Contains(transports, tr.Name)) {
			continue
		}
		if o, ok := st.overTransport(tr, chunks(st.data, kindRand(seed, st.p, ShortRead, tr.Name))); ok {
			c.add(o)
		}
	}
	return c
}

// chunks cuts data into random pieces of 1 to 1024 bytes.
func chunks(data []byte, rng *rand.Rand) [][]byte {
	var out [][]byte
	for rest := data; len(rest) > 0; {
		k := min(len(rest), 1+rng.IntN(1024))
		out, rest = append(out, rest[:k]), rest[k:]
	}
	return out
}

// overTransport writes pieces at one end of a fresh transport and reads
// the stream's messages at the other. The writer writes a piece only when
// the reader has read everything before it, so that every read returns
// (part of) one piece, whatever the scheduling: the trial's reads are the
// same in every run. It reports false if the transport cannot be made
// here (pipe1m on a kernel that refuses).
func (st *stream) overTransport(tr bench.Transport, pieces [][]byte) (outcome, bool) {
	a, b, stop, err := tr.Make(bench.Cell{})
	if err != nil {
		return outcome{}, false
	}
	ls := &lockstep{r: b.R}
	ls.cond.L = &ls.mu
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, p := range pieces {
			if _, err := a.W.Write(p); err != nil || !ls.waitRead(len(p)) {
				return
			}
		}
	}()
	var hung atomic.Bool
	watchEnd, watchDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watchDone)
		ls.watch(watchEnd, func() { hung.Store(true); stop() })
	}()
	o := st.judge(st.reader(ls), trial{present: all, damaged: -1, live: true, stopped: hung.Load})
	close(watchEnd)
	<-watchDone // the watchdog is gone before the trial ends: nothing of it outlives the trial
	stop()
	ls.end()
	<-done
	return o, true
}

// lockstep is the reading end of a transport that lets its writer know how
// much has been read, and a watchdog of that progress.
type lockstep struct {
	r     io.Reader
	mu    sync.Mutex
	cond  sync.Cond
	read  int // bytes read
	sent  int // bytes written, that the writer waits to see read
	ended bool
	reads atomic.Int64 // Read calls that returned data: the watchdog's progress
}

func (l *lockstep) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if n > 0 {
		l.reads.Add(1)
		l.mu.Lock()
		l.read += n
		l.mu.Unlock()
		l.cond.Broadcast()
	}
	return n, err
}

// waitRead records n more bytes written and waits until all are read; it
// reports false if the trial ended first.
func (l *lockstep) waitRead(n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent += n
	for l.read < l.sent && !l.ended {
		l.cond.Wait()
	}
	return !l.ended
}

// end releases a writer waiting in waitRead.
func (l *lockstep) end() {
	l.mu.Lock()
	l.ended = true
	l.mu.Unlock()
	l.cond.Broadcast()
}

// watch calls stuck if no Read returns data for TransportDeadline, until
// done is closed.
func (l *lockstep) watch(done <-chan struct{}, stuck func()) {
	tick := time.NewTicker(max(TransportDeadline/8, time.Millisecond))
	defer tick.Stop()
	last, since := l.reads.Load(), time.Now()
	for {
		select {
		case <-done:
			return
		case now := <-tick.C:
			if r := l.reads.Load(); r != last {
				last, since = r, now
			} else if now.Sub(since) >= TransportDeadline {
				stuck()
				return
			}
		}
	}
}
