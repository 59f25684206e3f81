package bench

import (
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

// CheckCells returns the correctness cells for the given transports and
// sizes (nil means all of Transports, CheckSizes) in report order:
// transport, codec, strategy, payload, size. Unlike Cells it includes the
// pairs that do not apply, which Check reports as NA.
func CheckCells(transports []string, sizes []int) []Cell {
	if transports == nil {
		for _, t := range Transports {
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

// Check runs one cell: it opens a Link on a fresh transport, transfers
// CheckMessages messages and compares each with what was sent in full.
// The Link's watchdog bounds the time a stuck cell can take.
func Check(c Cell) CheckResult {
	start := time.Now()
	r := CheckResult{Cell: c}
	s, codec, err := lookupPair(c)
	if err == nil {
		if err = strategies.Applies(s, codec, c.Payload); err != nil {
			r.Outcome, r.Err = NA, err
			return r
		}
		var l *Link
		if l, err = Open(c); err == nil {
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

// RunChecks runs Check on every cell with up to parallel cells at a time
// (GOMAXPROCS if parallel <= 0), largest first so that the slow cells do not
// come last, and returns the results in the order of cells. done, if not
// nil, is called after each cell, from one goroutine at a time.
func RunChecks(cells []Cell, parallel int, done func(CheckResult)) []CheckResult {
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
				r := Check(cells[i])
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
	MustFail                    // oneread or scanner, failing the way Breaks knows
	MayFail                     // oneread where a short read depends on timing
	MustNA                      // the pair does not apply
)

func (e Expectation) String() string {
	return [...]string{"must pass", "must fail", "may fail", "n/a"}[e]
}

// Expect returns what cell c must do, given frame, the length of one
// encoded message. scanner fails once a line is over bufio.Scanner's
// 64 KiB limit, on every transport. oneread fails once one Read call
// cannot return a whole frame: on a pipe, when the 4-byte header and the
// frame are over the pipe's capacity (pipeCap for pipe and for proc, whose
// child reads from a pipe; 1 MiB for pipe1m);
// it passes where three frames fit at once, or where the transport hands
// each write to one read (iopipe, netpipe, file); in between, and on
// sockets, it depends on how reads and writes interleave. Every other
// strategy must pass everywhere.
func Expect(c Cell, frame, pipeCap int) Expectation {
	s, codec, err := lookupPair(c)
	if err != nil || strategies.Applies(s, codec, c.Payload) != nil {
		return MustNA
	}
	switch s {
	case strategies.Scanner:
		if max, _ := strategies.Limit(s, strategies.Options{}); frame > max {
			return MustFail
		}
	case strategies.OneRead:
		wire := frame + 4
		capacity := map[string]int{"pipe": pipeCap, "pipe1m": 1 << 20, "proc": pipeCap, "unix": 64 << 10, "tcp": 64 << 10}
		switch c.Transport {
		case "iopipe", "netpipe", "file":
			return MustPass
		case "pipe", "pipe1m", "proc":
			if wire > capacity[c.Transport] {
				return MustFail
			}
		}
		if n, ok := capacity[c.Transport]; !ok || 3*wire > n {
			return MayFail
		}
	}
	return MustPass
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
