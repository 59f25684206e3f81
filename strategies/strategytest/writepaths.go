package strategytest

import (
	"bytes"
	"fmt"

	"framebench/strategies"
)

// writePathSizes are payloads above the size the header writers copy
// whatever the policy, where the write path matters: around the pipe's
// capacity and Chunk's piece.
var writePathSizes = []int{65537, 256<<10 + 3, 1 << 20}

// writePaths checks that every write path puts exactly the bytes of the
// default path on the stream, that the reader reads them back, and that a
// path's write error is reported as the writer's *FrameError.
func (k pair) writePaths() error {
	for _, n := range writePathSizes {
		msgs := k.messages(n, 3)
		base := k.opts(msgs)
		want, err := k.encode(msgs, base)
		if err != nil {
			return err
		}
		for _, path := range strategies.WritePaths {
			o := base
			o.Write = strategies.FixedPolicy(path)
			got, err := k.encode(msgs, o)
			if err != nil {
				return fmt.Errorf("write path %s: %w", path, err)
			}
			if !bytes.Equal(got, want) {
				return fmt.Errorf("%v: write path %s, %d-byte payloads: the stream differs from writev's (%d bytes, want %d)", k, path, n, len(got), len(want))
			}
			if limit, ok := strategies.Limit(k.s, o); !ok || len(want)/len(msgs) <= limit {
				back, err := k.decodeAll(bytes.NewReader(got), o, len(msgs))
				if err := k.expect("write path "+path.String(), msgs, back, err); err != nil {
					return err
				}
			}
			if err := k.writeErrorWith(o, n); err != nil {
				return fmt.Errorf("write path %s: %w", path, err)
			}
		}
	}
	return nil
}
