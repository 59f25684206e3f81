package peer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// The hello protocol of a serve peer without a fixed strategy and codec.
// A connection opens with one line, answered with one line:
//
//	framebench-peer/1 echo TOKEN FLAGS…   →  "ok" or "error TEXT"; then messages
//	framebench-peer/1 status TOKEN        →  "running", "done", "failed TEXT" or "unknown"
//
// FLAGS are those of "framebench peer echo", held to the same bounds as on
// the command line, and to the serve peer's own -max-frame and -buf-size.
// TOKEN names the echo connection, so that a client whose connection broke
// can ask why: the serve peer remembers how the last maxStatus connections
// ended. A connection the serve peer will not serve (too many, no memory
// left) gets an "error TEXT" line in place of the answer.
const (
	helloMagic   = "framebench-peer/1"
	helloMax     = 1 << 10
	helloTimeout = 10 * time.Second
	maxStatus    = 4096
)

// hello reads a connection's hello line and answers it. It returns the
// Config and token of an echo connection, or a zero token once a status
// request has been answered.
func (s *server) hello(conn *timedConn, acct *account) (Config, string, error) {
	conn.SetReadDeadline(time.Now().Add(min(helloTimeout, s.l.IdleTimeout)))
	line, err := readLine(conn.Conn) // not the timedConn: the hello's own deadline holds
	if err != nil {
		return Config{}, "", fmt.Errorf("hello: %w", err)
	}
	conn.between()
	f := strings.Fields(line)
	switch {
	case len(f) == 3 && f[0] == helloMagic && f[1] == "status":
		_, err := io.WriteString(conn, s.statusOf(f[2])+"\n")
		return Config{}, "", err
	case len(f) >= 3 && f[0] == helloMagic && f[1] == "echo":
		c, err := s.helloConfig(f[3:], acct)
		if err != nil {
			io.WriteString(conn, "error "+oneLine(err.Error())+"\n")
			return Config{}, "", fmt.Errorf("hello %.200q: %w", line, err)
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
	return Config{}, "", fmt.Errorf("hello %.200q: not a framebench peer hello", line)
}

// helloConfig parses a hello's flags as "peer echo" would, holds them to
// the serve peer's ceilings, and takes the buffers they ask for from the
// connection's account.
func (s *server) helloConfig(flags []string, acct *account) (Config, error) {
	o, err := parse("echo", flags, io.Discard, io.Discard)
	if err != nil {
		return Config{}, err
	}
	c := o.c
	if max := s.c.Options.MaxFrame; max > 0 && c.Options.MaxFrame > max {
		if o.set["max-frame"] {
			return Config{}, usagef("-max-frame %d: this serve peer takes at most %d", c.Options.MaxFrame, max)
		}
		c.Options.MaxFrame = max
	}
	if max := s.c.Options.BufSize; max > 0 && c.Options.BufSize > max {
		return Config{}, usagef("-buf-size %d: this serve peer takes at most %d", c.Options.BufSize, max)
	}
	if err := c.Check(true); err != nil {
		return Config{}, err
	}
	if err := acct.holdBuffer(2*c.Options.BufSize + 256<<10); err != nil {
		return Config{}, err
	}
	return c, nil
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
