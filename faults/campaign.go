package faults

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"framebench/strategies"
)

// Kind is a kind of fault; the values are the names used in tables.
type Kind string

// The kinds of fault, in report order.
const (
	BitFlip   Kind = "bitflip"
	Truncate  Kind = "truncate"
	ShortRead Kind = "shortread"
	Hostile   Kind = "hostile"
)

// Kinds is the registry of kinds in report order.
var Kinds = []Kind{BitFlip, Truncate, ShortRead, Hostile}

// DefaultTrials is the number of bit-flip trials per strategy and codec.
const DefaultTrials = 10000

// MaxFrame is the readers' limit in the campaign: far above the messages,
// far below what a corrupted length can claim.
const MaxFrame = 64 << 10

// BufSize is the readers' buffer size in the campaign: a few messages'
// worth, so that a trial does not allocate a 64 KiB buffer for 3 KiB.
const BufSize = 4 << 10

// Counts are the outcomes of a set of trials (see the package comment).
type Counts struct {
	Trials   int
	Detected int
	Silent   int
	Lost     int
	Resynced int
}

// Add adds o's counts to c.
func (c *Counts) Add(o Counts) {
	c.Trials += o.Trials
	c.Detected += o.Detected
	c.Silent += o.Silent
	c.Lost += o.Lost
	c.Resynced += o.Resynced
}

// add counts one trial.
func (c *Counts) add(t outcome) {
	c.Trials++
	if t.detected {
		c.Detected++
	}
	if t.silent {
		c.Silent++
	}
	c.Lost += t.lost
	if t.resynced {
		c.Resynced++
	}
}

// Row is the campaign's result for one strategy and codec.
type Row struct {
	Codec, Strategy string
	// ByKind holds the counts of each kind, in the order of Kinds.
	ByKind [4]Counts
}

// Kind returns the counts of kind k.
func (r *Row) Kind(k Kind) Counts {
	for i, kk := range Kinds {
		if kk == k {
			return r.ByKind[i]
		}
	}
	return Counts{}
}

// Total returns the counts of every kind added together.
func (r *Row) Total() Counts {
	var t Counts
	for _, c := range r.ByKind {
		t.Add(c)
	}
	return t
}

// Config configures a campaign. The zero value runs DefaultTrials bit
// flips per pair with seed 0 on GOMAXPROCS goroutines.
type Config struct {
	Trials   int    // bit flips per strategy and codec; 0 means DefaultTrials
	Seed     uint64 // seeds every pair's generator, with the pair's names
	Parallel int    // pairs run at once; 0 means GOMAXPROCS
	// Kinds are the kinds of trial to run; nil means all of Kinds.
	Kinds []Kind
	// Transports names the bench transports of the shortread trials; nil
	// means every in-process one; empty (non-nil) means none.
	Transports []string
	// Progress, if not nil, is called after each pair with the number of
	// pairs done and in all, one call at a time.
	Progress func(done, total int, r Row)
}

// Pair is a strategy carrying a codec.
type Pair struct {
	S strategies.Strategy
	C strategies.Codec
}

// Pairs returns every strategy and codec that apply to each other (for
// blob payloads, which every codec carries), in report order: codec, then
// strategy.
func Pairs() []Pair {
	var out []Pair
	for _, c := range strategies.Codecs {
		for _, s := range strategies.Strategies {
			if strategies.Applies(s, c, strategies.Blob) == nil {
				out = append(out, Pair{s, c})
			}
		}
	}
	return out
}

// Run runs the campaign on pairs (nil means Pairs()) and returns one Row
// per pair, in the order of pairs.
func Run(cfg Config, pairs []Pair) ([]Row, error) {
	if pairs == nil {
		pairs = Pairs()
	}
	par := cfg.Parallel
	if par <= 0 {
		par = runtime.GOMAXPROCS(0)
	}
	rows := make([]Row, len(pairs))
	errs := make([]error, len(pairs))
	work := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	done := 0
	for range min(par, len(pairs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				rows[i], errs[i] = RunPair(cfg, pairs[i])
				if cfg.Progress != nil {
					mu.Lock()
					done++
					cfg.Progress(done, len(pairs), rows[i])
					mu.Unlock()
				}
			}
		}()
	}
	for i := range pairs {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// RunPair runs every kind of trial on one pair.
func RunPair(cfg Config, p Pair) (Row, error) {
	row := Row{Codec: p.C.Name(), Strategy: p.S.Name()}
	st, err := newStream(p)
	if err != nil {
		return row, err
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s", p.C.Name(), p.S.Name())
	rng := rand.New(rand.NewPCG(cfg.Seed, h.Sum64()))
	trials := cfg.Trials
	if trials <= 0 {
		trials = DefaultTrials
	}
	for i, k := range Kinds {
		if cfg.Kinds != nil && !slices.Contains(cfg.Kinds, k) {
			continue
		}
		switch k {
		case BitFlip:
			row.ByKind[i] = st.bitFlips(rng, trials)
		case Truncate:
			row.ByKind[i] = st.truncations()
		case ShortRead:
			row.ByKind[i] = st.shortReads(rng, cfg.Transports)
		case Hostile:
			row.ByKind[i] = st.hostile()
		}
	}
	return row, nil
}

// stream is the valid stream a pair's trials damage: the messages, their
// encoding and where each message starts and ends on the wire.
type stream struct {
	p    Pair
	msgs []*strategies.Message
	data []byte
	ends []int // ends[i] is where message i ends; message i starts at ends[i-1]
	opts strategies.Options
}

// StreamSizes are the payload sizes of the campaign stream's messages;
// blobs and struct payloads alternate where the codec carries both. none
// carries messages of one size only: the first.
var StreamSizes = []int{100, 300, 40, 200, 350, 60, 250, 150}

func newStream(p Pair) (*stream, error) {
	st := &stream{p: p, opts: strategies.Options{MaxFrame: MaxFrame, BufSize: BufSize}}
	for i, size := range StreamSizes {
		pl := strategies.Blob
		if i%2 == 1 && p.C.Supports(strategies.Struct) && p.S != strategies.None {
			pl = strategies.Struct
		}
		if p.S == strategies.None {
			size = StreamSizes[0]
		}
		st.msgs = append(st.msgs, strategies.NewMessage(pl, size, uint64(i+1)))
	}
	if b, err := p.C.Append(nil, st.msgs[0]); err == nil {
		st.opts.FixedSize = len(b)
	}
	var buf bytes.Buffer
	w := p.S.NewWriter(&buf, p.C, st.opts)
	for i, m := range st.msgs {
		if err := w.WriteMessage(m); err != nil {
			return nil, fmt.Errorf("faults: %s/%s: writing message %d: %w", p.S.Name(), p.C.Name(), i, err)
		}
		st.ends = append(st.ends, buf.Len())
	}
	st.data = buf.Bytes()
	return st, nil
}

// start returns where message i starts on the wire.
func (st *stream) start(i int) int {
	if i == 0 {
		return 0
	}
	return st.ends[i-1]
}

// messageAt returns the index of the message holding byte off.
func (st *stream) messageAt(off int) int {
	for i, end := range st.ends {
		if off < end {
			return i
		}
	}
	return len(st.ends)
}
