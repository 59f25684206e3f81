package strategies_test

import (
	"bytes"
	"errors"
	"testing"

	"framebench/strategies"
)

// stampSizes cross every boundary of the stamp layout: no stamp, a partial
// one, one at the end only, a first and a last, a stride and its edges.
var stampSizes = []int{0, 1, 5, 12, 15, 16, 17, 31, 32, 33, 300, 4095, 4096,
	strategies.StampStride - 1, strategies.StampStride, strategies.StampStride + 31, strategies.StampStride + 32,
	strategies.StampStride + 33, 65536, 65537, 1 << 20}

// TestSetSeqIsNewMessage: restamping a message gives exactly the message
// made with that number, and changes it at every size but 0.
func TestSetSeqIsNewMessage(t *testing.T) {
	for _, p := range strategies.Payloads {
		for _, n := range stampSizes {
			m := strategies.NewMessage(p, n, 0)
			m.SetSeq(1 << 40)
			m.SetSeq(12345)
			if !strategies.Equal(m, strategies.NewMessage(p, n, 12345)) {
				t.Errorf("%s/%d: NewMessage(0).SetSeq(12345) differs from NewMessage(12345)", p, n)
			}
			if err := strategies.CheckStamps(m, m, 12345); err != nil {
				t.Errorf("%s/%d: CheckStamps of the message itself = %v", p, n, err)
			}
			if n == 0 && p == strategies.Blob {
				continue
			}
			if strategies.Equal(m, strategies.NewMessage(p, n, 12344)) {
				t.Errorf("%s/%d: messages 12344 and 12345 are equal", p, n)
			}
			if err := strategies.CheckStamps(m, m, 12344); !errors.Is(err, strategies.ErrStamp) {
				t.Errorf("%s/%d: CheckStamps with the previous number = %v, want ErrStamp", p, n, err)
			}
		}
	}
}

// TestNoPeriod: no shift of a blob, or of a struct item's data, matches
// the blob itself: a slip of any size is never the same message.
func TestNoPeriod(t *testing.T) {
	blob := strategies.NewMessage(strategies.Blob, 64<<10, 9).Blob
	data := strategies.NewMessage(strategies.Struct, 1<<20, 9).Items[7].Data
	for _, b := range [][]byte{blob, data} {
		for d := 1; d < len(b); d++ {
			if bytes.Equal(b[d:], b[:len(b)-d]) {
				t.Fatalf("a %d-byte payload repeats with period %d", len(b), d)
			}
		}
	}
}

// damage is one way a message can arrive wrong. prev is the message sent
// just before got, of the same size.
type damage struct {
	name string
	do   func(got, prev *strategies.Message)
}

var blobDamages = []damage{
	{"zero the middle", func(m, _ *strategies.Message) { clear(m.Blob[16 : len(m.Blob)-1]) }},
	{"zero one stride", func(m, _ *strategies.Message) {
		clear(m.Blob[len(m.Blob)/2+1:][:strategies.StampStride])
	}},
	{"slip 26 bytes", func(m, _ *strategies.Message) { copy(m.Blob, m.Blob[26:]) }},
	{"slip a stride", func(m, _ *strategies.Message) { copy(m.Blob, m.Blob[strategies.StampStride:]) }},
	{"1-byte tail of the previous", func(m, p *strategies.Message) { m.Blob[len(m.Blob)-1] = p.Blob[len(p.Blob)-1] }},
	{"5000-byte tail of the previous", func(m, p *strategies.Message) {
		copy(m.Blob[len(m.Blob)-5000:], p.Blob[len(p.Blob)-5000:])
	}},
	{"the previous", func(m, p *strategies.Message) { copy(m.Blob, p.Blob) }},
	{"one byte short", func(m, _ *strategies.Message) { m.Blob = m.Blob[:len(m.Blob)-1] }},
}

var structDamages = []damage{
	{"swap items 3 and 5", func(m, _ *strategies.Message) { m.Items[3], m.Items[5] = m.Items[5], m.Items[3] }},
	{"zero the middle item's data", func(m, _ *strategies.Message) { clear(m.Items[len(m.Items)/2].Data) }},
	{"zero the middle item", func(m, _ *strategies.Message) { m.Items[len(m.Items)/2] = strategies.Item{} }},
	{"the previous middle item", func(m, p *strategies.Message) { m.Items[len(m.Items)/2] = p.Items[len(p.Items)/2] }},
	{"the previous last item's data", func(m, p *strategies.Message) { copy(m.Items[len(m.Items)-1].Data, p.Items[len(p.Items)-1].Data) }},
	{"an item short", func(m, _ *strategies.Message) { m.Items = m.Items[:len(m.Items)-1] }},
}

