package peer

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"framebench/strategies"
)

// The CPython interop tests run scripts/pypeer.py, the seed's send/recv
// and consecutive pickle.dump/pickle.load in CPython, against this package
// over real OS pipes, both ways, with the values of testValues: 10 B, the
// seed's 65,537 B and 1 MiB strings, nested dicts and lists, unicode,
// integers beyond 64 bits and bytes.

// python returns the python3 command and the path of pypeer.py, or skips.
func python(t *testing.T) (string, string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the CPython interop tests need it (.ci/run installs it)")
	}
	script, err := filepath.Abs(filepath.Join("..", "scripts", "pypeer.py"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		t.Fatalf("the Python peer: %v", err)
	}
	return py, script
}

// The two pickle framings CPython speaks: the seed's fix and consecutive pickles.
func pythonConfigs() []Config {
	return []Config{
		{Strategy: strategies.LenPrefix, Codec: strategies.Pickle, TagBytes: true},
		{Strategy: strategies.Stream, Codec: strategies.Pickle, TagBytes: true},
	}
}

// pyCommand is pypeer.py in a mode, with the strategy of c; its stderr
// goes to the test log.
func pyCommand(t *testing.T, c Config, mode string, extra ...string) *exec.Cmd {
	py, script := python(t)
	args := append([]string{script, mode, "-strategy", c.Strategy.Name(), "-tag-bytes"}, extra...)
	cmd := exec.Command(py, args...)
	cmd.Stderr = testWriter{t}
	return cmd
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("python: %s", bytes.TrimSpace(p))
	return len(p), nil
}

// TestPythonSendsGoReceives: CPython writes the values (seed's send, or
// pickle.dump) into a pipe; this package reads them.
func TestPythonSendsGoReceives(t *testing.T) {
	for _, c := range pythonConfigs() {
		t.Run(c.Strategy.Name(), func(t *testing.T) {
			vs := testValues()
			cmd := pyCommand(t, c, "send")
			cmd.Stdin = bytes.NewReader(jsonLines(t, vs))
			out, err := cmd.StdoutPipe() // an OS pipe
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			got := readValues(t, out, c, func() { io.Copy(io.Discard, out) })
			if err := cmd.Wait(); err != nil {
				t.Errorf("python: %v", err)
			}
			compareValues(t, got, vs)
		})
	}
}

// TestGoSendsPythonReceives: this package writes the values into a pipe;
// CPython reads them (seed's recv, or pickle.load) and prints JSON lines.
func TestGoSendsPythonReceives(t *testing.T) {
	for _, c := range pythonConfigs() {
		t.Run(c.Strategy.Name(), func(t *testing.T) {
			vs := testValues()
			cmd := pyCommand(t, c, "recv")
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			cmd.Stdout = &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			wr := newWriter(in, c)
			for _, v := range vs {
				if err := wr.write(v); err != nil {
					t.Errorf("write %s: %v", short(v), err)
					break
				}
			}
			in.Close()
			if err := cmd.Wait(); err != nil {
				t.Fatalf("python: %v", err)
			}
			compareValues(t, parseLines(t, out.Bytes(), true), vs)
		})
	}
}

// TestPythonEchoes: CPython is the far end of ping-pong for this package.
func TestPythonEchoes(t *testing.T) {
	for _, c := range pythonConfigs() {
		t.Run(c.Strategy.Name(), func(t *testing.T) {
			vs := testValues()
			got := echoThrough(t, c, vs, func(r io.Reader, w io.Writer) error {
				cmd := pyCommand(t, c, "echo")
				cmd.Stdin, cmd.Stdout = r, w // *os.File: the child reads and writes the pipes itself
				return cmd.Run()
			})
			compareValues(t, got, vs)
		})
	}
}

