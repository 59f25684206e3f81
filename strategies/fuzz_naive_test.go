package strategies_test

import (
	"testing"

	"framebench/strategies"
)

// FuzzReaderLenPrefixNaive holds the naive reader to what fuzzFrames asks
// of every frame reader: no panic, progress on every call, no frame over
// the limit, errors that name it, and frames that read back as written.
func FuzzReaderLenPrefixNaive(f *testing.F) { fuzzFraming(f, strategies.LenPrefixNaive) }
