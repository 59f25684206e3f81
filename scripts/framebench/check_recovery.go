package main

import (
	"fmt"
	"io"
	"strings"

	"framebench/faults"
	"framebench/report"
	"framebench/strategies"
)

// The check command's recovery table: what one reader does with one bad
// message between good ones (faults.Recover), per strategy, codec and fault.

func writeRecoveryText(w io.Writer, rs []faults.Recovery) error {
	fmt.Fprintf(w, "recovery: %d good messages, one bad one, %d good ones, read by one reader\n", faults.RecoverBefore, faults.RecoverAfter)
	for _, line := range recoverySummary(rs) {
		fmt.Fprintln(w, "  "+line)
	}
	fmt.Fprintln(w)
	g := &report.Grid{Header: []string{"strategy", "codec", "fault", "bad message", "after it", "reader", "error"}, Align: "lllllll"}
	for _, r := range rs {
		g.Rows = append(g.Rows, []string{r.Strategy, r.Codec, string(r.Fault), r.Bad(), r.Verdict(), readerWord(r), errOrEmpty(r.Err)})
	}
	return g.Text(w)
}

func readerWord(r faults.Recovery) string {
	if r.Stopped {
		return "gave up"
	}
	return "went on"
}

func errOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// recoverySummary says in sentences which strategies skip a bad message
// and go on, and which cannot, from the recovery results.
func recoverySummary(rs []faults.Recovery) []string {
	var goOn, resync, detect, cannot []string
	for _, s := range strategies.Strategies {
		var why string
		found, allDetect, allResync := false, true, true
		corrupt, truncated := 0, 0
		for _, r := range rs {
			if r.Strategy != s.Name() {
				continue
			}
			found = true
			switch r.Fault {
			case faults.Corrupt:
				corrupt++
				allDetect = allDetect && r.Detected
			case faults.Truncated:
				truncated++
				allResync = allResync && r.Arrived > 0
			}
			if r.Fault != faults.Truncated && !r.Recovers() && why == "" {
				why = fmt.Sprintf("%s (%s): %s after it", r.Fault, r.Codec, r.Verdict())
				if r.Stopped {
					why += ", the reader gave up"
				}
				if r.Err != nil {
					why += fmt.Sprintf(" (%v)", r.Err)
				}
			}
		}
		if !found {
			continue
		}
		if why == "" {
			goOn = append(goOn, s.Name())
		} else {
			cannot = append(cannot, s.Name()+" — "+why)
		}
		if allResync && truncated > 0 {
			resync = append(resync, s.Name())
		}
		if allDetect && corrupt > 0 {
			detect = append(detect, s.Name())
		}
	}
	lines := []string{
		"Skip a corrupt, garbage or oversized message and deliver every later one, with every codec: " + orNone(goOn) + ".",
		"Find their way back after a message cut short (resync): " + orNone(resync) + ".",
		"Detect a flipped bit in a payload with every codec: " + orNone(detect) + ".",
		"Cannot go on after a bad message:",
	}
	for _, c := range cannot {
		lines = append(lines, "  "+c)
	}
	return lines
}

func writeRecoveryMarkdown(w io.Writer, rs []faults.Recovery) error {
	fmt.Fprint(w, "## Recovery: can the same reader go on after a bad message?\n\n")
	fmt.Fprintf(w, "One reader reads %d good messages, one bad message and %d good ones (blobs of %d bytes, MaxFrame %d KiB), from memory. Faults: "+
		"`corrupt` flips a bit in the middle of the message; `garbage` sends a well-framed message of 0xff bytes (stream strategies get the bytes in its place); "+
		"`oversized` sends a %d KiB message to a reader whose limit is %d KiB (and bufio.Scanner's 64 KiB); `truncated` cuts the message in half and goes on with the next. "+
		"Each cell: what the reader did with the bad message (`error`, `silent`: a wrong message and no error, `accepted`: the message arrived as written) → what happened to the %d after it.\n\n",
		faults.RecoverBefore, faults.RecoverAfter, faults.RecoverSize, faults.RecoverMaxFrame>>10, faults.OversizedSize>>10, faults.RecoverMaxFrame>>10, faults.RecoverAfter)
	for _, line := range recoverySummary(rs) {
		if strings.HasPrefix(line, "  ") {
			fmt.Fprintln(w, "  - "+report.MarkdownText(strings.TrimSpace(line)))
		} else {
			fmt.Fprintln(w, "- "+report.MarkdownText(line))
		}
	}
	fmt.Fprintln(w)
	g := codecGrid(false, "strategy", "fault")
	for _, s := range strategies.Strategies {
		for _, f := range faults.Faults {
			cells, found := codecCells(func(codec string) string {
				for _, r := range rs {
					if r.Strategy == s.Name() && r.Codec == codec && r.Fault == f {
						if r.Stopped {
							return r.Bad() + " → " + r.Verdict() + ", gave up"
						}
						return r.Bad() + " → " + r.Verdict()
					}
				}
				return ""
			})
			if found {
				g.Rows = append(g.Rows, append([]string{s.Name(), string(f)}, cells...))
			}
		}
	}
	return g.Markdown(w)
}
