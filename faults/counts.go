package faults

// Counts are the outcomes of a set of trials of one kind. Each column has
// its denominator: Detected, Hung, Silent and Vanished count trials, out of
// Trials; Lost counts messages, out of AtRisk; Resynced counts trials, out
// of Harmed. A trial can be both detected and silent; a vanished trial is
// neither, nor hung.
type Counts struct {
	// Trials is the number of trials.
	Trials int
	// Detected: trials in which the reader returned an error (a trial
	// stopped as hung is not detected).
	Detected int
	// Hung: trials that the campaign stopped because the reader or its
	// transport made no progress for TransportDeadline.
	Hung int
	// Silent: trials in which a message that was never sent arrived, with
	// no error for it.
	Silent int
	// Vanished: trials with no error, no wrong message and no hang in
	// which a message that was sent never arrived intact: the damaged
	// message itself, or a good one. Nothing told the reader.
	Vanished int
	// Lost: good messages (on the stream and untouched by the fault) that
	// never arrived intact, summed over the trials.
	Lost int
	// AtRisk: the good messages of the trials, summed: Lost's denominator.
	AtRisk int
	// Resynced: trials in which the fault did harm (an error, a wrong or
	// vanished message, a hang) and a good message after it still arrived
	// intact.
	Resynced int
	// Harmed: trials in which the fault did harm and good messages followed
	// it on the stream: Resynced's denominator.
	Harmed int
}

// Add adds o's counts to c.
func (c *Counts) Add(o Counts) {
	c.Trials += o.Trials
	c.Detected += o.Detected
	c.Hung += o.Hung
	c.Silent += o.Silent
	c.Vanished += o.Vanished
	c.Lost += o.Lost
	c.AtRisk += o.AtRisk
	c.Resynced += o.Resynced
	c.Harmed += o.Harmed
}

// add counts one trial.
func (c *Counts) add(t outcome) {
	c.Trials++
	c.Detected += b2i(t.detected)
	c.Hung += b2i(t.hung)
	c.Silent += b2i(t.silent)
	c.Vanished += b2i(t.vanished)
	c.Lost += t.lost
	c.AtRisk += t.atRisk
	c.Resynced += b2i(t.resynced)
	c.Harmed += b2i(t.harmed)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Row is the campaign's result for one strategy and codec.
type Row struct {
	Codec, Strategy string
	// ByKind holds the counts of each kind, in the order of Kinds.
	ByKind [numKinds]Counts
}

// Kind returns the counts of kind k.
func (r *Row) Kind(k Kind) Counts {
	for i, kk := range Kinds {
		if kk == k {
			return r.ByKind[i]
		}
	}
	return Counts{}
}

// Total returns the counts of every kind added together. The kinds have
// different numbers of trials (truncation has one per byte of the stream),
// so a share of a total means little: use totals for counts that should
// be zero.
func (r *Row) Total() Counts {
	var t Counts
	for _, c := range r.ByKind {
		t.Add(c)
	}
	return t
}
