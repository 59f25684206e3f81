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

// connBase is what every connection may hold without drawing on the
// shared part of the budget: its read and write buffers at their default
// sizes, and small messages. MaxConns·connBase of the budget is set aside
// for it, so that a well-behaved client is served however much hostile
// ones hold of the rest.
const connBase = 1 << 20

// pool is the shared part of a serve peer's memory budget, in bytes:
// what connections hold beyond their connBase. Holds are taken before the
// memory is allocated: a frame buffer before it grows to a header's claim,
// a message's decoding before the library decodes it (the scan's estimate).
type pool struct {
	mu    sync.Mutex
	total int64
	held  int64
}

func newPool(l Limits) *pool {
	return &pool{total: l.MaxMemory - int64(l.MaxConns)*connBase}
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

// account is one connection's share of the budget: what its buffers hold
// (they only grow, so that hold only grows) and what the message being
// decoded and echoed holds (given back after each message). Beyond
// connBase, both draw on the pool. close gives everything back. An account
// is used by one goroutine; a nil *account holds nothing and refuses
// nothing (recv, send, echo).
type account struct {
	p      *pool
	buf    int64
	msg    int64
	pooled int64 // max(0, buf+msg-connBase), taken from p
}

// holdBuffer raises the buffers' hold to n bytes.
func (a *account) holdBuffer(n int) error {
	if a == nil || int64(n) <= a.buf {
		return nil
	}
	if err := a.set(int64(n), a.msg, "a buffer of %d bytes", n); err != nil {
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
	if err := a.set(a.buf, a.msg+n, "decoding a message takes about %d bytes", n); err != nil {
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
	a.set(a.buf, 0, "")
	a.msg = 0
}

func (a *account) close() {
	if a == nil {
		return
	}
	a.p.give(a.pooled)
	a.buf, a.msg, a.pooled = 0, 0, 0
}

// set takes from the pool, or gives back, what holds of buf and msg need
// beyond connBase.
func (a *account) set(buf, msg int64, format string, args ...any) error {
	need := max(0, buf+msg-connBase)
	switch {
	case need < a.pooled:
		a.p.give(a.pooled - need)
	case need > a.pooled && !a.p.take(need-a.pooled):
		return fmt.Errorf("%w: %s; -max-memory holds %s for the connections' buffers and %s more, %s of it held",
			ErrBudget, fmt.Sprintf(format, args...), formatSize(connBase)+" each",
			formatSize(a.p.total), formatSize(a.p.inUse()))
	}
	a.pooled = need
	return nil
}
