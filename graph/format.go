package graph

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format names a graph file format.
type Format int

// The formats the loaders read and the writers write. FormatAuto lets Decode
// sniff the content (binary snapshot, GraphML, GEXF, else an edge list) and
// LoadFile use the file's extension first.
const (
	FormatAuto     Format = iota
	FormatEdgeList        // whitespace edge list, SNAP and KONECT style
	FormatCSV             // CSV with a header row (the delimiter is detected)
	FormatTSV             // tab-separated values with a header row
	FormatGraphML         // GraphML as Gephi, NetworkX and igraph write it
	FormatGEXF            // GEXF 1.x, Gephi's own format
	FormatSnapshot        // ripple's binary snapshot (.rgraph)
)

var formatNames = [...]string{
	FormatAuto:     "auto",
	FormatEdgeList: "edgelist",
	FormatCSV:      "csv",
	FormatTSV:      "tsv",
	FormatGraphML:  "graphml",
	FormatGEXF:     "gexf",
	FormatSnapshot: "rgraph",
}

// String returns the format's name as ParseFormat accepts it.
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat returns the format named s, case-insensitively: "auto",
// "edgelist" (also "edges", "el", "txt", "snap"), "csv", "tsv", "graphml",
// "gexf" or "rgraph" (also "snapshot").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return FormatAuto, nil
	case "edgelist", "edges", "el", "txt", "snap":
		return FormatEdgeList, nil
	case "csv":
		return FormatCSV, nil
	case "tsv":
		return FormatTSV, nil
	case "graphml":
		return FormatGraphML, nil
	case "gexf":
		return FormatGEXF, nil
	case "rgraph", "snapshot":
		return FormatSnapshot, nil
	}
	return FormatAuto, fmt.Errorf("graph: unknown format %q (want auto, edgelist, csv, tsv, graphml, gexf or rgraph)", s)
}

// FormatFromPath returns the format implied by path's extension, ignoring a
// trailing ".gz" (see FormatFromExt), or an edge list for KONECT's
// "out.name" files, whose name has no other dot. An unknown extension gives
// FormatAuto, so that the content decides.
func FormatFromPath(path string) Format {
	if f := FormatFromExt(path); f != FormatAuto {
		return f
	}
	base := strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".gz")
	if rest, ok := strings.CutPrefix(base, "out."); ok && !strings.Contains(rest, ".") && !knownExt[rest] {
		return FormatEdgeList
	}
	return FormatAuto
}

// knownExt are extensions of files that are not graphs, which a KONECT
// name "out.X" never is: out.xlsx is a spreadsheet, not an edge list.
var knownExt = map[string]bool{
	"xlsx": true, "xls": true, "ods": true, "json": true, "xml": true, "html": true, "pdf": true,
	"png": true, "svg": true, "zip": true, "doc": true, "docx": true, "md": true, "dat": true,
}

// FormatFromExt returns the format named by path's extension alone,
// ignoring a trailing ".gz": .txt, .edges, .el, .edgelist and .snap are
// edge lists, .csv is CSV, .tsv and .tab are TSV, .graphml and .gexf are
// themselves and .rgraph is a snapshot; anything else gives FormatAuto.
// Writers use it: a file is only written in a format its name says.
func FormatFromExt(path string) Format {
	base := strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".gz")
	switch filepath.Ext(base) {
	case ".txt", ".edges", ".el", ".edgelist", ".snap":
		return FormatEdgeList
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".graphml":
		return FormatGraphML
	case ".gexf":
		return FormatGEXF
	case ".rgraph":
		return FormatSnapshot
	}
	return FormatAuto
}

// Set parses s into f, so that a *Format serves as a command-line flag
// value (flag.Value, pflag.Value).
func (f *Format) Set(s string) error {
	v, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Type names the flag's value type in usage text.
func (f *Format) Type() string { return "format" }
