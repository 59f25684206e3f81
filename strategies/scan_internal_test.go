package strategies

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"
)

// costShape is an encoding and how it is decoded: as a generic value, or
// as a Message.
type costShape struct {
	name    string
	c       Codec
	data    []byte
	message bool
}

// costShapes are the shapes that expand most when decoded, n elements
// each, for every codec that can carry them; and the suite's own messages.
func costShapes(t *testing.T, n int) []costShape {
	t.Helper()
	var shapes []costShape
	elems := map[string]func(int) any{
		"nils": func(int) any { return nil }, "maps": func(int) any { return map[string]any{} },
		"lists": func(int) any { return []any{} }, "ints": func(i int) any { return int64(i % 100) },
		"strings": func(int) any { return "" }, "bigints": func(int) any { return bigTen(40) },
	}
	for name, elem := range elems {
		list, dict := make([]any, n), map[string]any{}
		for i := range list {
			list[i] = elem(i)
			dict[fmt.Sprint(i)] = elem(i)
		}
		for _, c := range []Codec{JSON, CBOR, Msgpack, Pickle} {
			for _, v := range []any{list, dict} {
				b, err := c.(ValueCodec).AppendValue(nil, v)
				if err != nil {
					continue // msgpack: no big integers
				}
				shapes = append(shapes, costShape{fmt.Sprintf("%s/%T", name, v), c, b, false})
			}
		}
	}
	msgs := map[string]*Message{
		"items": {Items: make([]Item, n)},
		"tags":  {Items: []Item{{Tags: make([]string, n)}}},
		"parts": {Items: []Item{{Parts: make([]Part, n)}}},
		"blob":  NewMessage(Blob, 1<<20, 1),
		"small": NewMessage(Struct, 64<<10, 1),
		"large": NewMessage(Struct, 1<<20, 1),
	}
	for name, m := range msgs {
		for _, c := range Codecs {
			if b, err := c.Append(nil, m); err == nil {
				shapes = append(shapes, costShape{name, c, b, true})
			}
		}
	}
	return shapes
}

// bigTen is 10^digits.
func bigTen(digits int) any {
	v, _ := ParseJSONNumber("1" + string(bytes.Repeat([]byte("0"), digits)))
	return v
}

// TestScanCostCovers holds every codec's library to the scanners'
// estimate: decoding a shape the scan accepts allocates no more than the
// estimate (runtime.MemStats.TotalAlloc, garbage included), plus 512 KiB
// for the decoders' fixed costs. An estimate below what a library
// allocates fails here, and the budget would not bound memory. (A shape
// the scan refuses is skipped: the suite's own messages, which must pass,
// are TestCheckEncodingWriters'.)
func TestScanCostCovers(t *testing.T) {
	for _, sh := range append(costShapes(t, 20000), costShapes(t, 3000)...) {
		t.Run(sh.c.Name()+"/"+sh.name+fmt.Sprintf("/message=%v", sh.message), func(t *testing.T) {
			cost, err := checkEncoding(sh.c, sh.data, sh.message)
			if errors.Is(err, ErrValueLimit) {
				t.Skipf("refused: %v", err) // an estimate past the budget: the decoding is not tried
			}
			if err != nil {
				t.Fatalf("CheckEncoding(%d bytes) = %v", len(sh.data), err)
			}
			var derr error
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			if sh.message {
				var m Message
				if sh.c == Pickle {
					derr = pickleUnmarshal(sh.data, &m, 1<<40)
				} else {
					derr = sh.c.Unmarshal(sh.data, &m)
				}
			} else {
				_, derr = sh.c.(valueUnmarshaler).unmarshalValue(sh.data)
			}
			runtime.ReadMemStats(&after)
			if derr != nil {
				t.Fatalf("decoding = %v", derr)
			}
			used := after.TotalAlloc - before.TotalAlloc
			if used > uint64(cost)+512<<10 {
				t.Errorf("decoding %d bytes allocated %d bytes, the scan estimated %d", len(sh.data), used, cost)
			}
		})
	}
}

// TestCheckEncodingWriters: what the codecs write passes the scan, at
// every size of the suite (16 MiB outside -short), within the budget.
func TestCheckEncodingWriters(t *testing.T) {
	sizes := Sizes
	if testing.Short() {
		sizes = sizes[:len(sizes)-1]
	}
	for _, c := range Codecs {
		for _, p := range Payloads {
			for _, n := range sizes {
				b, err := c.Append(nil, NewMessage(p, n, 7))
				if err != nil {
					continue
				}
				cost, err := CheckEncoding(c, b)
				if err != nil {
					t.Errorf("%s/%s/%s: CheckEncoding = %v", c.Name(), p, SizeName(n), err)
				} else if cost > decodeBudget(int64(len(b))) {
					t.Errorf("%s/%s/%s: cost %d over the budget", c.Name(), p, SizeName(n), cost)
				}
			}
		}
	}
}

// TestSplitterGob: a gob stream sends each type once; the Splitter hands
// the decoder its types with the first message and reads each message
// of the stream whole.
func TestSplitterGob(t *testing.T) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	var msgs []*Message
	for i, p := range []Payload{Struct, Blob, Struct} {
		m := NewMessage(p, 3000, uint64(i))
		msgs = append(msgs, m)
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
	}
	sp := NewSplitter(Gob, &buf, Options{BufSize: 16})
	for i, want := range msgs {
		p, err := sp.Next()
		if err != nil {
			t.Fatalf("Next #%d = %v", i, err)
		}
		var m Message
		if err := sp.Unmarshal(p, &m); err != nil || !Equal(&m, want) {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if _, err := sp.Next(); err != io.EOF {
		t.Errorf("after the stream: %v, want io.EOF", err)
	}
}

// TestCheckEncodingManyItems: a message of 16,384 small items (4 times
// the suite's 1 MiB struct payload, 4 to 7 MB) passes the check in every
// codec. (The estimate's margin is widest for pickle: a pickle of small
// items passes up to about 7 MB.)
func TestCheckEncodingManyItems(t *testing.T) {
	one := NewMessage(Struct, 1<<20, 1)
	m := &Message{}
	for range 4 {
		m.Items = append(m.Items, one.Items...)
	}
	for _, c := range Codecs {
		b, err := c.Append(nil, m)
		if err != nil {
			continue
		}
		if _, err := CheckEncoding(c, b); err != nil {
			t.Errorf("%s: %d items in %d bytes: %v", c.Name(), len(m.Items), len(b), err)
		}
	}
}
