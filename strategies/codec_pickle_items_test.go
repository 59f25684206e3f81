package strategies

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"testing"

	ogórek "github.com/kisielk/og-rek"
)

// ogrekItem and ogrekPart are Item and Part as og-rek writes them with its
// own struct encoder, whose key order changes from call to call.
type ogrekItem struct {
	ID     int64        `pickle:"id"`
	Name   string       `pickle:"name"`
	Score  float64      `pickle:"score"`
	Active bool         `pickle:"active"`
	Tags   []string     `pickle:"tags"`
	Data   ogórek.Bytes `pickle:"data"`
	Parts  []ogrekPart  `pickle:"parts"`
}

type ogrekPart struct {
	Key   string `pickle:"key"`
	Value int64  `pickle:"value"`
}

// countWriter counts Write calls.
type countWriter struct {
	bytes.Buffer
	writes int
}

func (w *countWriter) Write(p []byte) (int, error) { w.writes++; return w.Buffer.Write(p) }

// ogrek returns og-rek's pickle of v without its PROTO and STOP: the piece
// that og-rek would write for v inside a larger value.
func ogrek(t *testing.T, v any) []byte {
	var w bytes.Buffer
	if err := ogórek.NewEncoderWithConfig(&w, pickleConfig).Encode(v); err != nil {
		t.Fatal(err)
	}
	return w.Bytes()[2 : w.Len()-1]
}

// pickleItemsTestMessage holds every argument form: small, 2-byte, 4-byte,
// negative and text integers, short and long strings and bytes, empty lists.
func pickleItemsTestMessage() *Message {
	long := bytes.Repeat([]byte("é"), 200)
	return &Message{Items: []Item{
		{ID: 1 << 52, Name: "item-0", Score: 1.5, Active: true, Tags: []string{"alpha", "beta"}, Data: []byte("abc"),
			Parts: []Part{{"x", 7}, {"y", -7}, {"z", 300}, {"w", 70000}, {"v", -1 << 40}}},
		{ID: 5, Name: string(long), Score: -0.25, Data: long},
	}}
}

// TestPickleItemsAsOgRek: the writer writes what og-rek writes, piece by
// piece, with the keys in their fixed order, and in as many Write calls.
func TestPickleItemsAsOgRek(t *testing.T) {
	m := pickleItemsTestMessage()
	m.Items = append(m.Items, NewMessage(Struct, 64<<10, 1<<39).Items...)
	want := []byte{pkProto, 4, pkMark}
	ogItems := make([]ogrekItem, len(m.Items))
	for i, it := range m.Items {
		want = append(want, pkMark)
		want = append(append(append(want, ogrek(t, "id")...), ogrek(t, it.ID)...), ogrek(t, "name")...)
		want = append(append(append(want, ogrek(t, it.Name)...), ogrek(t, "score")...), ogrek(t, it.Score)...)
		want = append(append(append(want, ogrek(t, "active")...), ogrek(t, it.Active)...), ogrek(t, "tags")...)
		want = append(append(append(want, ogrek(t, it.Tags)...), ogrek(t, "data")...), ogrek(t, ogórek.Bytes(it.Data))...)
		want = append(want, ogrek(t, "parts")...)
		var parts []ogrekPart
		if len(it.Parts) == 0 {
			want = append(want, pkEmptyList)
		} else {
			want = append(want, pkMark)
			for _, p := range it.Parts {
				want = append(append(append(append(append(want, pkMark), ogrek(t, "key")...), ogrek(t, p.Key)...), ogrek(t, "value")...), ogrek(t, p.Value)...)
				want = append(want, pkDict)
				parts = append(parts, ogrekPart(p))
			}
			want = append(want, pkList)
		}
		want = append(want, pkDict)
		ogItems[i] = ogrekItem{it.ID, it.Name, it.Score, it.Active, it.Tags, ogórek.Bytes(it.Data), parts}
	}
	want = append(want, pkList, pkStop)

	var got, og countWriter
	if err := Pickle.NewEncoder(&got).Encode(m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the items' pickle differs from og-rek's pieces in the fixed order:\n got %q\nwant %q", got.Bytes()[:200], want[:200])
	}
	if err := ogórek.NewEncoderWithConfig(&og, pickleConfig).Encode(ogItems); err != nil {
		t.Fatal(err)
	}
	if got.writes != og.writes || got.Len() != og.Len() {
		t.Errorf("%d writes of %d bytes; og-rek makes %d writes of %d bytes", got.writes, got.Len(), og.writes, og.Len())
	}
	var back Message
	if err := Pickle.Unmarshal(got.Bytes(), &back); err != nil || !Equal(&back, m) {
		t.Errorf("og-rek decodes the items' pickle as %v, %v", len(back.Items), err)
	}
}

// pickleGolden is the pickle of pickleItemsTestMessage's first item, byte
// for byte: a change of the encoding must be deliberate.
const pickleGolden = "\x80\x04((\x8c\x02idI4503599627370496\n\x8c\x04name\x8c\x06item-0\x8c\x05scoreG?\xf8\x00\x00\x00\x00\x00\x00" +
	"\x8c\x06active\x88\x8c\x04tags(\x8c\x05alpha\x8c\x04betal\x8c\x04dataC\x03abc\x8c\x05parts((\x8c\x03key\x8c\x01x\x8c\x05valueK\x07d" +
	"(\x8c\x03key\x8c\x01y\x8c\x05valueJ\xf9\xff\xff\xffd(\x8c\x03key\x8c\x01z\x8c\x05valueM,\x01d(\x8c\x03key\x8c\x01w\x8c\x05valueJp\x11\x01\x00d" +
	"(\x8c\x03key\x8c\x01v\x8c\x05valueI-1099511627776\ndldl."

func TestPickleItemsGolden(t *testing.T) {
	m := pickleItemsTestMessage()
	m.Items = m.Items[:1]
	got, err := Pickle.Append(nil, m)
	if err != nil || string(got) != pickleGolden {
		t.Errorf("pickle of the golden message = %q, %v\nwant %q", got, err, pickleGolden)
	}
}

// TestPickleDeterministic: the same struct message is the same bytes in
// every call and in every process (og-rek's own struct encoder ranges over
// a map, whose order changes with both).
func TestPickleDeterministic(t *testing.T) {
	encode := func() string {
		b, err := Pickle.Append(nil, NewMessage(Struct, 16<<10, 3))
		if err != nil {
			t.Fatal(err)
		}
		return hex.EncodeToString(b)
	}
	if os.Getenv("FRAMEBENCH_PICKLE_CHILD") != "" {
		fmt.Print(encode())
		return
	}
	want := encode()
	for range 20 {
		if encode() != want {
			t.Fatal("two encodings of one message in one process differ")
		}
	}
	for i := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPickleDeterministic$")
		cmd.Env = append(os.Environ(), "FRAMEBENCH_PICKLE_CHILD=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child process %d: %v", i, err)
		}
		if got := string(bytes.TrimSuffix(out, []byte("PASS\n"))); got != want {
			t.Errorf("child process %d encoded the message differently (%d hex digits, want %d)", i, len(got), len(want))
		}
	}
}
