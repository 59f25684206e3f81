package bench

import (
	"io"
	"os"
	"sync"
)

// File is a regular file in each direction, read behind its writer: a
// reader finds every write whole.
var File = Transport{Name: "file", Make: local(makeFile), WholeWrites: true}

// makeFile sends each direction through a regular temporary file: the
// writer appends, the reader follows the file as it grows (tail -f), waiting
// on a condition variable instead of reading past the end. The files are
// removed at once; their space goes with stop.
func makeFile() (End, End, func(), error) {
	var closers []io.Closer
	var ends [2]End
	for i := range ends {
		w, err := os.CreateTemp("", "framebench-*.dat")
		if err != nil {
			closeAll(closers...)()
			return End{}, End{}, nil, err
		}
		r, err := os.Open(w.Name())
		os.Remove(w.Name())
		if err != nil {
			w.Close()
			closeAll(closers...)()
			return End{}, End{}, nil, err
		}
		l := &fileLink{}
		l.cond.L = &l.mu
		closers = append(closers, &fileWriter{f: w, l: l}, r)
		ends[i] = End{R: &fileReader{f: r, l: l}, W: &fileWriter{f: w, l: l}}
	}
	a := End{R: ends[1].R, W: ends[0].W}
	b := End{R: ends[0].R, W: ends[1].W}
	return a, b, closeAll(closers...), nil
}

// fileLink is what a file's writer tells its reader: how much is written
// and whether the writer is gone.
type fileLink struct {
	mu      sync.Mutex
	cond    sync.Cond
	written int64
	closed  bool
}

type fileWriter struct {
	f *os.File
	l *fileLink
}

func (w *fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.l.mu.Lock()
	w.l.written += int64(n)
	w.l.mu.Unlock()
	w.l.cond.Broadcast()
	return n, err
}

// Close ends the stream: the reader sees io.EOF after the data.
func (w *fileWriter) Close() error {
	w.l.mu.Lock()
	w.l.closed = true
	w.l.mu.Unlock()
	w.l.cond.Broadcast()
	return w.f.Close()
}

type fileReader struct {
	f    *os.File
	l    *fileLink
	read int64
}

func (r *fileReader) Read(p []byte) (int, error) {
	r.l.mu.Lock()
	for r.l.written == r.read && !r.l.closed {
		r.l.cond.Wait()
	}
	avail := r.l.written - r.read
	r.l.mu.Unlock()
	if avail == 0 {
		return 0, io.EOF
	}
	n, err := r.f.Read(p[:min(int64(len(p)), avail)])
	r.read += int64(n)
	return n, err
}
