package peer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"framebench/strategies"
)

// startServe runs Serve on a loopback port until the test ends.
func startServe(t *testing.T, c Config) (addr string, log *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback TCP here: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, c, log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve = %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("Serve did not stop")
		}
	})
	return ln.Addr().String(), log
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// roundTrips sends vs on conn with c and reads each echo back.
func roundTrips(t *testing.T, conn net.Conn, c Config, vs []any) []any {
	t.Helper()
	wr, rd := newWriter(conn, c), newReader(conn, c)
	var got []any
	for _, v := range vs {
		if err := wr.write(v); err != nil {
			t.Fatalf("write: %v", err)
		}
		e, err := rd.read()
		if err != nil {
			t.Fatalf("read echo %d: %v", len(got), err)
		}
		if m, ok := e.(*strategies.Message); ok {
			cp := *m
			cp.Blob = bytes.Clone(m.Blob)
			e = &cp
		}
		got = append(got, e)
	}
	return got
}

// TestServeHello: connections name their strategy and codec in a hello
// line and are served concurrently.
func TestServeHello(t *testing.T) {
	addr, _ := startServe(t, Config{})
	tests := []struct {
		flags []string
		c     Config
	}{
		{[]string{"-strategy", "lenprefix", "-codec", "pickle"}, Config{Strategy: strategies.LenPrefix, Codec: strategies.Pickle}},
		{[]string{"-strategy", "stream", "-codec", "cbor"}, Config{Strategy: strategies.Stream, Codec: strategies.CBOR}},
		{[]string{"-strategy", "newline", "-codec", "json"}, Config{Strategy: strategies.Newline, Codec: strategies.JSON}},
		{[]string{"-strategy", "varint", "-codec", "gob", "-messages"}, Config{Strategy: strategies.Varint, Codec: strategies.Gob, Messages: true}},
	}
	var wg sync.WaitGroup
	for _, tt := range tests {
		wg.Go(func() {
			conn, _, err := Dial(context.Background(), addr, tt.flags)
			if err != nil {
				t.Errorf("Dial %v: %v", tt.flags, err)
				return
			}
			defer conn.Close()
			if tt.c.Messages {
				want := []any{strategies.NewMessage(strategies.Struct, 5000, 1), strategies.NewMessage(strategies.Blob, 70000, 2)}
				for i, m := range roundTrips(t, conn, tt.c, want) {
					if !strategies.Equal(m.(*strategies.Message), want[i].(*strategies.Message)) {
						t.Errorf("%v: message %d came back different", tt.flags, i)
					}
				}
				return
			}
			_, want := wantValues(tt.c)
			compareValues(t, roundTrips(t, conn, tt.c, want), want)
		})
	}
	wg.Wait()
}

// TestServeStatus: a connection the serve peer gave up on can ask why,
// and the answer matches the strategies' sentinels.
func TestServeStatus(t *testing.T) {
	addr, log := startServe(t, Config{})
	conn, why, err := Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "json", "-max-frame", "100"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.JSON}
	newWriter(conn, c).write(strings.Repeat("x", 1000))
	if _, err := newReader(conn, c).read(); err == nil {
		t.Fatal("read after a message over the peer's limit: no error")
	}
	err = why()
	var re *RemoteError
	if !errors.As(err, &re) || !errors.Is(err, strategies.ErrFrameTooLarge) || errors.Is(err, strategies.ErrChecksum) {
		t.Errorf("why() = %v, want a RemoteError that is ErrFrameTooLarge and nothing else", err)
	}
	if !strings.Contains(log.String(), "frame too large") {
		t.Errorf("serve log %q does not say what failed", log.String())
	}
}

// TestServeBadHello: a connection that does not say hello gets one error
// line and is closed; a hello with bad flags too.
func TestServeBadHello(t *testing.T) {
	addr, _ := startServe(t, Config{})
	for _, hello := range []string{"GET / HTTP/1.0", helloMagic + " echo tok -strategy nope", helloMagic + " echo tok -strategy stream -codec raw"} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, hello+"\n")
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		reply, _ := io.ReadAll(conn)
		conn.Close()
		if !strings.HasPrefix(string(reply), "error ") || strings.Count(string(reply), "\n") != 1 {
			t.Errorf("hello %q: reply %q, want one error line", hello, reply)
		}
	}
	if _, _, err := Dial(context.Background(), addr, []string{"-codec", "nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Dial with a bad codec = %v", err)
	}
}

// TestServeFixed: with a strategy and codec given, connections carry
// messages from their first byte (a CPython client needs no hello).
func TestServeFixed(t *testing.T) {
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.Pickle}
	addr, _ := startServe(t, c)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, want := wantValues(c)
	compareValues(t, roundTrips(t, conn, c, want), want)
}

// TestServeStops: cancelling the context ends Serve with connections
// still open, and every goroutine with it (goleak checks at the end).
func TestServeStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, Config{}, nil) }()
	conn, _, err := Dial(context.Background(), ln.Addr().String(), []string{"-strategy", "lenprefix", "-codec", "json"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	idle, err := net.Dial("tcp", ln.Addr().String()) // never says hello
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not stop")
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("connection still open after Serve returned")
	}
}
