package bench

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"framebench/strategies"
)

// TestTransports moves data both ways on every transport.
func TestTransports(t *testing.T) {
	for _, tr := range bareTransports(Transports) {
		t.Run(tr.Name, func(t *testing.T) {
			a, b, stop, err := tr.Make(Cell{})
			if err != nil {
				t.Skipf("transport %s unavailable here: %v", tr.Name, err)
			}
			defer stop()
			for _, dir := range []struct {
				name string
				from End
				to   End
				n    int
			}{{"a->b", a, b, 1 << 20}, {"b->a", b, a, 100}} {
				want := bytes.Repeat([]byte("framebench"), dir.n/10)
				errc := make(chan error, 1)
				go func() {
					_, err := dir.from.W.Write(want)
					errc <- err
				}()
				got := make([]byte, len(want))
				if _, err := io.ReadFull(dir.to.R, got); err != nil {
					t.Fatalf("%s: ReadFull = %v", dir.name, err)
				}
				if err := <-errc; err != nil {
					t.Fatalf("%s: Write = %v", dir.name, err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("%s: the bytes read differ from the bytes written", dir.name)
				}
			}
		})
	}
}

// TestStopUnblocks proves the seed's second trap cannot hang a run: a
// writer blocked on a full transport, and a reader waiting for data, both
// return once stop is called. (A regular file never blocks its writer.)
func TestStopUnblocks(t *testing.T) {
	for _, tr := range Transports {
		if tr.Echo {
			continue // a peer that echoes messages is tested with Link
		}
		t.Run(tr.Name, func(t *testing.T) {
			a, b, stop, err := tr.Make(Cell{})
			if err != nil {
				t.Skipf("transport %s unavailable here: %v", tr.Name, err)
			}
			werr := make(chan error, 1)
			go func() {
				_, err := a.W.Write(make([]byte, 64<<20))
				werr <- err
			}()
			rerr := make(chan error, 1)
			go func() {
				_, err := b.W.Write([]byte{1}) // b writes one byte: a's reader gets it, then waits
				if err == nil {
					buf := make([]byte, 2)
					_, err = io.ReadFull(a.R, buf)
				}
				rerr <- err
			}()
			time.Sleep(50 * time.Millisecond)
			stop()
			for name, ch := range map[string]chan error{"writer": werr, "reader": rerr} {
				select {
				case err := <-ch:
					if err == nil && !(tr.Name == "file" && name == "writer") {
						t.Errorf("%s returned no error after stop", name)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("%s still blocked 10s after stop", name)
				}
			}
		})
	}
}

// TestWatchdog: a transfer whose writer never writes fails with ErrStuck
// soon after its Env's Watchdog, naming the cell, and leaves no goroutine behind.
func TestWatchdog(t *testing.T) {
	e := env
	e.Watchdog = 300 * time.Millisecond
	l, err := e.Open(Cell{Bench: Stream, Transport: "pipe", Codec: "raw", Strategy: "lenprefix", Payload: "blob", Size: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	stopped := make(chan struct{})
	var once sync.Once
	orig := l.stop
	l.stop = func() { orig(); once.Do(func() { close(stopped) }) }
	l.w = stalledWriter{stopped}
	start := time.Now()
	_, err = l.Transfer(1, 3, true)
	if !errors.Is(err, ErrStuck) {
		t.Fatalf("Transfer with a stalled writer = %v, want ErrStuck", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the watchdog took %v to stop a transfer, want about %v", d, e.Watchdog)
	}
	if !bytes.Contains([]byte(err.Error()), []byte("transport=pipe/codec=raw/strategy=lenprefix")) {
		t.Errorf("error %q does not name the cell", err)
	}
}

// stalledWriter blocks until its link is closed, as a writer on a full
// transport whose reader went away.
type stalledWriter struct{ stopped chan struct{} }

func (s stalledWriter) WriteMessage(*strategies.Message) error {
	<-s.stopped
	return errors.New("stalled writer: transport closed")
}
