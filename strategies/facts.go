package strategies

// Role is what a strategy is measured as. The report draws each role on
// charts of its own and the decision guide prefers roles in this order.
type Role uint8

// The roles, in the guide's order of preference.
const (
	// RoleReference: the project's own framings, the ones it recommends.
	RoleReference Role = iota + 1
	// RoleCodecBound: strategies bound by their codec (its stream
	// decoder, an encoding without raw newlines) and the pitfalls.
	RoleCodecBound
	// RolePeer: another library's framing, measured side by side.
	RolePeer
	// RoleBaseline: no framing at all, the transport's ceiling that the
	// others are measured against; never a recommendation.
	RoleBaseline
)

func (r Role) String() string {
	switch r {
	case RoleReference:
		return "reference"
	case RoleCodecBound:
		return "codec-bound"
	case RolePeer:
		return "peer"
	case RoleBaseline:
		return "baseline"
	}
	return "unknown"
}

// Breakage is a failure that a strategy exists to show, not a defect: the
// benchmarks skip such cells as broken, the correctness matrix expects it.
type Breakage struct {
	// Is reports whether err is that failure.
	Is func(err error) bool
	// What says in one line how the strategy breaks.
	What string
}

// Facts are what the suite knows of a strategy besides its readers and
// writers, declared with the strategy in its own file, so that the
// benchmarks, the correctness matrix, the peer, the report and the
// presets read them instead of naming strategies. The zero value is a
// codec-neutral framing that enforces Options.MaxFrame, survives short
// reads, stops at a bad frame and breaks by no design.
type Facts struct {
	Role Role
	// Limit returns the largest frame a reader accepts under o, and false
	// when it enforces none (only the codec's own limits apply). nil means
	// Options.MaxFrame (DefaultMaxFrame when 0).
	Limit func(o Options) (int, bool)
	// WholeReads is set when the reader needs every frame to arrive in one
	// Read call: it fails on short reads (the failure oneread reproduces).
	WholeReads bool
	// Resyncs is set when the reader goes on with the next frame after a
	// bad one: a payload the codec refuses, a frame over the limit or a
	// bad header (it discards the frame or slides to the next plausible
	// header). A peer's -on-error skip needs it.
	Resyncs bool
	// ResyncChecked is set when what a resynchronised reader delivers is
	// right: its frames carry checksums, or a boundary cannot occur inside
	// a frame. Without it a reader may deliver bytes from the middle of
	// other messages after a skip.
	ResyncChecked bool
	// Breaks is the failure the strategy exists to show, or nil.
	Breaks *Breakage
	// Library is the import path of the library whose reader and writer
	// the strategy uses, or "" for the project's own framings.
	Library string
	// NewlineFree is set when the strategy carries only codecs whose
	// encodings hold no raw newline (Codec.NewlineFree).
	NewlineFree bool
	// FixedSize is set when the strategy carries only encodings that are
	// slices the message already holds (BytesCodec): the reader knows the
	// size of every frame (Options.FixedSize).
	FixedSize bool
}

// Limit returns the largest frame a reader of strategy s accepts under o,
// and false for strategies that enforce none (only the codec's limits).
func Limit(s Strategy, o Options) (int, bool) {
	if f := s.Facts().Limit; f != nil {
		return f(o)
	}
	return o.maxFrame(), true
}

// ShortReadSafe reports whether s's reader works whatever amounts each
// Read returns (all but those that need WholeReads).
func ShortReadSafe(s Strategy) bool { return !s.Facts().WholeReads }

// Breaks reports whether err is the failure that strategy s exists to show.
func Breaks(s Strategy, err error) bool {
	b := s.Facts().Breaks
	return err != nil && b != nil && b.Is(err)
}

// FrameStarter is implemented by frame readers and readers that know the
// stream offset at which the last frame began; errors name it.
type FrameStarter interface{ FrameStart() int64 }

// WriteCounter is implemented by frame writers that count the bytes of the
// whole frames they wrote: the offset at which the next frame begins.
type WriteCounter interface{ Written() int64 }

// ReadCounter is implemented by readers that count every byte they read
// from the stream and used: frames returned, and the headers, frames and
// bytes they discarded.
type ReadCounter interface{ Consumed() int64 }

// frameStart is r's FrameStart, or -1 if it does not know.
func frameStart(r any) int64 {
	if fs, ok := r.(FrameStarter); ok {
		return fs.FrameStart()
	}
	return -1
}

// written is w's Written, or -1 if it does not count.
func written(w any) int64 {
	if wc, ok := w.(WriteCounter); ok {
		return wc.Written()
	}
	return -1
}
