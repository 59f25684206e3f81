package strategies

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// callWriter records the calls a sender makes and the bytes they carry.
type callWriter struct {
	buf           bytes.Buffer
	writes, vecs  int
	unaligned     int // writes from a buffer not on a page boundary
	checkAlignent bool
}

func (c *callWriter) Write(p []byte) (int, error) {
	c.writes++
	if c.checkAlignent && len(p) > 0 && uintptr(unsafe.Pointer(&p[0]))%pageSize != 0 {
		c.unaligned++
	}
	return c.buf.Write(p)
}

func (c *callWriter) WriteVectors(bufs [][]byte) error {
	c.vecs++
	for _, b := range bufs {
		c.buf.Write(b)
	}
	return nil
}

func TestSenderPaths(t *testing.T) {
	head, tail := []byte{0, 0, 1, 2}, []byte{'\n'}
	for _, n := range []int{1, 4096, chunkSize - 5, chunkSize, 3*chunkSize + 7} {
		p := NewMessage(Blob, n, uint64(n)).Blob
		want := append(append(append([]byte{}, head...), p...), tail...)
		total := len(want)
		for _, tc := range []struct {
			path          WritePath
			writes, vecs  int
			alignedWrites bool
		}{
			{Writev, 0, 1, false},
			{Copy, 1, 0, true},
			{Split, 3, 0, false},
			{Chunk, (total + chunkSize - 1) / chunkSize, 0, true},
		} {
			cw := &callWriter{checkAlignent: tc.alignedWrites}
			s := sender{vw: cw}
			if err := s.send(tc.path, head, p, tail); err != nil {
				t.Fatalf("send(%s, %d bytes) = %v", tc.path, n, err)
			}
			if !bytes.Equal(cw.buf.Bytes(), want) {
				t.Errorf("send(%s, %d bytes) wrote %d bytes that differ from the frame's %d", tc.path, n, cw.buf.Len(), total)
			}
			if cw.writes != tc.writes || cw.vecs != tc.vecs {
				t.Errorf("send(%s, %d bytes) made %d writes and %d writevs, want %d and %d", tc.path, n, cw.writes, cw.vecs, tc.writes, tc.vecs)
			}
			if cw.unaligned > 0 {
				t.Errorf("send(%s, %d bytes) wrote %d times from a buffer off a page boundary", tc.path, n, cw.unaligned)
			}
		}
	}
}

func TestSenderAllocs(t *testing.T) {
	p := make([]byte, 1<<20)
	for _, path := range WritePaths {
		s := sender{vw: seqWriter{io.Discard}}
		head := []byte{1, 2, 3, 4}
		if n := testing.AllocsPerRun(20, func() { s.send(path, head, p, nil) }); n != 0 {
			t.Errorf("send(%s) allocates %v times per frame, want 0", path, n)
		}
	}
}

func TestAlignedBuf(t *testing.T) {
	for _, n := range []int{1, 100, 4096, 65540, 1<<20 + 4} {
		b := alignedBuf(n)
		if len(b) != n || cap(b) != n {
			t.Errorf("alignedBuf(%d) has len %d cap %d", n, len(b), cap(b))
		}
		if a := uintptr(unsafe.Pointer(&b[0])) % pageSize; a != 0 {
			t.Errorf("alignedBuf(%d) starts %d bytes past a page boundary", n, a)
		}
	}
}

