package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// utf8BOM is the byte-order mark that makes Excel read a CSV file as UTF-8, so
// Chinese headers and plan names show correctly.
const utf8BOM = "\uFEFF"

// WriteCSV writes a UTF-8 CSV table to w: a byte-order mark, the header row,
// then the rows, with CRLF line ends as Excel expects. It writes no comment line:
// Excel would show it as a data row, so provenance goes in the manifest.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("results: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("results: write csv: %w", err)
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("results: write csv: %w", err)
	}
	return nil
}

// csvNumber formats v for a CSV cell: the shortest decimal that round-trips,
// and an empty cell for NaN (missing).
func csvNumber(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