// TestGoEchoesForPython: this package is the far end of ping-pong for
// CPython, which sends each value, waits for the echo and prints it.
func TestGoEchoesForPython(t *testing.T) {
	for _, c := range pythonConfigs() {
		t.Run(c.Strategy.Name(), func(t *testing.T) {
			vs := testValues()
			toGo, fromPy, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			toPy, fromGo, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd := pyCommand(t, c, "call", "-in", "3", "-out", "4")
			cmd.ExtraFiles = []*os.File{toPy, fromPy}
			cmd.Stdin = bytes.NewReader(jsonLines(t, vs))
			var out bytes.Buffer
			cmd.Stdout = &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			toPy.Close()
			fromPy.Close()
			sum, err := Echo(toGo, fromGo, c)
			toGo.Close()
			fromGo.Close()
			if err != nil || sum.Delivered != int64(len(vs)) {
				t.Errorf("Echo = %v, %v; want %d delivered", sum, err, len(vs))
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("python: %v", err)
			}
			compareValues(t, parseLines(t, out.Bytes(), true), vs)
		})
	}
}

// TestSeedFramingBytes checks lenprefix against the seed's own code byte
// for byte: the stream CPython's send writes for its payloads is what
// lenprefix writes for the same payloads, and og-rek reads those payloads
// (protocol 5, with FRAME opcodes) back to the values.
func TestSeedFramingBytes(t *testing.T) {
	py, script := python(t)
	const prog = `
import io, json, sys, base64
sys.path.insert(0, sys.argv[1])
import pypeer
out, payloads = io.BytesIO(), []
for line in sys.stdin:
    obj = pypeer.from_json(line, True)
    pypeer.send(obj, out)
    payloads.append(base64.b64encode(pypeer.pickle.dumps(obj, -1)).decode())
print(json.dumps({"stream": base64.b64encode(out.getvalue()).decode(), "payloads": payloads}))
`
	vs := testValues()
	cmd := exec.Command(py, "-c", prog, filepath.Dir(script))
	cmd.Stdin = bytes.NewReader(jsonLines(t, vs))
	cmd.Stderr = testWriter{t}
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var res struct {
		Stream   []byte
		Payloads []string
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	var ours bytes.Buffer
	fw := strategies.Frames(strategies.LenPrefix).NewFrameWriter(&ours, strategies.Options{})
	frames := 0
	for i, s := range res.Payloads {
		p, _ := base64.StdEncoding.DecodeString(s)
		if len(p) < 2 || p[0] != 0x80 || p[1] != 5 {
			t.Errorf("payload %d: CPython's pickle.dumps(obj, -1) is not protocol 5 here: % x", i, p[:min(len(p), 2)])
		}
		if bytes.IndexByte(p, 0x95) > 0 {
			frames++
		}
		if err := fw.WriteFrame(p); err != nil {
			t.Fatal(err)
		}
		v, err := strategies.Pickle.(strategies.ValueCodec).UnmarshalValue(p)
		if err != nil || !sameValue(v, vs[i]) {
			t.Errorf("og-rek read CPython's payload %d as %s, %v; want %s", i, short(v), err, short(vs[i]))
		}
	}
	if frames == 0 {
		t.Errorf("no CPython payload used the FRAME opcode: the test does not cover it")
	}
	if !bytes.Equal(ours.Bytes(), res.Stream) {
		t.Errorf("lenprefix wrote %d bytes, the seed's send %d, and they differ", ours.Len(), len(res.Stream))
	}
}

// TestPythonBadInput: what CPython cannot make sense of ends pypeer with
// one line naming the message and its offset, like the Go peer.
func TestPythonBadInput(t *testing.T) {
	c := pythonConfigs()[0]
	good, _ := wireOf(t, c, "ok")
	cmd := pyCommand(t, c, "recv")
	cmd.Stdin = bytes.NewReader(append(good, 0, 0, 0, 9, 'x'))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err == nil || string(out) != "\"ok\"\n" {
		t.Fatalf("pypeer recv = %q, %v; want one message, then an error", out, err)
	}
	line := strings.TrimSuffix(stderr.String(), "\n")
	if want := "message 1 at byte " + itoa(len(good)); !strings.Contains(line, want) || strings.Contains(line, "\n") {
		t.Errorf("stderr %q: want one line with %q", line, want)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
