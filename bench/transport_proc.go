package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"framebench/peer"
	"framebench/strategies"
)

// Proc is a child process, this binary started again as "framebench peer
// echo" (see IsPeerChild), on OS pipes: it reads from a default pipe.
var Proc = Transport{Name: "proc", Peer: startProc, Echo: true, Capacity: defaultPipe, CappedReads: true}

// procEnv is the environment variable that makes a binary the proc
// transport's child peer; its value is the flags of "framebench peer echo".
const procEnv = "FRAMEBENCH_PEER_CHILD"

// IsPeerChild reports whether this process was started by the proc
// transport as its child peer. A binary that uses the proc transport (the
// bench test binary, the framebench command) re-executes itself for it, so
// it must check this first thing in TestMain or main, before parsing flags:
//
//	if bench.IsPeerChild() {
//		os.Exit(bench.RunPeerChild())
//	}
func IsPeerChild() bool { return os.Getenv(procEnv) != "" }

// PeerChildArgs returns the arguments of peer.Command that make a process
// the proc transport's child peer ("echo" and its flags), read from the
// environment as getenv reads it (os.Getenv), and whether it is one.
func PeerChildArgs(getenv func(string) string) ([]string, bool) {
	v := getenv(procEnv)
	if v == "" {
		return nil, false
	}
	return append([]string{"echo"}, strings.Fields(v)...), true
}

// RunPeerChild runs the child peer, "framebench peer echo" with the flags
// in the environment (PeerChildArgs), on stdin and stdout, and returns the
// exit status: 0 at a clean end of stdin, 1 after one error line on
// stderr, which the parent turns back into an error (see startProc).
func RunPeerChild() int {
	args, _ := PeerChildArgs(os.Getenv)
	if err := peer.Command(context.Background(), os.Stdin, os.Stdout, os.Stderr, args); err != nil {
		fmt.Fprintln(os.Stderr, "framebench peer child:", err)
		return 1
	}
	return 0
}

// peerFlags are the echo flags of cell c for a peer at the far end: it
// echoes the suite's messages with the cell's strategy and codec, decoding
// and re-encoding each as the in-process echo goroutine does, with the
// options Open gives the link (a strategy that needs the size: that of the
// encoded message) and its write policy w.
func peerFlags(c Cell, w *strategies.WritePolicy) []string {
	flags := []string{"-messages", "-strategy", c.Strategy, "-codec", c.Codec}
	if w != nil { // the child writes as this process does; its flags are split at spaces
		flags = append(flags, "-write-policy", strings.ReplaceAll(w.String(), " ", ","))
	}
	s, err := strategies.LookupStrategy(c.Strategy)
	if codec, cerr := strategies.LookupCodec(c.Codec); err == nil && cerr == nil && s.Facts().FixedSize {
		if enc, err := codec.Append(nil, strategies.NewMessage(c.Payload, c.Size, 0)); err == nil {
			flags = append(flags, "-fixed-size", strconv.Itoa(len(enc)))
		}
	}
	return flags
}

// startProc starts this binary again as a child peer speaking flags and
// returns one end on the child's stdin and stdout, OS pipes: the far end
// echoes every message (Transport.Echo). Stop closes the pipes, kills the
// child and waits for it. When the child fails, reads and writes on the
// end return its error (a *peer.RemoteError), so that a cell that breaks
// by design in the child (oneread's short read) is still recognised.
func startProc(flags []string) (End, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return End{}, nil, err
	}
	var files []*os.File // child's stdin, stdout, stderr, then our ends
	for range 3 {
		r, w, err := os.Pipe()
		if err != nil {
			closeFiles(files)
			return End{}, nil, err
		}
		files = append(files, r, w)
	}
	inR, inW, outR, outW, errR, errW := files[0], files[1], files[2], files[3], files[4], files[5]
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), procEnv+"="+strings.Join(flags, " "))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, errW
	err = cmd.Start()
	closeFiles([]*os.File{inR, outW, errW}) // the child's now
	if err != nil {
		closeFiles([]*os.File{inW, outR, errR})
		return End{}, nil, err
	}
	p := &procPeer{cmd: cmd, in: inW, out: outR, errR: errR, exited: make(chan struct{}), stderrDone: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	go p.readStderr()
	end := End{R: &peerReader{r: outR, why: p.why}, W: newPeerWriter(inW, p.why)}
	return end, p.stop, nil
}

func closeFiles(fs []*os.File) {
	for _, f := range fs {
		f.Close()
	}
}

// procPeer is a running child peer.
type procPeer struct {
	cmd        *exec.Cmd
	in, out    *os.File
	errR       *os.File
	exited     chan struct{} // closed when cmd.Wait has returned
	stderrDone chan struct{}
	tail       bytes.Buffer // the end of the child's stderr
	once       sync.Once
}

// readStderr keeps the last few KiB of the child's stderr.
func (p *procPeer) readStderr() {
	defer close(p.stderrDone)
	buf := make([]byte, 4096)
	for {
		n, err := p.errR.Read(buf)
		p.tail.Write(buf[:n])
		if p.tail.Len() > 8192 {
			p.tail.Next(p.tail.Len() - 4096)
		}
		if err != nil {
			return
		}
	}
}

// why turns err, from a read or write on the child's pipes, into the
// child's own error if the child failed; else it returns err.
func (p *procPeer) why(err error) error {
	select {
	case <-p.exited:
	case <-time.After(5 * time.Second):
		return err
	}
	<-p.stderrDone
	code := p.cmd.ProcessState.ExitCode()
	if code <= 0 {
		return err
	}
	lines := strings.Split(strings.TrimSpace(p.tail.String()), "\n")
	re := &peer.RemoteError{Text: lines[len(lines)-1], Status: code}
	return fmt.Errorf("bench: proc peer exited with status %d: %w", code, re)
}

func (p *procPeer) stop() {
	p.once.Do(func() {
		p.in.Close() // the child sees the end of its input
		p.out.Close()
		p.cmd.Process.Kill()
		<-p.exited
		<-p.stderrDone
		p.errR.Close()
	})
}

// peerReader and peerWriter are the ends of a peer at the far end: they
// ask why (the child's exit, the serve peer's status) when the transport
// fails. The writer keeps vectored writes vectored.
type peerReader struct {
	r   io.Reader
	why func(error) error
}

func (r *peerReader) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	if err != nil {
		err = r.why(err)
	}
	return n, err
}

type peerWriter struct {
	w   io.Writer
	vw  strategies.VectorWriter
	vec bool
	why func(error) error
}

func newPeerWriter(w io.Writer, why func(error) error) *peerWriter {
	return &peerWriter{w: w, vw: strategies.NewVectorWriter(w), vec: strategies.Vectored(w), why: why}
}

func (w *peerWriter) Write(b []byte) (int, error) {
	n, err := w.vw.Write(b)
	if err != nil {
		err = w.why(err)
	}
	return n, err
}

func (w *peerWriter) WriteVectors(bufs [][]byte) error {
	err := w.vw.WriteVectors(bufs)
	if err != nil {
		err = w.why(err)
	}
	return err
}

// Vectored reports whether WriteVectors is one system call.
func (w *peerWriter) Vectored() bool { return w.vec }

// stoppable makes why a no-op once stop has run: errors after a stop are
// the stop's doing.
func stoppable(why func(error) error, stop func()) (func(error) error, func()) {
	var stopped atomic.Bool
	return func(err error) error {
			if stopped.Load() {
				return err
			}
			return why(err)
		}, func() {
			stopped.Store(true)
			stop()
		}
}
