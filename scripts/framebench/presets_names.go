package main

import (
	"strings"

	"framebench/bench"
	"framebench/strategies"
)

// presetNames are the levels of the presets' regexps, each drawn from the
// registries by what their entries declare (strategies.Facts, the codecs'
// and transports' facts), in registry order; a sample the presets take on
// purpose names its entries by value.
type presetNames struct {
	raw, gob, lenprefix, pipe, remote string
	// framing: the codecs of the framing slices, the first two of
	// strategies.SweepCodecs: raw, and the first self-delimiting codec,
	// so that stream and buffered run there too (gob).
	framing string
	// streamSample: the sweep codecs but raw, for the strategies bound by
	// a codec: the first self-delimiting and the first newline-free one.
	streamSample string
	// sweep: every codec the framing slices leave out.
	sweep string
	// newlineFree: the codecs without raw newlines; lines: the strategies
	// that need them.
	newlineFree, lines string
	// codecBound: the strategies bound by a codec that survive short reads.
	codecBound string
	// codecSweep: the strategies that frame nothing (the codec's stream)
	// and lenprefix, the reference framing, beside them.
	codecSweep string
	// pingQuick, pingStd: the round-trip samples.
	pingQuick, pingStd string
	// speed: the transports of the speed slices, every bare transport
	// that may split a write (pipes and sockets); otherTransports: the rest.
	speed, otherTransports string
}

func names() presetNames {
	var n presetNames
	sweep := strategies.SweepCodecs() // raw, gob, json
	framing := sweep[:2]
	n.raw, n.gob = alt(sweep[0].Name()), alt(sweep[1].Name())
	n.lenprefix, n.pipe, n.remote = alt(strategies.LenPrefix.Name()), alt(bench.Pipe.Name), alt(bench.Remote.Name)
	n.framing = alt(codecNames(framing, all[strategies.Codec])...)
	n.streamSample = alt(codecNames(sweep[1:], all[strategies.Codec])...)
	n.sweep = alt(codecNames(strategies.Codecs, func(c strategies.Codec) bool { return !contains(framing, c) })...)
	n.newlineFree = alt(codecNames(strategies.Codecs, strategies.Codec.NewlineFree)...)
	n.lines = alt(strategies.StrategyNames(func(s strategies.Strategy) bool { return s.Facts().NewlineFree })...)
	n.codecBound = alt(strategies.StrategyNames(func(s strategies.Strategy) bool {
		return s.Facts().Role == strategies.RoleCodecBound && strategies.ShortReadSafe(s)
	})...)
	n.codecSweep = alt(strategies.StrategyNames(func(s strategies.Strategy) bool {
		return strategies.Frames(s) == nil || s == strategies.LenPrefix
	})...)
	n.pingQuick = alt(strategies.StrategyNames(func(s strategies.Strategy) bool { return s == strategies.LenPrefix || s == strategies.None })...)
	n.pingStd = alt(strategies.StrategyNames(func(s strategies.Strategy) bool {
		return s == strategies.LenPrefix || s == strategies.Varint || s == strategies.None || s == strategies.Msgio
	})...)
	speed := func(t bench.Transport) bool { return !t.Echo && !t.WholeWrites && !t.LatencyOnly }
	n.speed = alt(transportNames(speed)...)
	n.otherTransports = alt(transportNames(func(t bench.Transport) bool { return !speed(t) && !t.LatencyOnly })...)
	return n
}

// alt is a regexp level that matches exactly the names given: "x$", or
// "(a|b)$" (names need no quoting: they are lowercase words and '-').
func alt(names ...string) string {
	if len(names) == 1 {
		return names[0] + "$"
	}
	return "(" + strings.Join(names, "|") + ")$"
}

func all[T any](T) bool { return true }

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func codecNames(cs []strategies.Codec, keep func(strategies.Codec) bool) []string {
	var out []string
	for _, c := range cs {
		if keep(c) {
			out = append(out, c.Name())
		}
	}
	return out
}

func transportNames(keep func(bench.Transport) bool) []string {
	var out []string
	for _, t := range bench.Transports {
		if keep(t) {
			out = append(out, t.Name)
		}
	}
	return out
}
