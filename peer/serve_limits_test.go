package peer

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"framebench/strategies"
)

// startServeLimits runs ServeLimits on a loopback port until the test ends.
func startServeLimits(t *testing.T, c Config, l Limits) (addr string, log *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback TCP here: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- ServeLimits(ctx, ln, c, l, log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ServeLimits = %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("ServeLimits did not stop")
		}
	})
	return ln.Addr().String(), log
}

// goodClient dials addr with json over lenprefix and echoes a few values:
// the client every test expects to be served.
func goodClient(t *testing.T, addr string) {
	t.Helper()
	conn, _, err := Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "json"})
	if err != nil {
		t.Fatalf("good client: Dial: %v", err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.JSON}
	vs := []any{"hello", map[string]any{"n": int64(7)}, strings.Repeat("x", 100<<10)}
	compareValues(t, roundTrips(t, conn, c, vs), vs)
}

// partialFrame dials addr with raw over lenprefix (-max-frame 64MiB),
// sends a header claiming claim bytes and send of them, and leaves the
// connection open: a client that holds a big frame half sent.
func partialFrame(t *testing.T, addr string, claim, send int) net.Conn {
	t.Helper()
	conn, _, err := Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "raw", "-messages", "-max-frame", "64MiB"})
	if err != nil {
		t.Fatalf("hostile client: Dial: %v", err)
	}
	conn.Write(append(be32(claim), make([]byte, send)...))
	return conn
}

// closedWithin reports whether the server closes conn within d.
func closedWithin(conn net.Conn, d time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, conn)
	return err == nil || !errors.Is(err, context.DeadlineExceeded) && !isTimeout(err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// TestServeHostileClients is issue 13's case 6: clients that each hold a
// large frame half sent, and idle ones. Those the memory budget cannot
// take fail with ErrBudget; a good client is served while they are all
// connected; the read timeout cuts the stalled frames and the idle timeout
// the idle connections; the server then serves a good client again.
func TestServeHostileClients(t *testing.T) {
	l := Limits{MaxConns: 24, MaxMemory: 24*connBase + 200<<20, IdleTimeout: 2 * time.Second, ReadTimeout: time.Second}
	addr, log := startServeLimits(t, Config{}, l)
	var hostile []net.Conn
	for range 6 {
		hostile = append(hostile, partialFrame(t, addr, 60<<20, 1<<20))
	}
	for range 6 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		hostile = append(hostile, c)
	}
	defer func() {
		for _, c := range hostile {
			c.Close()
		}
	}()
	time.Sleep(200 * time.Millisecond) // let the server take the claims it can
	goodClient(t, addr)
	for i, c := range hostile {
		if !closedWithin(c, 5*time.Second) {
			t.Errorf("hostile connection %d still open after the timeouts", i)
		}
	}
	goodClient(t, addr)
	out := log.String()
	for _, want := range []string{"memory budget exhausted", "i/o timeout"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve log does not say %q:\n%s", want, out)
		}
	}
}

// TestServeConnLimit: past -max-conns a connection gets one error line;
// once the idle ones are gone, a client is served again.
func TestServeConnLimit(t *testing.T) {
	l := Limits{MaxConns: 2, MaxMemory: 2*connBase + 16<<20, IdleTimeout: 500 * time.Millisecond, ReadTimeout: time.Second}
	addr, _ := startServeLimits(t, Config{}, l)
	var idle []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	time.Sleep(100 * time.Millisecond)
	_, _, err := Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "json"})
	if err == nil || !strings.Contains(err.Error(), "too many connections") {
		t.Errorf("third connection: Dial = %v, want too many connections", err)
	}
	for _, c := range idle {
		if !closedWithin(c, 3*time.Second) {
			t.Errorf("idle connection not closed after the idle timeout")
		}
	}
	goodClient(t, addr)
}

