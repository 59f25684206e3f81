package report

import "strings"

// The report's Markdown is written in two layers: cells and lines that
// are markup on purpose (bold, code spans, links) and plain text that
// must show as it is (benchmark keys, error messages). A Grid's Markdown
// escapes only what breaks a table, the pipes, in every cell; plain text
// goes through MarkdownText or MarkdownCode first. These are the only
// Markdown escapers of the project.

// mdText escapes the characters that Markdown reads as syntax inline.
var mdText = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "\r\n", " ", "\n", " ", "\r", " ")

// MarkdownText returns s as Markdown that shows s as it is, on one line,
// in a paragraph or, once its pipes are escaped (a Grid does that), in a
// table cell.
func MarkdownText(s string) string { return mdText.Replace(s) }

// MarkdownCode returns s as a code span on one line: backquotes become
// quotes (a span cannot hold them simply), line breaks spaces; "" stays
// "". Pipes are left for a Grid, or the caller, to escape.
func MarkdownCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.NewReplacer("`", "'", "\r\n", " ", "\n", " ", "\r", " ").Replace(s) + "`"
}

// mdPipes escapes a cell's pipes: a Grid's cells are markup, whose only
// character that breaks a table is the pipe.
func mdPipes(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
