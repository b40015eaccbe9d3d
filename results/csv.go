package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// utf8BOM is the byte-order mark that makes Excel read a CSV file as UTF-8, so
// Chinese headers and plan names show correctly.
const utf8BOM = "\uFEFF"

// WriteCSV writes a UTF-8 CSV table to w: a byte-order mark, the header row,
// then the rows, with CRLF line ends as Excel expects. It writes no comment line:
// Excel would show it as a data row, so provenance goes in the manifest.
// Every cell passes through SafeCell, so a label such as =HYPERLINK(…) is
// shown as text, not run as a formula.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("results: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	safe := func(row []string) []string {
		out := make([]string, len(row))
		for i, c := range row {
			out[i] = SafeCell(c)
		}
		return out
	}
	if err := cw.Write(safe(header)); err != nil {
		return fmt.Errorf("results: write csv: %w", err)
	}
	for _, r := range rows {
		if err := cw.Write(safe(r)); err != nil {
			return fmt.Errorf("results: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("results: write csv: %w", err)
	}
	return nil
}

// SafeCell neutralises spreadsheet formula injection (OWASP, "CSV
// injection"): a cell that starts with = + - @, a tab or a carriage return
// is prefixed with a single quote, so that Excel and LibreOffice show it as
// text instead of evaluating it. A cell that is a finite number (-0.5,
// +3, -1e-05) is left alone, so numeric columns stay numbers.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
	default:
		return s
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(s, "xXpP_") {
		return s
	}
	return "'" + s
}

// csvNumber formats v for a CSV cell: the shortest decimal that round-trips,
// and an empty cell for NaN (missing).
func csvNumber(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
