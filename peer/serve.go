package peer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"
)

// The hello protocol of a serve peer without a fixed strategy and codec.
// A connection opens with one line, answered with one line:
//
//	framebench-peer/1 echo TOKEN FLAGS…   →  "ok" or "error TEXT"; then messages
//	framebench-peer/1 status TOKEN        →  "running", "done", "failed TEXT" or "unknown"
//
// FLAGS are those of "framebench peer echo". TOKEN names the echo
// connection, so that a client whose connection broke can ask why: the
// serve peer remembers how the last maxStatus connections ended.
const (
	helloMagic   = "framebench-peer/1"
	helloMax     = 1 << 10
	helloTimeout = 10 * time.Second
	maxStatus    = 4096
)

// Serve accepts connections on ln and echoes messages on each, every
// connection in its own goroutine, until ctx is done; then it closes ln and
// every connection, waits for their goroutines and returns nil. If
// c.Strategy is nil, each connection names its strategy and codec in a
// hello line (see Dial). log, if not nil, gets one line per connection;
// Serve serialises its writes.
func Serve(ctx context.Context, ln net.Listener, c Config, log io.Writer) error {
	s := &server{c: c, log: log, conns: map[net.Conn]bool{}, status: map[string]string{}}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg sync.WaitGroup
	var err error
	for {
		conn, aerr := ln.Accept()
		if aerr != nil {
			if ctx.Err() == nil {
				err = fmt.Errorf("peer serve: %w", aerr)
			}
			break
		}
		s.mu.Lock()
		s.conns[conn] = true
		s.mu.Unlock()
		wg.Go(func() {
			s.handle(conn)
			s.mu.Lock()
			delete(s.conns, conn)
			s.mu.Unlock()
			conn.Close()
		})
	}
	s.mu.Lock()
	for conn := range s.conns {
		conn.Close()
	}
	s.mu.Unlock()
	wg.Wait()
	return err
}

type server struct {
	c     Config
	log   io.Writer
	mu    sync.Mutex
	conns map[net.Conn]bool
	// status: how each named connection ended ("" while running), and
	// the order in which to forget them.
	status map[string]string
	order  []string
}

func (s *server) logf(format string, args ...any) {
	if s.log == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.log, "framebench peer serve: "+format+"\n", args...)
}

func (s *server) handle(conn net.Conn) {
	peer := conn.RemoteAddr().String()
	c, token := s.c, ""
	if c.Strategy == nil {
		var err error
		if c, token, err = s.hello(conn); err != nil || token == "" {
			if err != nil {
				s.logf("%s: %v", peer, oneLine(err.Error()))
			}
			return
		}
	}
	if c.Skip {
		c.OnSkip = func(err error) { s.logf("%s: skipped: %s", peer, oneLine(err.Error())) }
	}
	sum, err := Echo(conn, conn, c)
	end := "done"
	if err != nil && !errors.Is(err, net.ErrClosed) {
		end = "failed " + oneLine(err.Error())
	}
	if token != "" {
		s.mu.Lock()
		s.status[token] = end
		s.mu.Unlock()
	}
	s.logf("%s: %s/%s: %v: %s", peer, c.Strategy.Name(), c.Codec.Name(), sum, end)
}

// hello reads a connection's hello line and answers it. It returns the
// Config and token of an echo connection, or a zero token once a status
// request has been answered.
func (s *server) hello(conn net.Conn) (Config, string, error) {
	conn.SetDeadline(time.Now().Add(helloTimeout))
	defer conn.SetDeadline(time.Time{})
	line, err := readLine(conn)
	if err != nil {
		return Config{}, "", fmt.Errorf("hello: %w", err)
	}
	f := strings.Fields(line)
	switch {
	case len(f) == 3 && f[0] == helloMagic && f[1] == "status":
		_, err := io.WriteString(conn, s.statusOf(f[2])+"\n")
		return Config{}, "", err
	case len(f) >= 3 && f[0] == helloMagic && f[1] == "echo":
		c, _, _, err := parse("echo", f[3:], io.Discard)
		if err == nil {
			err = c.Check(true)
		}
		if err != nil {
			io.WriteString(conn, "error "+oneLine(err.Error())+"\n")
			return Config{}, "", fmt.Errorf("hello %q: %w", line, err)
		}
		s.mu.Lock()
		s.status[f[2]] = ""
		s.order = append(s.order, f[2])
		if len(s.order) > maxStatus {
			delete(s.status, s.order[0])
			s.order = s.order[1:]
		}
		s.mu.Unlock()
		_, err = io.WriteString(conn, "ok\n")
		return c, f[2], err
	}
	io.WriteString(conn, "error not a framebench peer hello\n")
	return Config{}, "", fmt.Errorf("hello %q: not a framebench peer hello", line)
}

func (s *server) statusOf(token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.status[token]
	switch {
	case !ok:
		return "unknown"
	case st == "":
		return "running"
	}
	return st
}

// readLine reads one line of at most helloMax bytes a byte at a time, so
// that nothing after it is consumed.
func readLine(r io.Reader) (string, error) {
	var b [1]byte
	var line []byte
	for len(line) <= helloMax {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return "", err
		}
		if b[0] == '\n' {
			return string(line), nil
		}
		line = append(line, b[0])
	}
	return "", fmt.Errorf("line longer than %d bytes", helloMax)
}

// Dial connects to a serve peer at addr and asks it to echo with flags, as
// given to "framebench peer echo". The connection is ready for messages
// once Dial returns. why, called after the connection has failed, asks the
// serve peer how its side ended: a *RemoteError if it failed, else nil.
func Dial(ctx context.Context, addr string, flags []string) (conn net.Conn, why func() error, err error) {
	var tok [8]byte
	rand.Read(tok[:])
	token := hex.EncodeToString(tok[:])
	reply, conn, err := ask(ctx, addr, helloMagic+" echo "+token+" "+strings.Join(flags, " "), true)
	if err != nil {
		return nil, nil, err
	}
	if reply != "ok" {
		conn.Close()
		return nil, nil, fmt.Errorf("peer: %s: %s", addr, strings.TrimPrefix(reply, "error "))
	}
	why = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for {
			st, _, err := ask(ctx, addr, helloMagic+" status "+token, false)
			if err != nil {
				return nil
			}
			if st != "running" {
				if text, ok := strings.CutPrefix(st, "failed "); ok {
					return &RemoteError{Text: text}
				}
				return nil
			}
			// The peer has not yet seen its connection end.
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	return conn, why, nil
}

// ask sends one hello line to addr and reads the answer; keep returns the
// connection open for messages.
func ask(ctx context.Context, addr, line string, keep bool) (string, net.Conn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("peer: %w", err)
	}
	conn.SetDeadline(time.Now().Add(helloTimeout))
	_, err = io.WriteString(conn, line+"\n")
	var reply string
	if err == nil {
		reply, err = readLine(conn)
	}
	if err != nil || !keep {
		conn.Close()
	}
	if err != nil {
		return "", nil, fmt.Errorf("peer: %s: hello: %w", addr, err)
	}
	conn.SetDeadline(time.Time{})
	return reply, conn, nil
}
