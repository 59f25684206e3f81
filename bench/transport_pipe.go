package bench

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// Pipe is os.Pipe at its default capacity (64 KiB on Linux), which is
// all that one Read can return; Pipe1M raises it to 1 MiB with
// F_SETPIPE_SZ.
var (
	Pipe   = Transport{Name: "pipe", Make: local(makePipe(0)), Capacity: defaultPipe, CappedReads: true}
	Pipe1M = Transport{Name: "pipe1m", Make: local(makePipe(1 << 20)), Capacity: func(int) int { return 1 << 20 }, CappedReads: true}
)

// defaultPipe is the capacity of a default pipe.
func defaultPipe(pipeCap int) int { return pipeCap }

// makePipe returns the constructor of os.Pipe transports, two pipes for the
// two directions. size > 0 raises each pipe's capacity with F_SETPIPE_SZ
// (pipe1m); a kernel that refuses is reported, and the transport skipped.
func makePipe(size int) func() (End, End, func(), error) {
	return func() (End, End, func(), error) {
		r1, w1, err := os.Pipe()
		if err != nil {
			return End{}, End{}, nil, err
		}
		r2, w2, err := os.Pipe()
		if err != nil {
			r1.Close()
			w1.Close()
			return End{}, End{}, nil, err
		}
		stop := closeAll(r1, w1, r2, w2)
		if size > 0 {
			for _, f := range []*os.File{w1, w2} {
				if err := setPipeSize(f, size); err != nil {
					stop()
					return End{}, End{}, nil, err
				}
			}
		}
		return End{R: r2, W: w1}, End{R: r1, W: w2}, stop, nil
	}
}

// setPipeSize sets a pipe's capacity through RawConn.Control, which, unlike
// File.Fd, leaves the descriptor in non-blocking mode under the poller.
func setPipeSize(f *os.File, size int) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var got int
	var serr error
	if err := rc.Control(func(fd uintptr) {
		got, serr = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, size)
	}); err != nil {
		return err
	}
	if serr != nil {
		return fmt.Errorf("bench: F_SETPIPE_SZ %d: %w (see /proc/sys/fs/pipe-max-size)", size, serr)
	}
	if got < size {
		return fmt.Errorf("bench: F_SETPIPE_SZ %d gave %d bytes", size, got)
	}
	return nil
}

// PipeCapacity returns the capacity of a new default os.Pipe, in bytes.
func PipeCapacity() (int, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	defer w.Close()
	rc, err := w.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n int
	var serr error
	if err := rc.Control(func(fd uintptr) { n, serr = unix.FcntlInt(fd, unix.F_GETPIPE_SZ, 0) }); err != nil {
		return 0, err
	}
	return n, serr
}
