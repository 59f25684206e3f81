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
//     iotest.HalfReader and seeded random-chunk readers, and written in
//     random chunks through every in-process transport of package bench;
//   - hostile: a hostile header inserted at every message boundary: a
//     4-byte length of 2^32−1 (plain and with a valid lenprefix-crc header
//     checksum), varints of 2^63 and 2^64−1, an overlong varint, and a line
//     over the limit.
//
// For each trial the reader reads until io.EOF or until it gives up, and
// its output is compared with the messages that were sent:
//
//   - detected: the reader returned an error;
//   - silent: a message arrived that was never sent, with no error;
//   - lost: good messages the fault did not touch that never arrived intact
//     (summed over trials; for truncation, only those before the cut count);
//   - resynced: the fault did harm (an error or a wrong message) and good
//     messages after it still arrived intact.
//
// A trial can be both detected and silent. Trials are independent and
// seeded per strategy and codec (Config.Seed), so a campaign gives the
// same counts whatever its parallelism, except where the result depends
// on how a real transport splits the data: oneread's shortread trials on
// transports.
package faults
