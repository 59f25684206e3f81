package strategies

import (
	"fmt"
	"io"
	"math/bits"
	"strings"
	"syscall"
	"unicode"

	"golang.org/x/sys/unix"
)

// WritePolicy names the write path the header writers take for a payload
// larger than copyLimit, per kind of transport (SinkKind) and payload size.
// The zero value, and a nil *WritePolicy, send every such frame with one
// writev. Policies are immutable once made and safe for concurrent use; the
// bench package calibrates one on the machine it runs on (see WritePath for
// why the best path depends on the machine).
type WritePolicy struct {
	kinds []kindPaths
}

// kindPaths is the row of one kind: the path measured best at each size.
type kindPaths struct {
	kind  string
	sizes []sizePath
}

type sizePath struct {
	size int
	path WritePath
}

// Bounds of a policy read from text, which comes from flags and the
// environment: a hostile value must fail cleanly, not grow without end.
const (
	maxPolicyText  = 4 << 10
	maxPolicyKinds = 16
	maxPolicySizes = 8
)

// AnyKind is the kind of a policy row that applies to every transport
// without a row of its own.
const AnyKind = "*"

// Set returns a copy of p in which kind k takes path at payloads whose
// size is nearest (on a log scale) to size among the sizes of k's row.
func (p *WritePolicy) Set(kind string, size int, path WritePath) *WritePolicy {
	q := &WritePolicy{}
	if p != nil {
		for _, k := range p.kinds {
			q.kinds = append(q.kinds, kindPaths{k.kind, append([]sizePath(nil), k.sizes...)})
		}
	}
	i := 0
	for i < len(q.kinds) && q.kinds[i].kind != kind {
		i++
	}
	if i == len(q.kinds) {
		q.kinds = append(q.kinds, kindPaths{kind: kind})
	}
	row := &q.kinds[i]
	for j := range row.sizes {
		if row.sizes[j].size == size {
			row.sizes[j].path = path
			return q
		}
	}
	row.sizes = append(row.sizes, sizePath{size, path})
	return q
}

// FixedPolicy is the policy that takes path everywhere.
func FixedPolicy(path WritePath) *WritePolicy { return (*WritePolicy)(nil).Set(AnyKind, 1, path) }

// paths returns the row for kind, or the AnyKind row, or nil.
func (p *WritePolicy) paths(kind string) []sizePath {
	if p == nil {
		return nil
	}
	var any []sizePath
	for _, k := range p.kinds {
		if k.kind == kind && kind != "" {
			return k.sizes
		}
		if k.kind == AnyKind {
			any = k.sizes
		}
	}
	return any
}

// Path returns the path for a payload of n bytes on a transport of kind.
func (p *WritePolicy) Path(kind string, n int) WritePath {
	return pick(p.paths(kind), n)
}

// pick returns the path of the size nearest to n on a log scale (by the
// position of the highest bit; ties go to the larger size), or Writev.
func pick(row []sizePath, n int) WritePath {
	best, dist := Writev, -1
	for _, sp := range row {
		d := bits.Len(uint(n)) - bits.Len(uint(sp.size))
		if d < 0 {
			d = -d
		}
		if dist < 0 || d < dist || d == dist && sp.size > n {
			best, dist = sp.path, d
		}
	}
	return best
}

// String formats p as ParsePolicy reads it: "pipe-64KiB 64KiB=writev
// 1MiB=split; socket-unix 64KiB=writev 1MiB=writev". The zero policy is
// "writev".
func (p *WritePolicy) String() string {
	if p == nil || len(p.kinds) == 0 {
		return "writev"
	}
	var b strings.Builder
	for i, k := range p.kinds {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(k.kind)
		for _, sp := range k.sizes {
			fmt.Fprintf(&b, " %s=%s", SizeName(sp.size), sp.path)
		}
	}
	return b.String()
}

// ParsePolicy reads a policy written by String, where commas may stand
// for spaces (for argument lists split at spaces). "writev" and "" are
// the zero policy; a single path name is FixedPolicy of that path.
func ParsePolicy(s string) (*WritePolicy, error) {
	if len(s) > maxPolicyText {
		return nil, fmt.Errorf("strategies: write policy of %d bytes, limit %d", len(s), maxPolicyText)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if path, err := ParseWritePath(s); err == nil {
		if path == Writev {
			return nil, nil
		}
		return FixedPolicy(path), nil
	}
	var p *WritePolicy
	rows := strings.Split(s, ";")
	if len(rows) > maxPolicyKinds {
		return nil, fmt.Errorf("strategies: write policy %q: more than %d kinds", s, maxPolicyKinds)
	}
	for _, row := range rows {
		f := strings.FieldsFunc(row, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		if len(f) < 2 || len(f) > maxPolicySizes+1 {
			return nil, fmt.Errorf("strategies: write policy row %q: want a kind and 1 to %d size=path pairs", strings.TrimSpace(row), maxPolicySizes)
		}
		for _, pair := range f[1:] {
			sz, name, ok := strings.Cut(pair, "=")
			size, err := ParseSize(sz)
			if !ok || err != nil || size <= 0 || size > 1<<30 {
				return nil, fmt.Errorf("strategies: write policy %q: want size=path with a size from 1B to 1GiB, got %q", f[0], pair)
			}
			path, err := ParseWritePath(name)
			if err != nil {
				return nil, fmt.Errorf("strategies: write policy %q: %w", f[0], err)
			}
			p = p.Set(f[0], size, path)
		}
	}
	return p, nil
}

// SinkKind names the kind of transport a writer writes to, for a
// WritePolicy: "pipe-64KiB" (a pipe, with its capacity), "socket-unix",
// "socket-inet" (TCP), another "socket", "file", or "" when w is not
// backed by a descriptor. Wrappers that
// implement Unwrap() io.Writer are looked through.
func SinkKind(w io.Writer) string {
	for i := 0; i < 8; i++ {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	sc, ok := w.(syscall.Conn)
	if !ok {
		return ""
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return ""
	}
	var kind string
	if err := rc.Control(func(fd uintptr) { kind = fdKind(int(fd)) }); err != nil {
		return ""
	}
	return kind
}

func fdKind(fd int) string {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil {
		return ""
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFIFO:
		n, err := unix.FcntlInt(uintptr(fd), unix.F_GETPIPE_SZ, 0)
		if err != nil {
			return "pipe"
		}
		return "pipe-" + SizeName(n)
	case unix.S_IFSOCK:
		d, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_DOMAIN)
		switch {
		case err != nil:
			return "socket"
		case d == unix.AF_UNIX:
			return "socket-unix"
		case d == unix.AF_INET || d == unix.AF_INET6:
			return "socket-inet"
		}
		return "socket"
	case unix.S_IFREG:
		return "file"
	}
	return ""
}