// TestCheckStampsCatches: every damage of the issue that found the gap
// (zeroed middles, a 26-byte slip, a stale tail, swapped items) is caught
// by the check of the timed loop, and Equal agrees.
func TestCheckStampsCatches(t *testing.T) {
	for _, tc := range []struct {
		p       strategies.Payload
		size    int
		damages []damage
	}{
		{strategies.Blob, 64 << 10, blobDamages},
		{strategies.Blob, 1 << 20, blobDamages},
		{strategies.Struct, 4 << 10, structDamages},
		{strategies.Struct, 1 << 20, structDamages},
	} {
		for _, d := range tc.damages {
			const seq = 41
			want := strategies.NewMessage(tc.p, tc.size, seq)
			got := strategies.NewMessage(tc.p, tc.size, seq)
			d.do(got, strategies.NewMessage(tc.p, tc.size, seq-1))
			if err := strategies.CheckStamps(got, want, seq); !errors.Is(err, strategies.ErrStamp) {
				t.Errorf("%s/%d, %s: CheckStamps = %v, want ErrStamp", tc.p, tc.size, d.name, err)
			}
			if strategies.Equal(got, want) {
				t.Errorf("%s/%d, %s: Equal = true", tc.p, tc.size, d.name)
			}
		}
	}
}

// TestCheckStampsLimit states what the stamps do not see: one byte
// changed between two stamps. Equal, run on the messages before the timed
// loop and on the last one, sees it.
func TestCheckStampsLimit(t *testing.T) {
	want := strategies.NewMessage(strategies.Blob, 64<<10, 3)
	got := strategies.NewMessage(strategies.Blob, 64<<10, 3)
	got.Blob[strategies.StampStride+100] ^= 1
	if err := strategies.CheckStamps(got, want, 3); err != nil {
		t.Errorf("CheckStamps = %v; a byte between stamps is not among what it reads", err)
	}
	if strategies.Equal(got, want) {
		t.Errorf("Equal = true for a changed byte")
	}
}

// TestStampsAllocate: SetSeq and a passing CheckStamps allocate nothing.
func TestStampsAllocate(t *testing.T) {
	for _, p := range strategies.Payloads {
		m := strategies.NewMessage(p, 1<<20, 1)
		seq := uint64(1)
		if n := testing.AllocsPerRun(20, func() { seq++; m.SetSeq(seq) }); n != 0 {
			t.Errorf("%s: SetSeq allocates %v times", p, n)
		}
		if n := testing.AllocsPerRun(20, func() {
			if strategies.CheckStamps(m, m, seq) != nil {
				t.Fatal("CheckStamps failed")
			}
		}); n != 0 {
			t.Errorf("%s: CheckStamps allocates %v times", p, n)
		}
	}
}

// BenchmarkStamps measures, in memory, what the stamps cost per message:
// step=set is SetSeq (the writer's side, inside every timed loop) and
// step=check is CheckStamps (the reader's). BenchmarkCheck in package bench
// measures the check in place, on a transport.
//
//	go test ./strategies -run '^$' -bench BenchmarkStamps -count 6 | go tool benchstat -col /step -row /size@num -table /payload -
func BenchmarkStamps(b *testing.B) {
	for _, p := range strategies.Payloads {
		b.Run("payload="+string(p), func(b *testing.B) {
			for _, n := range strategies.Sizes {
				b.Run("size="+strategies.SizeName(n), func(b *testing.B) {
					m := strategies.NewMessage(p, n, 1)
					want := strategies.NewMessage(p, n, 1)
					b.Run("step=set", func(b *testing.B) {
						b.ReportAllocs()
						for i := range b.N {
							m.SetSeq(uint64(i))
						}
					})
					m.SetSeq(1)
					b.Run("step=check", func(b *testing.B) {
						b.ReportAllocs()
						for range b.N {
							if err := strategies.CheckStamps(m, want, 1); err != nil {
								b.Fatal(err)
							}
						}
					})
				})
			}
		})
	}
}
