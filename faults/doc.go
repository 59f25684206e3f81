// Package faults runs the fault campaign: for every strategy and codec that
// apply to each other, it damages a valid stream of messages in seeded,
// repeatable ways and counts what the reader does about it.
//
// The kinds of fault (Kinds), each a set of trials:
//
//   - bitflip: one bit flipped at a random offset of the stream (Config.Trials
//     trials, 10,000 by default);
//   - truncate: the stream cut at every offset;
//   - shortread: the intact stream read through iotest.OneByteReader,
//     iotest.HalfReader, iotest.DataErrReader and seeded random-chunk
//     readers, and written in random chunks through every in-process
//     transport of package bench, each chunk once the reader has read the
//     one before, so that the reads are the same in every run;
//   - hostile: a hostile header inserted at every message boundary: a
//     4-byte length of 2^32−1 (plain and with a valid lenprefix-crc header
//     checksum), varints of 2^63 and 2^64−1, an overlong varint, and a line
//     over the limit;
//   - recovery: one bad message of each Fault (a flipped bit, well-framed
//     garbage, a message over the reader's limit, a message cut in half)
//     between RecoverBefore and RecoverAfter good ones, read by one
//     reader: can it skip the bad message and go on? Recover tells one
//     such trial in full (Recovery), for the check command's recovery
//     table.
//
// For each trial the reader reads until io.EOF or until it gives up (on a
// transport: until the last message or the first error), and its output is
// compared with the messages that were sent. Each kind is counted apart,
// and each count has its denominator (Counts):
//
//   - detected (of the trials): the reader returned an error;
//   - hung (of the trials): the reader or its transport made no progress
//     for TransportDeadline, and the campaign stopped it; not detected;
//   - silent (of the trials): a message that was never sent arrived, with
//     no error for it;
//   - vanished (of the trials): no error, no wrong message, no hang, and
//     yet a message that was sent never arrived intact: the damaged
//     message (a bit flip's, a truncation's) or a good one;
//   - lost (of the good messages at risk, AtRisk): good messages, on the
//     stream and untouched by the fault, that never arrived intact; for
//     truncation, those wholly before the cut;
//   - resynced (of the harmed trials with good messages after the fault):
//     the fault did harm (an error, a wrong or vanished message, a hang)
//     and a good message after it still arrived intact.
//
// A trial can be both detected and silent. The campaign is deterministic:
// each pair's stream is the same bytes in every process (codecs encode
// deterministically), and each kind of trial of each pair draws from its
// own generator, seeded with Config.Seed and the names of the codec, the
// strategy and the kind (and of the chunk reader or transport), so that a
// campaign gives the same counts whatever its parallelism, its number of
// bit flips or the other kinds it runs.
package faults
