package peer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/big"
	"os"
	"runtime"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"framebench/strategies"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// valueConfigs is every generic codec × strategy that can carry values.
func valueConfigs() []Config {
	var cs []Config
	for _, s := range strategies.Strategies {
		for _, codec := range strategies.Codecs {
			c := Config{Strategy: s, Codec: codec, TagBytes: true}
			if c.Check(true) == nil {
				cs = append(cs, c)
			}
		}
	}
	return cs
}

// wantValues is testValues as c's codec brings them back, without those
// it cannot carry and, for strategies with a small limit (scanner), those
// over it. With -short it leaves out the 1 MiB value (the CPython interop
// tests always carry it).
func wantValues(c Config) (in []any, want []any) {
	limit, bounded := strategies.Limit(c.Strategy, c.Options)
	for _, v := range testValues() {
		w, ok := expect(c.Codec, v)
		if !ok || bounded && 2*size(v) > limit || testing.Short() && size(v) > 1<<19 {
			continue
		}
		in, want = append(in, v), append(want, w)
	}
	return in, want
}

func jsonLines(t testing.TB, vs []any) []byte {
	t.Helper()
	var b []byte
	for _, v := range vs {
		var err error
		if b, err = AppendJSON(b, v, true); err != nil {
			t.Fatalf("AppendJSON(%s): %v", short(v), err)
		}
	}
	return b
}

func parseLines(t testing.TB, b []byte, tagBytes bool) []any {
	t.Helper()
	var vs []any
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		v, err := ParseJSON(sc.Bytes(), tagBytes)
		if err != nil {
			t.Fatalf("ParseJSON(line %d): %v", len(vs), err)
		}
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

func compareValues(t testing.TB, got, want []any) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d", len(got), len(want))
	}
	for i := range want {
		if !sameValue(got[i], want[i]) {
			t.Errorf("value %d = %s, want %s", i, short(got[i]), short(want[i]))
		}
	}
}

// TestRoundTrip sends JSON lines through Send and back out of Recv for
// every generic codec and strategy.
func TestRoundTrip(t *testing.T) {
	for _, c := range valueConfigs() {
		t.Run(c.Strategy.Name()+"/"+c.Codec.Name(), func(t *testing.T) {
			in, want := wantValues(c)
			var wire, out bytes.Buffer
			s, err := Send(bytes.NewReader(jsonLines(t, in)), &wire, c)
			if err != nil || s.Delivered != int64(len(in)) {
				t.Fatalf("Send = %v, %v; want %d delivered", s, err, len(in))
			}
			s, err = Recv(&wire, &out, c)
			if err != nil || s.Delivered != int64(len(in)) {
				t.Fatalf("Recv = %v, %v; want %d delivered", s, err, len(in))
			}
			compareValues(t, parseLines(t, out.Bytes(), true), want)
		})
	}
}

// TestRoundTripMessages moves the suite's messages through Send and Recv
// in messages mode, for every codec (gob, protobuf, raw included) and
// strategy.
func TestRoundTripMessages(t *testing.T) {
	for _, s := range strategies.Strategies {
		for _, codec := range strategies.Codecs {
			for _, p := range strategies.Payloads {
				if strategies.Applies(s, codec, p) != nil {
					continue
				}
				var msgs []*strategies.Message
				for i, n := range []int{300, 65537} {
					msgs = append(msgs, strategies.NewMessage(p, n, uint64(i)))
				}
				c := Config{Strategy: s, Codec: codec, Messages: true}
				if s == strategies.None {
					msgs = msgs[:1]
					enc, _ := codec.Append(nil, msgs[0])
					c.Options.FixedSize = len(enc)
				}
				if limit, ok := strategies.Limit(s, c.Options); ok && limit < 200<<10 {
					msgs = msgs[:1] // scanner: 64 KiB lines at most
				}
				t.Run(s.Name()+"/"+codec.Name()+"/"+string(p), func(t *testing.T) {
					var in []byte
					for _, m := range msgs {
						in, _ = appendMessageJSON(in, m)
					}
					var wire, out bytes.Buffer
					if sum, err := Send(bytes.NewReader(in), &wire, c); err != nil || sum.Delivered != int64(len(msgs)) {
						t.Fatalf("Send = %v, %v", sum, err)
					}
					if sum, err := Recv(&wire, &out, c); err != nil || sum.Delivered != int64(len(msgs)) {
						t.Fatalf("Recv = %v, %v", sum, err)
					}
					lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
					for i, l := range lines {
						m, err := parseMessageJSON([]byte(l))
						if err != nil || !strategies.Equal(m, msgs[i]) {
							t.Errorf("message %d came back different (%v)", i, err)
						}
					}
				})
			}
		}
	}
}