// TestServeBudget: a message whose frame or decoding would pass the
// memory budget fails its connection with ErrBudget, which the client can
// ask about; the server goes on.
func TestServeBudget(t *testing.T) {
	l := Limits{MaxConns: 4, MaxMemory: 4*connBase + 16<<20, IdleTimeout: 5 * time.Second, ReadTimeout: 5 * time.Second}
	addr, _ := startServeLimits(t, Config{}, l)
	conn, why, err := Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "json"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.JSON}
	newWriter(conn, c).write(strings.Repeat("z", 20<<20))
	if _, err := newReader(conn, c).read(); err == nil {
		t.Fatal("a 20 MiB message through a 16 MiB budget was echoed")
	}
	if err := why(); !errors.Is(err, ErrBudget) && !strings.Contains(err.Error(), "memory budget") {
		t.Errorf("why() = %v, want the memory budget", err)
	}
	goodClient(t, addr)
}

// TestServeBadHelloBounds is issue 13's case 1: hello lines whose flags
// are out of bounds get one error line naming the flag, and the server
// stays up.
func TestServeBadHelloBounds(t *testing.T) {
	addr, _ := startServeLimits(t, Config{Options: strategies.Options{MaxFrame: 16 << 20}}, Limits{})
	for _, flags := range [][]string{
		{"-strategy", "lenprefix", "-codec", "json", "-buf-size", "100000000000"},
		{"-strategy", "varint", "-codec", "raw", "-max-frame", "9223372036854775807"},
		{"-strategy", "buffered", "-codec", "json", "-buf-size", "-1"},
		{"-strategy", "lenprefix", "-codec", "json", "-max-frame", "32MiB"}, // over the server's own
		{"-strategy", "scanner", "-codec", "json", "-max-frame", "1MiB"},
		{"-strategy", "lenprefix", "-codec", "json", "-fixed-size", "10"},
		{"-strategy", "lenprefix", "-codec", "json", "-max-conns", "5"},
	} {
		_, _, err := Dial(context.Background(), addr, flags)
		name := strings.TrimLeft(flags[4], "-")
		if err == nil || !strings.Contains(err.Error(), name) || strings.Contains(err.Error(), "\n") {
			t.Errorf("hello %v: Dial = %v, want one error line naming -%s", flags, err, name)
		}
	}
	goodClient(t, addr)
	if conn, _, err := Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "raw", "-messages"}); err == nil {
		conn.Write([]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x20}) // a varint-shaped claim: lenprefix reads 2 GiB+
		closedWithin(conn, 5*time.Second)
		conn.Close()
	}
	goodClient(t, addr)
}

// TestServeLibraryClaims: msgio, msgio-varint and protodelim (and
// oneread) allocate a frame's claim when its header arrives; the serve peer holds the claim in
// the budget before the library sees the whole header, so a second 60 MiB
// claim through a 100 MiB budget fails, while the first waits for its data.
func TestServeLibraryClaims(t *testing.T) {
	for _, s := range []string{"msgio", "msgio-varint", "protodelim"} { // (oneread fails such a frame by itself)
		t.Run(s, func(t *testing.T) {
			l := Limits{MaxConns: 4, MaxMemory: 4*connBase + 100<<20, IdleTimeout: 5 * time.Second, ReadTimeout: 3 * time.Second}
			addr, _ := startServeLimits(t, Config{}, l)
			claim := 60 << 20
			header := be32(claim)
			switch s {
			case "msgio-varint":
				header = binary.AppendUvarint(nil, uint64(claim))
			case "protodelim":
				header = binary.AppendUvarint(nil, uint64(claim+1+4)) // a BytesValue around it
			}
			var whys []func() error
			for range 2 {
				conn, why, err := Dial(context.Background(), addr, []string{"-strategy", s, "-codec", "raw", "-messages"})
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				conn.Write(append(bytes.Clone(header), make([]byte, 1<<20)...))
				whys = append(whys, why)
				time.Sleep(100 * time.Millisecond)
			}
			if err := whys[1](); err == nil || !strings.Contains(err.Error(), "memory budget") {
				t.Errorf("the second 60 MiB claim: %v, want the memory budget", err)
			}
			goodClient(t, addr)
		})
	}
}
