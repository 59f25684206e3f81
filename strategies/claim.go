package strategies

import (
	"encoding/binary"
	"io"
)

// claimReader follows, on the raw stream, the frames of a framing whose
// reader allocates what a header claims before it reads the frame (a
// library's reader, oneread), and tells Options.Reserve each claim before
// the header's last byte reaches the reader: a refused claim ends the
// read there, so the reader never sees it whole and allocates nothing for
// it. Claims over max are left to the reader, which refuses them.
type claimReader struct {
	r       io.Reader
	reserve func(n int) error
	header  func(hdr []byte) (claim uint64, done bool)
	max     uint64
	hdr     []byte
	left    uint64 // payload bytes of the current frame still to pass
	err     error
}

// withClaims returns r, followed by a claimReader when o has a Reserve
// function: header decodes a frame header gathered so far, if it is
// complete; max is the largest claim the reader believes.
func withClaims(r io.Reader, o Options, max int, header func([]byte) (uint64, bool)) io.Reader {
	if o.Reserve == nil {
		return r
	}
	return &claimReader{r: r, reserve: o.Reserve, header: header, max: uint64(max)}
}

func (c *claimReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		if c.left > 0 {
			k := int(min(c.left, uint64(n-i)))
			c.left -= uint64(k)
			i += k
			continue
		}
		c.hdr = append(c.hdr, p[i])
		i++
		claim, done := c.header(c.hdr)
		if !done {
			continue
		}
		c.hdr, c.left = c.hdr[:0], claim
		if claim > c.max {
			continue
		}
		if rerr := c.reserve(int(claim)); rerr != nil {
			c.err = rerr
			return i - 1, rerr
		}
	}
	return n, err
}

// claim4 decodes a 4-byte big-endian length header.
func claim4(hdr []byte) (uint64, bool) {
	if len(hdr) < 4 {
		return 0, false
	}
	return uint64(binary.BigEndian.Uint32(hdr)), true
}

// claimUvarint decodes a uvarint length header; a malformed one claims
// more than any limit, for the reader to refuse.
func claimUvarint(hdr []byte) (uint64, bool) {
	v, n := binary.Uvarint(hdr)
	switch {
	case n > 0:
		return v, true
	case n < 0 || len(hdr) >= binary.MaxVarintLen64:
		return ^uint64(0), true
	}
	return 0, false
}
