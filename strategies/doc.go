// Package strategies holds the codecs and framing strategies that framebench
// measures, their registries (Codecs, Strategies, Payloads, in report order)
// and the pieces they share: a read-ahead input buffer, a vectored writer and
// the error vocabulary.
//
// A codec turns a Message into bytes and back. A strategy puts those bytes on a
// byte stream and takes them off again: either with the codec's own streaming
// encoder and decoder (stream, buffered) or by framing each marshalled message
// (lenprefix, lenprefix-naive, varint, lenprefix-crc, newline, scanner,
// oneread, none and the peers msgio, msgio-varint and protodelim). Every framed reader enforces
// Options.MaxFrame before it allocates, and no option can take a reader
// past MaxSize. For untrusted input, CheckEncoding and Splitter scan an
// encoding before a library decodes it, holding its decoding to a budget
// and its numbers to a size (limits.go); the ValueCodecs' decoders do so
// always.
//
// Package strategytest is the conformance suite that every registry entry runs.
package strategies
