package graph

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// NodeAttr is a per-vertex number written as a node attribute by the GraphML
// and GEXF writers, for example each person's activation probability, so that
// Gephi can colour or size nodes by it. Values[u] belongs to vertex u.
type NodeAttr struct {
	Name   string
	Values []float64
}

// Encode writes g to w in format f: an edge list, CSV, TSV, GraphML, GEXF or
// the binary snapshot. Node names are preserved. Attributes are written by
// GraphML and GEXF only; passing them for another format, or an attribute
// whose length is not g.N(), is an error. Encode does not compress.
//
// Every format but the snapshot writes an undirected edge once. Edge lists
// and CSV record neither the direction (load them with Undirected) nor
// isolated vertices; GraphML, GEXF and the snapshot give back the same CSR,
// id for id. Edge lists cannot hold names that are empty or contain white
// space; Encode reports them rather than write an ambiguous file. CSV
// starts with a UTF-8 byte-order mark, so that Excel reads it as UTF-8;
// TSV does not.
func Encode(w io.Writer, g *CSR, f Format, attrs ...NodeAttr) error {
	if len(attrs) > 0 && f != FormatGraphML && f != FormatGEXF {
		return fmt.Errorf("graph: format %v cannot hold node attributes", f)
	}
	seen := make(map[string]bool, len(attrs))
	for _, a := range attrs {
		if len(a.Values) != g.N() {
			return fmt.Errorf("graph: node attribute %q has %d values for %d nodes", a.Name, len(a.Values), g.N())
		}
		if a.Name == "" || seen[a.Name] {
			return fmt.Errorf("graph: node attribute name %q is empty or repeated", a.Name)
		}
		seen[a.Name] = true
	}
	if err := checkLabels(g, f); err != nil {
		return err
	}
	switch f {
	case FormatEdgeList:
		return encodeEdgeList(w, g)
	case FormatCSV:
		return encodeCSV(w, g, ',')
	case FormatTSV:
		return encodeCSV(w, g, '\t')
	case FormatGraphML:
		return encodeGraphML(w, g, attrs)
	case FormatGEXF:
		return encodeGEXF(w, g, attrs)
	case FormatSnapshot:
		return encodeSnapshot(w, g)
	}
	return fmt.Errorf("graph: cannot write format %v", f)
}

// checkLabels reports a node name that format f cannot hold faithfully,
// so that reading the file back would not give the same name: one that is
// not valid UTF-8 (every text reader refuses it), a line end in CSV or
// TSV (a quoted CR LF reads back as LF), a character that XML 1.0 forbids
// (control characters but tab, LF and CR) in GraphML and GEXF. The
// snapshot holds any bytes.
func checkLabels(g *CSR, f Format) error {
	if f == FormatSnapshot {
		return nil
	}
	for u, s := range g.Labels().Names() {
		bad := ""
		switch {
		case !utf8.ValidString(s):
			bad = "is not valid UTF-8"
		case (f == FormatCSV || f == FormatTSV) && strings.ContainsAny(s, "\r\n"):
			bad = "holds a line end"
		case (f == FormatGraphML || f == FormatGEXF) && strings.IndexFunc(s, notXMLChar) >= 0:
			bad = "holds a control character that XML cannot carry"
		}
		if bad != "" {
			return fmt.Errorf("graph: node %d: name %q %s, so %v would not keep it; write a .rgraph snapshot instead", u, s, bad, f)
		}
	}
	return nil
}

// notXMLChar reports whether r is outside XML 1.0's Char production.
func notXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF, r > 0x10FFFF:
		return true
	}
	return false
}

// SaveFile writes g to path in the format its extension names (see
// FormatFromExt; an unknown one is an error), gzip-compressed when the name ends in ".gz". It writes
// to a temporary file in the same directory and renames it into place, so
// path holds either its old content or the complete new graph, never a
// partial one.
func SaveFile(path string, g *CSR, attrs ...NodeAttr) (err error) {
	f := FormatFromExt(path)
	if f == FormatAuto {
		return fmt.Errorf("graph: %s: unknown extension (want .txt, .edges, .csv, .tsv, .graphml, .gexf or .rgraph, optionally .gz)", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("graph: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	var w io.Writer = bw
	var zw *gzip.Writer
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	if err = Encode(w, g, f, attrs...); err != nil {
		return err
	}
	if zw != nil {
		err = zw.Close()
	}
	err = errors.Join(err, bw.Flush(), tmp.Chmod(0o644), tmp.Sync())
	if err == nil {
		err = tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("graph: %s: %w", path, err)
	}
	return nil
}