// TestEchoPipe runs Echo between two OS pipes, with the writer and the
// reader in other goroutines, as a far end of ping-pong.
func TestEchoPipe(t *testing.T) {
	for _, c := range valueConfigs() {
		if !strategies.ShortReadSafe(c.Strategy) || c.Strategy == strategies.Scanner {
			continue // they break on a pipe by design above 64 KiB
		}
		t.Run(c.Strategy.Name()+"/"+c.Codec.Name(), func(t *testing.T) {
			in, want := wantValues(c)
			got := echoThrough(t, c, in, func(r io.Reader, w io.Writer) error {
				_, err := Echo(r, w, c)
				return err
			})
			compareValues(t, got, want)
		})
	}
}

// echoThrough writes vs through a far end (run, on OS pipes) and reads
// what comes back.
func echoThrough(t *testing.T, c Config, vs []any, run func(r io.Reader, w io.Writer) error) []any {
	t.Helper()
	r1, w1, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r2, w2, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	far := make(chan error, 1)
	go func() {
		err := run(r1, w2)
		r1.Close()
		w2.Close()
		far <- err
	}()
	wrote := make(chan error, 1)
	go func() {
		wr := newWriter(w1, c)
		var err error
		for _, v := range vs {
			if err = wr.write(v); err != nil {
				break
			}
		}
		w1.Close()
		wrote <- err
	}()
	got := readValues(t, r2, c, func() { r2.Close() })
	if err := <-wrote; err != nil {
		t.Errorf("write: %v", err)
	}
	if err := <-far; err != nil {
		t.Errorf("far end: %v", err)
	}
	return got
}

// wireOf writes vs with c and returns the bytes and where each message ends.
func wireOf(t *testing.T, c Config, vs ...any) ([]byte, []int) {
	t.Helper()
	var b bytes.Buffer
	wr := newWriter(&b, c)
	var ends []int
	for _, v := range vs {
		if err := wr.write(v); err != nil {
			t.Fatalf("write %s: %v", short(v), err)
		}
		ends = append(ends, b.Len())
	}
	return b.Bytes(), ends
}

// badInputConfigs is one config per strategy that reads values (pickle,
// or json where pickle does not apply), and stream with every generic codec.
func badInputConfigs() []Config {
	var cs []Config
	for _, s := range strategies.Strategies {
		for _, codec := range []strategies.Codec{strategies.Pickle, strategies.JSON} {
			if c := (Config{Strategy: s, Codec: codec}); c.Check(true) == nil {
				cs = append(cs, c)
				break
			}
		}
	}
	for _, codec := range []strategies.Codec{strategies.JSON, strategies.Msgpack, strategies.CBOR} {
		cs = append(cs, Config{Strategy: strategies.Stream, Codec: codec})
	}
	return cs
}

