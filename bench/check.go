package bench

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"sync"
	"time"

	"framebench/strategies"
)

// CheckSizes are the payload sizes of the correctness matrix: the benchmark
// sizes plus both sides of the pipe capacity (64 KiB − 1, 64 KiB, 64 KiB + 1).
var CheckSizes = []int{16, 256, 4 << 10, 65535, 64 << 10, 65537, 1 << 20, 16 << 20}

// Outcome is the result of one correctness cell, as written in tables.
type Outcome string

// The outcomes of a cell.
const (
	OK   Outcome = "ok"   // every message arrived intact
	Fail Outcome = "fail" // the transfer returned an error (CheckResult.Err)
	NA   Outcome = "n/a"  // the strategy cannot carry the codec or payload
)

// CheckResult is the outcome of one cell of the correctness matrix.
type CheckResult struct {
	Cell    Cell
	Outcome Outcome
	// Err is the transfer's error for Fail, the reason for NA, nil for OK.
	Err error
	// Frame is the codec's encoding of one message, in bytes (0 for NA).
	Frame   int
	Elapsed time.Duration
}

// CheckCells is Env{}.CheckCells.
func CheckCells(transports []string, sizes []int) []Cell { return Env{}.CheckCells(transports, sizes) }

// CheckCells returns the correctness cells for the given transports and
// sizes (nil means all of e's Transports, CheckSizes) in report order:
// transport, codec, strategy, payload, size. Unlike Cells it includes the
// pairs that do not apply, which Check reports as NA.
func (e Env) CheckCells(transports []string, sizes []int) []Cell {
	if transports == nil {
		for _, t := range e.Transports() {
			transports = append(transports, t.Name)
		}
	}
	if sizes == nil {
		sizes = CheckSizes
	}
	var cells []Cell
	for _, t := range transports {
		for _, c := range strategies.Codecs {
			for _, s := range strategies.Strategies {
				for _, p := range strategies.Payloads {
					for _, n := range sizes {
						cells = append(cells, Cell{Stream, t, c.Name(), s.Name(), p, n})
					}
				}
			}
		}
	}
	return cells
}

// CheckMessages is how many messages a cell sends: three, so that a
// reader must find the boundaries between messages and its buffers are
// reused, up to 1 MiB (past every buffer and pipe size of the suite); one
// at 16 MiB, which only has to arrive whole: each costs up to a second of
// codec time, on 1,000 cells.
func CheckMessages(size int) int {
	if size >= 16<<20 {
		return 1
	}
	return 3
}

// Check is Env{}.Check.
func Check(c Cell) CheckResult { return Env{}.Check(c) }

// Check runs one cell: it opens a Link of e on a fresh transport,
// transfers CheckMessages messages and compares each with what was sent
// in full. The Link's watchdog bounds the time a stuck cell can take.
func (e Env) Check(c Cell) CheckResult {
	start := time.Now()
	r := CheckResult{Cell: c}
	s, codec, err := lookupPair(c)
	if err == nil {
		if err = strategies.Applies(s, codec, c.Payload); err != nil {
			r.Outcome, r.Err = NA, err
			return r
		}
		var l *Link
		if l, err = e.Open(c); err == nil {
			r.Frame = l.Opts.FixedSize // the encoded size of one message
			_, err = l.Transfer(1, CheckMessages(c.Size), true)
			l.Close()
		}
	}
	r.Outcome, r.Err = OK, err
	switch {
	case errors.Is(err, strategies.ErrNotApplicable):
		r.Outcome = NA
	case err != nil:
		r.Outcome = Fail
	}
	r.Elapsed = time.Since(start)
	return r
}

func lookupPair(c Cell) (strategies.Strategy, strategies.Codec, error) {
	s, err := strategies.LookupStrategy(c.Strategy)
	if err != nil {
		return nil, nil, err
	}
	codec, err := strategies.LookupCodec(c.Codec)
	return s, codec, err
}

// RunChecks is Env{}.RunChecks.
func RunChecks(cells []Cell, parallel int, done func(CheckResult)) []CheckResult {
	return Env{}.RunChecks(cells, parallel, done)
}

// RunChecks runs Check on every cell with up to parallel cells at a time
// (GOMAXPROCS if parallel <= 0), largest first so that the slow cells do not
// come last, and returns the results in the order of cells. done, if not
// nil, is called after each cell, from one goroutine at a time.
func (e Env) RunChecks(cells []Cell, parallel int, done func(CheckResult)) []CheckResult {
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	order := make([]int, len(cells))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cells[b].Size - cells[a].Size })
	results := make([]CheckResult, len(cells))
	work := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(parallel, len(cells)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				r := e.Check(cells[i])
				results[i] = r
				if done != nil {
					mu.Lock()
					done(r)
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range order {
		work <- i
	}
	close(work)
	wg.Wait()
	return results
}

// Expectation is what the suite's design says a correctness cell must do.
type Expectation uint8

// The expectations of a cell.
const (
	MustPass Expectation = iota // every strategy, everywhere, but the two below
	MustFail                    // a strategy that breaks by design, failing the way Breaks knows
	MayFail                     // a strategy that needs whole reads, where a short read depends on timing
	MustNA                      // the pair does not apply
)

func (e Expectation) String() string {
	return [...]string{"must pass", "must fail", "may fail", "n/a"}[e]
}

// Expect returns what cell c must do, given frame, the length of one
// encoded message, and pipeCap, a default pipe's capacity here, from the
// facts of its strategy and transport. A frame over the strategy's limit
// (scanner's 64 KiB line) fails, on every transport. A strategy that
// needs whole reads (oneread) fails once one Read call cannot return a
// whole frame with its header: where reads are capped at the transport's
// Capacity (a pipe; proc's child reads from one) and the frame is larger;
// it passes where three frames fit in the Capacity, or where the
// transport hands each write to one read (WholeWrites); in between, on
// sockets and on transports of unknown capacity, it depends on how reads
// and writes interleave. Every other cell must pass.
func Expect(c Cell, frame, pipeCap int) Expectation {
	s, codec, err := lookupPair(c)
	if err != nil || strategies.Applies(s, codec, c.Payload) != nil {
		return MustNA
	}
	if max, ok := strategies.Limit(s, strategies.Options{}); ok && frame > max {
		return MustFail
	}
	if !strategies.ShortReadSafe(s) {
		tr := knownTransport(c.Transport)
		wire := frame + headerSize(s)
		capacity := tr.capacity(pipeCap)
		switch {
		case tr.WholeWrites:
			return MustPass
		case tr.CappedReads && capacity > 0 && wire > capacity:
			return MustFail
		case capacity == 0 || 3*wire > capacity:
			return MayFail
		}
	}
	return MustPass
}

// headerSize is the bytes that s's framing adds to a frame: what it
// writes for an empty one.
func headerSize(s strategies.Strategy) int {
	f := strategies.Frames(s)
	if f == nil {
		return 0
	}
	var buf bytes.Buffer
	f.NewFrameWriter(&buf, strategies.Options{}).WriteFrame(nil)
	return buf.Len()
}

// Meets reports whether result r is what e allows: a pass, or the failure
// the strategy exists to show (Breaks), or NA.
func (e Expectation) Meets(r CheckResult) bool {
	broken := r.Outcome == Fail && Breaks(r.Cell, r.Err)
	switch e {
	case MustPass:
		return r.Outcome == OK
	case MustFail:
		return broken
	case MayFail:
		return r.Outcome == OK || broken
	}
	return r.Outcome == NA
}
