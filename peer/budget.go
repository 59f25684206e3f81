package peer

import (
	"errors"
	"fmt"
	"sync"
)

// ErrBudget: a serve peer's connections together would hold more memory
// than its -max-memory for one more buffer or message. The connection that
// asked fails with it; the others go on.
var ErrBudget = errors.New("peer serve: memory budget exhausted")

// pool is the memory that all connections of a serve peer may hold at
// once, in bytes. Holds are taken before the memory is allocated: a frame
// buffer before it grows to a header's claim, a message's decoding before
// the library decodes it (strategies.CheckEncoding's estimate).
type pool struct {
	mu    sync.Mutex
	total int64
	held  int64
}

func (p *pool) take(n int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > p.total-p.held {
		return false
	}
	p.held += n
	return true
}

func (p *pool) give(n int64) {
	p.mu.Lock()
	p.held -= n
	p.mu.Unlock()
}

func (p *pool) inUse() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.held
}

// account is one connection's share of a pool: what its buffers hold
// (they only grow, so the hold only grows) and what the message being
// decoded and echoed holds (given back after each message). close gives
// everything back. An account is used by one goroutine; a nil *account
// holds nothing and refuses nothing (recv, send, echo).
type account struct {
	p   *pool
	buf int64
	msg int64
}

// holdBuffer raises the buffers' hold to n bytes.
func (a *account) holdBuffer(n int) error {
	if a == nil || int64(n) <= a.buf {
		return nil
	}
	if err := a.take(int64(n)-a.buf, "a buffer of %d bytes", n); err != nil {
		return err
	}
	a.buf = int64(n)
	return nil
}

// holdMessage adds n bytes to the hold of the message being read.
func (a *account) holdMessage(n int64) error {
	if a == nil || n <= 0 {
		return nil
	}
	if err := a.take(n, "decoding a message takes about %d bytes", n); err != nil {
		return err
	}
	a.msg += n
	return nil
}

// done gives back the hold of the message just echoed.
func (a *account) done() {
	if a == nil || a.msg == 0 {
		return
	}
	a.p.give(a.msg)
	a.msg = 0
}

func (a *account) close() {
	if a == nil {
		return
	}
	a.p.give(a.buf + a.msg)
	a.buf, a.msg = 0, 0
}

func (a *account) take(n int64, format string, args ...any) error {
	if a.p.take(n) {
		return nil
	}
	return fmt.Errorf("%w: %s; -max-memory %s, %s held by all connections",
		ErrBudget, fmt.Sprintf(format, args...), formatSize(a.p.total), formatSize(a.p.inUse()))
}
