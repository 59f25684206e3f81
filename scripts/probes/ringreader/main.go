// Command ringreader compares frame readers for 1 MiB frames with a 4-byte
// header on a 1 MiB pipe; see README.md.
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"sort"
	"syscall"
	"time"
	"unsafe"
)

const n = 1 << 20
const hdr = 4

func pipe() (*os.File, *os.File) {
	r, w, err := os.Pipe()
	if err != nil {
		panic(err)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_FCNTL, w.Fd(), 1031 /*F_SETPIPE_SZ*/, 1<<20); e != 0 {
		panic(e)
	}
	return r, w
}

func writer(w *os.File, mode string, stop *int32) {
	payload := make([]byte, n)
	for i := range payload {
		payload[i] = byte(i)
	}
	var h [hdr]byte
	binary.BigEndian.PutUint32(h[:], n)
	rc, _ := w.SyscallConn()
	stamp := os.Getenv("STAMP") != ""
	seq := 0
	for {
		if stamp {
			seq++
			for off := 0; off+16 <= n; off += 4032 {
				binary.BigEndian.PutUint64(payload[off:], uint64(seq))
				binary.BigEndian.PutUint64(payload[off+8:], uint64(off))
			}
		}
		switch mode {
		case "bare":
			if _, err := w.Write(payload); err != nil {
				return
			}
		case "split":
			if _, err := w.Write(h[:]); err != nil {
				return
			}
			if _, err := w.Write(payload); err != nil {
				return
			}
		case "writev":
			iov := []syscall.Iovec{{Base: &h[0], Len: hdr}, {Base: &payload[0], Len: n}}
			total, done := hdr+n, 0
			var werr error
			for done < total {
				err := rc.Write(func(fd uintptr) bool {
					// advance iov by done
					var v []syscall.Iovec
					off := done
					for _, x := range iov {
						if off >= int(x.Len) {
							off -= int(x.Len)
							continue
						}
						y := x
						y.Base = (*byte)(unsafe.Add(unsafe.Pointer(x.Base), off))
						y.Len = x.Len - uint64(off)
						off = 0
						v = append(v, y)
					}
					k, _, e := syscall.Syscall(syscall.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&v[0])), uintptr(len(v)))
					if e == syscall.EAGAIN {
						return false
					}
					if e != 0 {
						werr = e
						return true
					}
					done += int(k)
					return true
				})
				if err != nil || werr != nil {
					return
				}
			}
		}
	}
}

// readers return frames read in d.
func exact(r *os.File, d time.Duration) (int, int) {
	buf := make([]byte, n+hdr+64<<10)
	lo, hi, frames, reads := 0, 0, 0, 0
	sum := 0
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		// need header
		for hi-lo < hdr {
			if lo > 0 {
				hi = copy(buf, buf[lo:hi])
				lo = 0
			}
			k, err := r.Read(buf[hi:])
			reads++
			if err != nil {
				panic(err)
			}
			hi += k
		}
		m := int(binary.BigEndian.Uint32(buf[lo:]))
		if lo+hdr+m > len(buf) {
			hi = copy(buf, buf[lo:hi])
			lo = 0
		}
		for hi-lo < hdr+m {
			k, err := r.Read(buf[hi : lo+hdr+m])
			reads++
			if err != nil {
				panic(err)
			}
			hi += k
		}
		p := buf[lo+hdr : lo+hdr+m]
		sum += int(p[0]) + int(p[m-1])
		lo += hdr + m
		if lo == hi {
			lo, hi = 0, 0
		}
		frames++
	}
	_ = sum
	return frames, reads
}

