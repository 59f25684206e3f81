package peer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// Limits bound what the clients of a serve peer may take from it, all of
// them together, so that no client, nor a crowd of them, can make it run
// out of memory or hold it indefinitely; a client within them is served
// while hostile ones are connected.
type Limits struct {
	// MaxConns is how many connections are served at once; more are
	// answered with one error line and closed.
	MaxConns int
	// MaxMemory is what all connections may hold together, in bytes: their
	// buffers (held as they grow, before they do), and each message's
	// decoding (strategies.CheckEncoding's estimate, before the library
	// decodes it) and echo. MaxConns MiB of it are set aside, a MiB for
	// each connection's default buffers and small messages, so that a
	// client that sends small messages is always served; the rest is
	// shared. A connection that would pass it fails with ErrBudget; the
	// others go on. It must be at least MaxConns MiB + 16 MiB.
	MaxMemory int64
	// IdleTimeout is how long a connection may wait for its next message
	// (or its hello); ReadTimeout how long a message may take to arrive
	// from its first byte, and its echo to be taken by the client.
	IdleTimeout, ReadTimeout time.Duration
}

// DefaultLimits are the limits of "framebench peer serve" without flags:
// 64 connections, 1 GiB, 5 minutes idle, 1 minute per message.
var DefaultLimits = Limits{MaxConns: 64, MaxMemory: 1 << 30, IdleTimeout: 5 * time.Minute, ReadTimeout: time.Minute}

// orDefaults is l with DefaultLimits in place of its zero fields.
func (l Limits) orDefaults() Limits {
	d := DefaultLimits
	if l.MaxConns > 0 {
		d.MaxConns = l.MaxConns
	}
	if l.MaxMemory > 0 {
		d.MaxMemory = l.MaxMemory
	}
	if l.IdleTimeout > 0 {
		d.IdleTimeout = l.IdleTimeout
	}
	if l.ReadTimeout > 0 {
		d.ReadTimeout = l.ReadTimeout
	}
	return d
}

// Serve is ServeLimits with DefaultLimits.
func Serve(ctx context.Context, ln net.Listener, c Config, log io.Writer) error {
	return ServeLimits(ctx, ln, c, DefaultLimits, log)
}

// ServeLimits accepts connections on ln and echoes messages on each, every
// connection in its own goroutine, within l, until ctx is done; then it
// closes ln and every connection, waits for their goroutines and returns
// nil. If c.Strategy is nil, each connection names its strategy and codec
// in a hello line (see Dial), and c.Options.MaxFrame and BufSize, if set,
// are the most a hello may ask for. log, if not nil, gets one line per
// connection; ServeLimits serialises its writes. Zero fields of l are
// DefaultLimits'.
func ServeLimits(ctx context.Context, ln net.Listener, c Config, l Limits, log io.Writer) error {
	l = l.orDefaults()
	s := &server{c: c, l: l, log: log, conns: map[net.Conn]bool{}, status: map[string]string{}, pool: newPool(l)}
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
		full := len(s.conns) >= l.MaxConns
		if !full {
			s.conns[conn] = true
		}
		s.mu.Unlock()
		if full {
			wg.Go(func() { s.refuse(conn, fmt.Sprintf("too many connections (-max-conns %d)", l.MaxConns)) })
			continue
		}
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
	l     Limits
	log   io.Writer
	pool  *pool
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

// refuse answers a connection that will not be served with one error
// line, as a hello would be answered, and closes it.
func (s *server) refuse(conn net.Conn, why string) {
	defer conn.Close()
	s.logf("%s: refused: %s", conn.RemoteAddr(), why)
	conn.SetWriteDeadline(time.Now().Add(time.Second))
	io.WriteString(conn, "error peer serve: "+why+"\n")
}

func (s *server) handle(raw net.Conn) {
	peer := raw.RemoteAddr().String()
	acct := &account{p: s.pool}
	defer acct.close()
	conn := newTimedConn(raw, s.l.IdleTimeout, s.l.ReadTimeout)
	c, token := s.c, ""
	if c.Strategy == nil {
		var err error
		if c, token, err = s.hello(conn, acct); err != nil || token == "" {
			if err != nil {
				s.logf("%s: %v", peer, oneLine(err.Error()))
			}
			return
		}
	}
	c.acct, c.done = acct, conn.between
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
