package bench

import (
	"bufio"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"framebench/strategies"
)

// The seed's second trap: the reader gives up, and the writer blocks for
// ever on the full pipe. These tests prove that nothing in the suite can
// hang that way: closing the reader's end alone unblocks a writer on every
// transport; a reader that fails mid-message ends its Transfer, writer
// included, on every transport; and a transfer that stops moving is
// stopped by the watchdog on every transport. TestMain's goleak check then
// proves every goroutine returned.

// unblockTimeout is how long a blocked writer may take to notice.
const unblockTimeout = 10 * time.Second

// TestCloseReaderUnblocksWriter: a writer blocked on a full transport
// returns with an error once the reading end alone is closed.
func TestCloseReaderUnblocksWriter(t *testing.T) {
	for _, tr := range Transports {
		if tr.Echo {
			continue // the far end is a peer: TestTransferEndsWhenReaderFails covers it
		}
		t.Run(tr.Name, func(t *testing.T) {
			if tr.Name == "file" {
				t.Skip("a regular file never blocks its writer: there is nothing to unblock")
			}
			a, b, stop, err := tr.Make(Cell{})
			if err != nil {
				t.Skipf("transport %s unavailable here: %v", tr.Name, err)
			}
			defer stop()
			closer, ok := b.R.(io.Closer)
			if !ok {
				t.Fatalf("the reading end of %s (%T) cannot be closed by itself", tr.Name, b.R)
			}
			werr := make(chan error, 1)
			go func() {
				_, err := a.W.Write(make([]byte, 64<<20))
				werr <- err
			}()
			// The reader takes a little, as a reader that gives up mid-message would.
			buf := make([]byte, 1000)
			if _, err := io.ReadFull(b.R, buf); err != nil {
				t.Fatalf("reading the first bytes: %v", err)
			}
			if err := closer.Close(); err != nil {
				t.Fatalf("closing the reading end: %v", err)
			}
			select {
			case err := <-werr:
				if err == nil {
					t.Errorf("the writer returned no error after its reader closed")
				}
			case <-time.After(unblockTimeout):
				stop() // let the goroutine go before failing
				<-werr
				t.Fatalf("the writer was still blocked %v after its reader closed", unblockTimeout)
			}
		})
	}
}

// TestTransferEndsWhenReaderFails runs, on every transport, a transfer
// whose reader fails on the first message while the writer is still
// writing it (a 1 MiB line for bufio.Scanner's 64 KiB): Transfer returns
// the reader's error promptly, and the writer goroutine has returned.
func TestTransferEndsWhenReaderFails(t *testing.T) {
	for _, tr := range Transports {
		c := Cell{Bench: Stream, Transport: tr.Name, Codec: "json", Strategy: "scanner", Payload: strategies.Blob, Size: 1 << 20}
		t.Run(tr.Name, func(t *testing.T) {
			l, err := env.Open(c)
			if err != nil {
				t.Skipf("transport %s unavailable here: %v", tr.Name, err)
			}
			defer l.Close()
			start := time.Now()
			_, err = l.Transfer(1, 4, true)
			if !errors.Is(err, bufio.ErrTooLong) {
				t.Fatalf("Transfer = %v, want bufio.ErrTooLong", err)
			}
			if d := time.Since(start); d > unblockTimeout {
				t.Errorf("Transfer took %v to return after its reader failed", d)
			}
		})
	}
}

// hangWriter never writes: it blocks until its link is closed.
type hangWriter struct{ closed <-chan struct{} }

func (h hangWriter) WriteMessage(*strategies.Message) error {
	<-h.closed
	return errors.New("hangWriter: the link was closed")
}

// TestWatchdogEveryTransport: on every transport, a transfer whose writer
// never writes fails with ErrStuck soon after its Env's Watchdog.
func TestWatchdogEveryTransport(t *testing.T) {
	e := env
	e.Watchdog = 300 * time.Millisecond
	for _, tr := range Transports {
		c := Cell{Bench: Stream, Transport: tr.Name, Codec: "gob", Strategy: "lenprefix", Payload: strategies.Blob, Size: 16}
		t.Run(tr.Name, func(t *testing.T) {
			l, err := e.Open(c)
			if err != nil {
				t.Skipf("transport %s unavailable here: %v", tr.Name, err)
			}
			defer l.Close()
			closed := make(chan struct{})
			stop := l.stop
			var once sync.Once
			l.stop = func() {
				stop()
				once.Do(func() { close(closed) })
			}
			l.w = hangWriter{closed}
			start := time.Now()
			_, err = l.Transfer(1, 3, true)
			if !errors.Is(err, ErrStuck) {
				t.Fatalf("Transfer with a writer that never writes = %v, want ErrStuck", err)
			}
			if d := time.Since(start); d > 10*e.Watchdog+2*time.Second {
				t.Errorf("the watchdog took %v, Watchdog is %v", d, e.Watchdog)
			}
		})
	}
}