// TestTruncated cuts the wire of two messages at every byte: a cut at a
// message boundary is a clean end, any other gives one error naming the
// strategy and the message, never a panic.
func TestTruncated(t *testing.T) {
	for _, c := range badInputConfigs() {
		t.Run(c.Strategy.Name()+"/"+c.Codec.Name(), func(t *testing.T) {
			wire, ends := wireOf(t, c, map[string]any{"a": []any{int64(1), "ü", 2.5}}, []any{strings.Repeat("x", 300), nil})
			for cut := 0; cut < len(wire); cut++ {
				sum, err := Recv(bytes.NewReader(wire[:cut]), io.Discard, c)
				boundary := cut == 0 || cut == ends[0]
				if c.Codec == strategies.JSON && strategies.Frames(c.Strategy) == nil {
					// json.Encoder ends each value with a '\n' that the decoder does not need
					boundary = boundary || cut == ends[0]-1 || cut == len(wire)-1
				}
				if boundary {
					if err != nil {
						t.Errorf("cut at boundary %d: %v", cut, err)
					}
					continue
				}
				if err == nil {
					t.Errorf("cut at %d of %d: no error (%v)", cut, len(wire), sum)
					continue
				}
				checkFrameError(t, c, err)
				var fe *strategies.FrameError
				errors.As(err, &fe)
				want, at := int64(0), int64(0)
				if cut > ends[0] {
					want, at = 1, int64(ends[0])
				}
				if fe.Index != want {
					t.Errorf("cut at %d: error for message %d, want %d: %v", cut, fe.Index, want, err)
				}
				if fe.Offset != at && (strategies.Frames(c.Strategy) != nil || c.Codec == strategies.Pickle || c.Codec == strategies.Msgpack) {
					t.Errorf("cut at %d: error at byte %d, want %d: %v", cut, fe.Offset, at, err)
				}
			}
		})
	}
}

// checkFrameError checks that err says where it happened, on one line.
func checkFrameError(t *testing.T, c Config, err error) {
	t.Helper()
	var fe *strategies.FrameError
	if !errors.As(err, &fe) || fe.Strategy != c.Strategy.Name() || fe.Op != "read" {
		t.Errorf("error %v is not a read *strategies.FrameError of %s", err, c.Strategy.Name())
		return
	}
	if fe.Offset < 0 {
		t.Errorf("error %v has no byte offset", err)
	}
	if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "internal error") {
		t.Errorf("error %q: want one line and no panic", err)
	}
}

// TestHostile feeds length claims that must not be trusted, deep nesting
// and garbage: each gives an error, in bounded memory.
func TestHostile(t *testing.T) {
	pickle := func(s strategies.Strategy) Config {
		return Config{Strategy: s, Codec: strategies.Pickle, Options: strategies.Options{MaxFrame: 1 << 20}}
	}
	deep := append(append([]byte{0x80, 2}, bytes.Repeat([]byte{']'}, 100000)...), bytes.Repeat([]byte{'a'}, 99999)...)
	deep = append(deep, '.')
	tests := []struct {
		name string
		c    Config
		in   []byte
		want error
	}{
		{"4GiB claim", pickle(strategies.LenPrefix), []byte{0xff, 0xff, 0xff, 0xff, 1, 2, 3}, strategies.ErrFrameTooLarge},
		{"varint claim", pickle(strategies.Varint), []byte{0xff, 0xff, 0xff, 0xff, 0x0f, 1}, strategies.ErrFrameTooLarge},
		{"varint overlong", pickle(strategies.Varint), bytes.Repeat([]byte{0xff}, 12), strategies.ErrHeader},
		{"crc garbage", pickle(strategies.LenPrefixCRC), bytes.Repeat([]byte{0x5a}, 40), strategies.ErrChecksum},
		{"deep pickle", pickle(strategies.LenPrefix), append(be32(len(deep)), deep...), strategies.ErrValueLimit},
		{"deep pickle stream", pickle(strategies.Stream), deep, strategies.ErrValueLimit},
		{"stream over the limit", pickle(strategies.Stream), pickleString(3 << 20), strategies.ErrFrameTooLarge},
		{"buffered over the limit", pickle(strategies.Buffered), pickleString(3 << 20), strategies.ErrFrameTooLarge},
		{"json stream over the limit", Config{Strategy: strategies.Stream, Codec: strategies.JSON, Options: strategies.Options{MaxFrame: 1000}},
			[]byte(`"` + strings.Repeat("a", 3<<20) + `"`), strategies.ErrFrameTooLarge},
		{"newline over the limit", Config{Strategy: strategies.Newline, Codec: strategies.JSON, Options: strategies.Options{MaxFrame: 10}},
			[]byte(`"aaaaaaaaaaaaaaaaaaaa"` + "\n"), strategies.ErrFrameTooLarge},
		{"big int from CPython (LONG4)", pickle(strategies.LenPrefix), append(be32(9), 0x80, 2, 0x8b, 1, 0, 0, 0, 1, '.'), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtimeMem
			before.read()
			_, err := Recv(bytes.NewReader(tt.in), io.Discard, tt.c)
			after.read()
			if err == nil {
				t.Fatalf("Recv = nil error, want %v", tt.want)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Recv = %v, want %v", err, tt.want)
			}
			checkFrameError(t, tt.c, err)
			if grew := after.total - before.total; grew > uint64(len(tt.in))*4+16<<20 {
				t.Errorf("Recv allocated %d bytes for %d bytes of input", grew, len(tt.in))
			}
		})
	}
}

