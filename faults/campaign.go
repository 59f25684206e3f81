package faults

import (
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
	// Recoveries puts one bad message of each Fault between good ones and
	// asks whether the same reader goes on (see Recover).
	Recoveries Kind = "recovery"
)

// Kinds is the registry of kinds in report order.
var Kinds = []Kind{BitFlip, Truncate, ShortRead, Hostile, Recoveries}

// numKinds is len(Kinds), the length of Row.ByKind.
const numKinds = 5

// DefaultTrials is the number of bit-flip trials per strategy and codec.
const DefaultTrials = 10000

// MaxFrame is the readers' limit in the campaign: far above the messages,
// far below what a corrupted length can claim.
const MaxFrame = 64 << 10

// BufSize is the readers' buffer size in the campaign: a few messages'
// worth, so that a trial does not allocate a 64 KiB buffer for 3 KiB.
const BufSize = 4 << 10

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

// RunPair runs every kind of trial on one pair. Each kind draws from its
// own generator (kindRand), so that its counts depend on the seed and the
// pair only: not on the number of bit flips, nor on the other kinds run.
func RunPair(cfg Config, p Pair) (Row, error) {
	row := Row{Codec: p.C.Name(), Strategy: p.S.Name()}
	st, err := newStream(p)
	if err != nil {
		return row, err
	}
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
			row.ByKind[i] = st.bitFlips(kindRand(cfg.Seed, p, k, ""), trials)
		case Truncate:
			row.ByKind[i] = st.truncations()
		case ShortRead:
			row.ByKind[i] = st.shortReads(cfg.Seed, cfg.Transports)
		case Hostile:
			row.ByKind[i] = st.hostile()
		case Recoveries:
			if row.ByKind[i], err = recoveries(p); err != nil {
				return row, err
			}
		}
	}
	return row, nil
}

// kindRand returns the generator of one part of pair p's trials of kind k
// (part names a sub-trial, or is empty), seeded with seed and the names.
func kindRand(seed uint64, p Pair, k Kind, part string) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s/%s/%s", p.C.Name(), p.S.Name(), k, part)
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}
