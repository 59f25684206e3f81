package report

import (
	"cmp"
	"slices"
	"strings"

	"framebench/bench"
	"framebench/strategies"
)

// The report renders any results file, whatever names it holds, but it
// orders, groups and prefers the suite's names by the registries
// (strategies.Strategies, strategies.Codecs, bench.Transports and
// bench.Remote, strategies.Payloads) and by what their entries declare
// (strategies.Facts): this file is where it asks them, each time, so that
// a new entry takes its place with no edit here.

// registryOrder returns the names of key's registry in report order, nil
// for keys without one.
func registryOrder(key string) []string {
	var out []string
	switch key {
	case "bench":
		for _, b := range []string{bench.Stream, bench.PingPong, bench.Codec} {
			out = append(out, strings.TrimPrefix(b, "Benchmark"))
		}
	case "strategy":
		out = strategies.StrategyNames(func(strategies.Strategy) bool { return true })
	case "codec":
		for _, c := range strategies.Codecs {
			out = append(out, c.Name())
		}
	case "transport":
		for _, t := range append(slices.Clone(bench.Transports), bench.Remote) {
			out = append(out, t.Name)
		}
	case "payload":
		for _, p := range strategies.Payloads {
			out = append(out, string(p))
		}
	case "wire":
		out = append(out, wireBase)
		for _, p := range strategies.WritePaths {
			out = append(out, p.String())
		}
	}
	return out
}

// facts returns the facts of the registered strategy named s, and false
// for a name the registry does not know (a file from another version).
func facts(s string) (strategies.Facts, bool) {
	st, err := strategies.LookupStrategy(s)
	if err != nil {
		return strategies.Facts{}, false
	}
	return st.Facts(), true
}

// roleNames returns the strategies of role r, in registry order.
func roleNames(r strategies.Role) []string {
	return strategies.StrategyNames(func(s strategies.Strategy) bool { return s.Facts().Role == r })
}

// Peers returns the strategies of other libraries, measured side by side.
func Peers() []string { return roleNames(strategies.RolePeer) }

// The names the report treats apart: the baseline, the framing sweep's
// bytes, the reference length prefix and its checksummed sibling, the
// codec's own stream, and the transport of the codec sweep.
func noneName() string      { return strategies.None.Name() }
func rawName() string       { return strategies.Raw.Name() }
func lenPrefixName() string { return strategies.LenPrefix.Name() }
func crcName() string       { return strategies.LenPrefixCRC.Name() }
func streamName() string    { return strategies.Stream.Name() }
func pipeName() string      { return bench.Pipe.Name }

// sweepCodecs are the framing sweep's codecs (strategies.SweepCodecs), in
// the order that picks the codec representing a strategy in charts and the
// decision guide.
func sweepCodecs() []string {
	var out []string
	for _, c := range strategies.SweepCodecs() {
		out = append(out, c.Name())
	}
	return out
}

// Why the guide never recommends a strategy, by what it declares.
const (
	whyBaseline   = "no framing: the reader must know every message's size; it is the transport's ceiling, shown for reference"
	whyWholeReads = "one Read call per message is correct only while each message arrives in one read, which no stream promises"
)

// neverReason returns why the guide never recommends strategy s even where
// it did not break, or "": the baseline, and strategies that need every
// message in one read.
func neverReason(s string) string {
	f, ok := facts(s)
	switch {
	case !ok:
		return ""
	case f.Role == strategies.RoleBaseline:
		return whyBaseline
	case f.WholeReads:
		return whyWholeReads
	}
	return ""
}

// neverRecommended lists the strategies that neverReason excludes: the
// baselines, then the others, in registry order.
func neverRecommended() []string {
	out := roleNames(strategies.RoleBaseline)
	for _, s := range registryOrder("strategy") {
		if !slices.Contains(out, s) && neverReason(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// StrategyPreference returns the order in which the guide names one of
// several strategies the test cannot tell apart, from the registry's
// roles: the reference framings first (a length prefix: the least code,
// the standard library only, one write and no copy per message), then the
// strategies bound by their codec, then the peers' libraries, and last
// those that break by design; within each, one that bounds its frames
// before one that does not, then registry order. Strategies never
// recommended (neverReason) are left out.
func StrategyPreference() []string {
	type ranked struct {
		name         string
		group, index int
		unbounded    bool
	}
	var rs []ranked
	for i, s := range strategies.Strategies {
		f := s.Facts()
		if neverReason(s.Name()) != "" {
			continue
		}
		r := ranked{name: s.Name(), index: i}
		switch {
		case f.Breaks != nil:
			r.group = 3
		case f.Role == strategies.RoleReference:
			r.group = 0
		case f.Role == strategies.RoleCodecBound:
			r.group = 1
		default:
			r.group = 2
		}
		_, bounded := strategies.Limit(s, strategies.Options{})
		r.unbounded = !bounded
		rs = append(rs, r)
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.group, b.group), boolCmp(a.unbounded, b.unbounded), cmp.Compare(a.index, b.index))
	})
	var out []string
	for _, r := range rs {
		out = append(out, r.name)
	}
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// pitfallOrder sorts strategies as the codec-bound chart draws them: those
// that work first, then those that break by design, then those that need
// whole reads; registry order within each.
func pitfallOrder(ss []string) []string {
	rank := func(s string) int {
		f, _ := facts(s)
		switch {
		case f.WholeReads:
			return 2
		case f.Breaks != nil:
			return 1
		}
		return 0
	}
	out := slices.Clone(ss)
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}

// chartGroups split the strategies into charts of at most maxLines lines,
// by role: the project's length prefixes, the peer libraries (beside the
// first of them), and the strategies bound by their codec with the
// pitfalls. Strategies of no group are drawn in "other" charts.
func chartGroups() []chartGroup {
	ref := roleNames(strategies.RoleReference)
	peerRefs := []string{noneName()}
	if len(ref) > 0 {
		peerRefs = append(peerRefs, ref[0])
	}
	return []chartGroup{
		{"reference", "reference strategies", ref, []string{noneName()}, true},
		{"peers", "peer libraries", roleNames(strategies.RolePeer), peerRefs, true},
		{"codec", "codec-bound strategies and pitfalls", pitfallOrder(roleNames(strategies.RoleCodecBound)), []string{noneName()}, false},
	}
}