type runtimeMem struct{ total uint64 }

func (m *runtimeMem) read() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.total = ms.TotalAlloc
}

func be32(n int) []byte { return []byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)} }

// pickleString is a protocol 4 pickle of a str of n ASCII characters.
func pickleString(n int) []byte {
	b, err := strategies.Pickle.(strategies.ValueCodec).AppendValue(nil, strings.Repeat("z", n))
	if err != nil {
		panic(err)
	}
	return b
}

// TestSkipRefused: strategies that cannot go on refuse -on-error skip.
func TestSkipRefused(t *testing.T) {
	for _, s := range []strategies.Strategy{strategies.Stream, strategies.Buffered, strategies.OneRead, strategies.Scanner} {
		c := Config{Strategy: s, Codec: strategies.JSON, Skip: true}
		if err := c.Check(true); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: Check = %v, want ErrConfig", s.Name(), err)
		}
		if err := c.Check(false); err != nil {
			t.Errorf("%s: Check for send = %v, want nil", s.Name(), err)
		}
	}
}

// TestSendBadLines: Send names the line of bad JSON, or of a value the
// codec cannot carry, and skips both with Skip.
func TestSendBadLines(t *testing.T) {
	in := "{\"a\":1}\nnot json\n\n123456789012345678901234567890\n[2]\n"
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.Msgpack}
	_, err := Send(strings.NewReader(in), io.Discard, c)
	var le *LineError
	if !errors.As(err, &le) || le.Line != 1 || le.Offset != 8 {
		t.Errorf("Send = %v, want an error for line 1 at byte 8", err)
	}
	var skipped []error
	c.Skip, c.OnSkip = true, func(err error) { skipped = append(skipped, err) }
	var wire, out bytes.Buffer
	sum, err := Send(strings.NewReader(in), &wire, c)
	if err != nil || sum != (Summary{Delivered: 2, Skipped: 2}) || sum.Unchecked != 0 {
		t.Fatalf("Send = %v, %v; want 2 delivered, 2 skipped", sum, err)
	}
	if len(skipped) != 2 || !errors.As(skipped[1], &le) || le.Line != 3 || !errors.Is(skipped[1], strategies.ErrValueRange) {
		t.Errorf("skipped %v; want line 3 refused as out of range", skipped)
	}
	c.Skip = false
	if _, err := Recv(&wire, &out, c); err != nil || out.String() != "{\"a\":1}\n[2]\n" {
		t.Errorf("Recv = %q, %v", out.String(), err)
	}
}

// TestSendLongLine: a JSON line over twice the frame limit is refused
// without being held in memory, and the next line is read.
func TestSendLongLine(t *testing.T) {
	c := Config{Strategy: strategies.LenPrefix, Codec: strategies.JSON, Skip: true, Options: strategies.Options{MaxFrame: 1 << 10}}
	in := "[1]\n\"" + strings.Repeat("x", 1<<20) + "\"\n[2]"
	var wire, out bytes.Buffer
	sum, err := Send(strings.NewReader(in), &wire, c)
	if err != nil || sum != (Summary{Delivered: 2, Skipped: 1}) {
		t.Fatalf("Send = %v, %v", sum, err)
	}
	if _, err := Recv(&wire, &out, c); err != nil || out.String() != "[1]\n[2]\n" {
		t.Errorf("Recv = %q, %v", out.String(), err)
	}
}