func TestWritePolicy(t *testing.T) {
	p := (*WritePolicy)(nil).Set("pipe-64KiB", 64<<10, Copy).Set("pipe-64KiB", 1<<20, Split).Set("socket-unix", 64<<10, Chunk).Set(AnyKind, 1<<20, Copy)
	for _, tc := range []struct {
		kind string
		n    int
		want WritePath
	}{
		{"pipe-64KiB", 20 << 10, Copy},
		{"pipe-64KiB", 64 << 10, Copy},
		{"pipe-64KiB", 200 << 10, Copy},  // 2 bits from 64 KiB, 3 from 1 MiB
		{"pipe-64KiB", 300 << 10, Split}, // tie at 2 bits each: the larger size
		{"pipe-64KiB", 16 << 20, Split},
		{"socket-unix", 16 << 20, Chunk}, // the row's only size
		{"socket-inet", 64 << 10, Copy},  // no row: AnyKind's
		{"", 64 << 10, Copy},
	} {
		if got := p.Path(tc.kind, tc.n); got != tc.want {
			t.Errorf("Path(%q, %d) = %s, want %s", tc.kind, tc.n, got, tc.want)
		}
	}
	if got := (*WritePolicy)(nil).Path("pipe-64KiB", 1<<20); got != Writev {
		t.Errorf("nil policy: Path = %s, want writev", got)
	}
	text := p.String()
	q, err := ParsePolicy(text)
	if err != nil || q.String() != text {
		t.Errorf("ParsePolicy(%q) = %v, %v; want the same policy back", text, q, err)
	}
	for _, s := range []string{"", "writev"} {
		if q, err := ParsePolicy(s); q != nil || err != nil {
			t.Errorf("ParsePolicy(%q) = %v, %v; want nil, nil", s, q, err)
		}
	}
	if q, err := ParsePolicy(strings.ReplaceAll(text, " ", ",")); err != nil || q.String() != text {
		t.Errorf("ParsePolicy with commas for spaces = %v, %v; want %q", q, err, text)
	}
	if q, err := ParsePolicy("chunk"); err != nil || q.Path("socket-unix", 1<<20) != Chunk {
		t.Errorf("ParsePolicy(chunk) = %v, %v; want chunk everywhere", q, err)
	}
}

func TestParsePolicyRejects(t *testing.T) {
	for _, s := range []string{
		"pipe",                         // no pairs
		"pipe 64KiB",                   // no path
		"pipe 64KiB=sendfile",          // unknown path
		"pipe 0B=copy",                 // size out of range
		"pipe 2048MiB=copy",            // size out of range
		"pipe -1B=copy",                // negative
		"pipe 99999999999999999B=copy", // overflow
		"pipe =copy",
		strings.Repeat("pipe 1B=copy; ", 17),   // too many kinds
		"pipe" + strings.Repeat(" 1B=copy", 9), // too many sizes
		"pipe 1B=copy" + strings.Repeat(" ", maxPolicyText), // too long
	} {
		if p, err := ParsePolicy(s); err == nil {
			t.Errorf("ParsePolicy(%.40q) = %v, want an error", s, p)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("ParsePolicy(%.40q) error spans lines: %q", s, err)
		}
	}
}

type wrapped struct{ w io.Writer }

func (w wrapped) Write(p []byte) (int, error) { return w.w.Write(p) }
func (w wrapped) Unwrap() io.Writer           { return w.w }

func TestSinkKind(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if k := SinkKind(w); !strings.HasPrefix(k, "pipe-") || k == "pipe-" {
		t.Errorf("SinkKind(os.Pipe) = %q, want pipe-<capacity>", k)
	}
	if k := SinkKind(wrapped{w}); !strings.HasPrefix(k, "pipe-") {
		t.Errorf("SinkKind(wrapped pipe) = %q, want pipe-<capacity>", k)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		network, addr, want string
	}{
		{"unix", filepath.Join(t.TempDir(), "s"), "socket-unix"},
		{"tcp", "127.0.0.1:0", "socket-inet"},
	} {
		ln, err := net.Listen(tc.network, tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		c, err := net.Dial(tc.network, ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		if k := SinkKind(c); k != tc.want {
			t.Errorf("SinkKind(%s conn) = %q, want %q", tc.network, k, tc.want)
		}
		c.Close()
		ln.Close()
	}
	if k := SinkKind(f); k != "file" {
		t.Errorf("SinkKind(regular file) = %q, want file", k)
	}
	if k := SinkKind(&bytes.Buffer{}); k != "" {
		t.Errorf("SinkKind(bytes.Buffer) = %q, want empty", k)
	}
}