func mkring(size int) []byte {
	fd, _, e := syscall.Syscall(319 /*memfd_create*/, uintptr(unsafe.Pointer(&[]byte("ring\x00")[0])), 0, 0)
	if e != 0 {
		panic(e)
	}
	if err := syscall.Ftruncate(int(fd), int64(size)); err != nil {
		panic(err)
	}
	// Reserve 2*size of address space, then map the file over each half.
	mem, err := syscall.Mmap(-1, 0, 2*size, syscall.PROT_NONE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		panic(err)
	}
	base := uintptr(unsafe.Pointer(&mem[0]))
	for i := 0; i < 2; i++ {
		_, _, e := syscall.Syscall6(syscall.SYS_MMAP, base+uintptr(i*size), uintptr(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED|syscall.MAP_FIXED, fd, 0)
		if e != 0 {
			panic(e)
		}
	}
	return mem
}

var ringBuf = mkring(ringSize())

// ringSize is the ring's length from $R: 1 for 1 MiB + 64 KiB, 2 for 2 MiB,
// else 4 MiB.
func ringSize() int {
	switch os.Getenv("R") {
	case "1":
		return 1<<20 + 64<<10
	case "2":
		return 2 << 20
	}
	return 4 << 20
}

func ring(r *os.File, d time.Duration) (int, int) {
	R := len(ringBuf) / 2
	var rd, wr int // absolute positions
	frames, reads, sum := 0, 0, 0
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		for wr-rd < hdr {
			k, err := r.Read(ringBuf[wr%R : wr%R+R-(wr-rd)])
			reads++
			if err != nil {
				panic(err)
			}
			wr += k
		}
		m := int(binary.BigEndian.Uint32(ringBuf[rd%R:]))
		for wr-rd < hdr+m {
			k, err := r.Read(ringBuf[wr%R : wr%R+R-(wr-rd)])
			reads++
			if err != nil {
				panic(err)
			}
			wr += k
		}
		p := ringBuf[rd%R+hdr : rd%R+hdr+m]
		sum += int(p[0]) + int(p[m-1])
		rd += hdr + m
		frames++
	}
	_ = sum
	return frames, reads
}

func bareRead(r *os.File, d time.Duration) (int, int) {
	buf := make([]byte, n)
	frames, reads, sum := 0, 0, 0
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		for got := 0; got < n; {
			k, err := r.Read(buf[got:])
			reads++
			if err != nil {
				panic(err)
			}
			got += k
		}
		sum += int(buf[0]) + int(buf[n-1])
		frames++
	}
	_ = sum
	return frames, reads
}

func greedy(r *os.File, d time.Duration) (int, int) {
	buf := make([]byte, 4<<20)
	total, reads := 0, 0
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		k, err := r.Read(buf)
		reads++
		if err != nil {
			panic(err)
		}
		total += k
	}
	return total / (n + hdr), reads
}

func run(name, mode string, d time.Duration) (float64, float64) {
	r, w := pipe()
	go writer(w, mode, nil)
	var f, rd int
	t0 := time.Now()
	switch name {
	case "exact":
		f, rd = exact(r, d)
	case "ring":
		f, rd = ring(r, d)
	case "greedy":
		f, rd = greedy(r, d)
	case "bare":
		f, rd = bareRead(r, d)
	}
	el := time.Since(t0)
	w.Close()
	r.Close()
	return float64(f) * n / el.Seconds() / 1e9, float64(rd) / float64(f)
}

func main() {
	mode := os.Args[1]
	names := []string{"exact", "ring", "greedy", "bare"}
	res := map[string][]float64{}
	for round := 0; round < 12; round++ {
		for _, nm := range names {
			m := mode
			if nm == "bare" {
				m = "bare"
			}
			g, rpf := run(nm, m, 300*time.Millisecond)
			res[nm] = append(res[nm], g)
			if round == 0 {
				fmt.Printf("%s reads/frame %.2f\n", nm, rpf)
			}
		}
	}
	med := func(xs []float64) float64 {
		s := append([]float64{}, xs...)
		sort.Float64s(s)
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	for _, nm := range names {
		fmt.Printf("%s %s median %.2f GB/s\n", mode, nm, med(res[nm]))
	}
	// Per-round ratios, median and the 3rd and 10th of the 12 sorted
	// (96 %, sign test).
	for _, p := range [][2]string{{"exact", "greedy"}, {"ring", "greedy"}, {"exact", "bare"}, {"greedy", "bare"}, {"ring", "exact"}} {
		var rs []float64
		for i := range res[p[0]] {
			rs = append(rs, res[p[0]][i]/res[p[1]][i])
		}
		sort.Float64s(rs)
		fmt.Printf("%s %s/%s median %.3f [%.3f, %.3f]\n", mode, p[0], p[1], med(rs), rs[2], rs[9])
	}
}
