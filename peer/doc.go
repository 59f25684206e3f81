// Package peer puts framebench's strategies and codecs at the end of a pipe,
// a process boundary or a TCP connection: it receives messages and writes
// them as JSON lines (Recv), sends JSON lines as messages (Send), echoes
// messages back (Echo) and serves the echo over TCP (Serve, Dial). It is
// the library behind "framebench peer" (see Usage), the far end of the
// benchmarks' proc and remote transports, and what CPython talks to in the
// interop tests (scripts/pypeer.py is its Python twin).
//
// Two kinds of item travel. Generic values, for the codecs that are a
// strategies.ValueCodec (json, pickle, msgpack, cbor): nil, bool, int64,
// *big.Int, float64, string, []byte, []any and map[string]any, mapped to
// JSON lines by AppendJSON and ParseJSON. And, in messages mode
// (Config.Messages, the only mode of gob, protobuf and raw), the suite's
// strategies.Message.
//
// The seed's fix, byte for byte, is strategy lenprefix with codec pickle:
//
//	$ printf '%s\n' '{"a": [1, 2.5, "ü", 123456789012345678901234567890]}' |
//	    framebench peer send -strategy lenprefix -codec pickle |
//	    python3 scripts/pypeer.py recv -strategy lenprefix
//	{"a": [1, 2.5, "\u00fc", 123456789012345678901234567890]}
//
// Bad input never panics: a message is at most Options.MaxFrame bytes,
// and is checked before a library decodes it (strategies.CheckEncoding,
// strategies.Splitter): its decoding may take at most
// strategies.DecodeRatio times its size plus strategies.DecodeSlack, and
// its integers at most strategies.MaxIntDigits digits. Errors are one line
// naming the strategy, the message index and the byte offset
// (*strategies.FrameError, or *LineError for the JSON lines of Send). With
// Config.Skip the strategies that can find the next frame (Resyncing) drop
// a bad message and go on. ServeLimits bounds what the clients of a serve
// peer take together (Limits).
package peer