// FuzzRecv feeds arbitrary bytes to the readers of a few configs: errors,
// never panics, and errors on one line (its corpus keeps issue 13's "\n":
// og-rek's error text had a raw newline).
func FuzzRecv(f *testing.F) {
	configs := []Config{
		{Strategy: strategies.LenPrefix, Codec: strategies.Pickle},
		{Strategy: strategies.Stream, Codec: strategies.Pickle},
		{Strategy: strategies.Varint, Codec: strategies.CBOR},
		{Strategy: strategies.LenPrefixCRC, Codec: strategies.Msgpack, Skip: true},
		{Strategy: strategies.Newline, Codec: strategies.JSON, Skip: true},
		{Strategy: strategies.Buffered, Codec: strategies.JSON},
		{Strategy: strategies.Varint, Codec: strategies.Msgpack, Skip: true},
		{Strategy: strategies.Stream, Codec: strategies.CBOR},
		{Strategy: strategies.Stream, Codec: strategies.Gob, Messages: true},
		{Strategy: strategies.LenPrefix, Codec: strategies.Protobuf, Messages: true},
		{Strategy: strategies.Msgio, Codec: strategies.JSON, Messages: true},
	}
	for _, c := range configs {
		w := c
		w.Skip = false
		var b bytes.Buffer
		wr := newWriter(&b, w)
		for _, v := range []any{map[string]any{"a": []any{int64(1), bigInt("123456789012345678901234567890")}}, "ü", []byte{1, 2}} {
			if c.Messages {
				wr.write(strategies.NewMessage(strategies.Struct, 300, 1))
			} else if _, ok := expect(c.Codec, v); ok {
				wr.write(v)
			}
		}
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, c := range configs {
			c.Options.MaxFrame = 1 << 16
			sum, err := Recv(bytes.NewReader(in), io.Discard, c)
			if err != nil && (strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "\n")) {
				t.Errorf("%s/%s: %v", c.Strategy.Name(), c.Codec.Name(), err)
			}
			if sum.Discarded < 0 || sum.Discarded > int64(len(in)) || sum.Unchecked > sum.Delivered {
				t.Errorf("%s/%s: summary %v of %d bytes", c.Strategy.Name(), c.Codec.Name(), sum, len(in))
			}
		}
	})
}

// TestJSON checks the JSON lines mapping both ways.
func TestJSON(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "null"},
		{int64(-7), "-7"},
		{bigInt("-123456789012345678901234567890"), "-123456789012345678901234567890"},
		{2.0, "2.0"},
		{1e21, "1e+21"},
		{"<ü>", `"<ü>"`},
		{[]byte{0, 255}, `{"$bytes":"AP8="}`},
		{map[string]any{"b": []any{true}, "a": 1.5}, `{"a":1.5,"b":[true]}`},
	}
	for _, tt := range tests {
		got, err := AppendJSON(nil, tt.v, true)
		if err != nil || string(got) != tt.want+"\n" {
			t.Errorf("AppendJSON(%s) = %q, %v; want %q", short(tt.v), got, err, tt.want)
			continue
		}
		back, err := ParseJSON(got, true)
		if err != nil || !sameValue(back, tt.v) {
			t.Errorf("ParseJSON(%q) = %s, %v; want %s", got, short(back), err, short(tt.v))
		}
	}
	if got, _ := AppendJSON(nil, []byte{0, 255}, false); string(got) != "\"AP8=\"\n" {
		t.Errorf("untagged bytes = %q", got)
	}
	for _, bad := range []string{"", "{", "1 2", "[1]x", `{"$bytes":"!"}`, strings.Repeat("[", 20000)} {
		if v, err := ParseJSON([]byte(bad), true); !errors.Is(err, ErrJSON) {
			t.Errorf("ParseJSON(%.20q) = %s, %v; want ErrJSON", bad, short(v), err)
		}
	}
	if v, err := ParseJSON([]byte("18446744073709551616"), false); err != nil || v.(*big.Int).String() != "18446744073709551616" {
		t.Errorf("ParseJSON(2^64) = %s, %v", short(v), err)
	}
}

// readValues reads values from r with config c until io.EOF. On an error it
// reports it, calls unblock (so that the writer cannot stay blocked) and
// returns what it read.
func readValues(t *testing.T, r io.Reader, c Config, unblock func()) []any {
	t.Helper()
	var got []any
	rd := newReader(r, c)
	for {
		v, err := rd.read()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Errorf("read %d: %v", len(got), err)
			unblock()
			return got
		}
		got = append(got, v)
	}
}
