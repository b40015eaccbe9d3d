package graph

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// maxLine bounds one line of an edge list or CSV file.
const maxLine = 1 << 20

// decodeEdgeList reads a whitespace edge list as SNAP and KONECT write it:
// lines "u v" or "u v w" (further columns, such as KONECT timestamps, are
// ignored), '#' and '%' comment lines, blank lines, LF or CRLF ends. Names
// are the file's tokens, any UTF-8; tokens are separated by ASCII or Unicode
// white space (a full-width space U+3000 included). Either every edge line
// has a weight or none has. It costs O(n + m) time and one allocation per
// distinct name.
func decodeEdgeList(r io.Reader, name string, o LoadOptions) (*CSR, error) {
	l := newLoader(name, o)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), maxLine)
	var (
		fields   [][]byte
		line     int
		header   = o.Header
		weighted = -1 // unknown until the first edge line
	)
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, utf8BOM)
		}
		fields = splitFields(text, fields[:0])
		if len(fields) == 0 || fields[0][0] == '#' || fields[0][0] == '%' {
			continue
		}
		if header {
			header = false
			if err := checkHeader(fields); err != nil {
				return nil, &ParseError{File: name, Line: line, Field: "header", Err: err}
			}
			continue
		}
		if len(fields) < 2 {
			return nil, l.errorf(line, "target", "missing (want \"source target [weight]\")")
		}
		has := 0
		if len(fields) >= 3 && !o.IgnoreWeights {
			has = 1
		}
		if weighted < 0 {
			weighted = has
		} else if has != weighted {
			if has == 0 {
				return nil, l.errorf(line, "weight", "missing (earlier lines have one)")
			}
			return nil, l.errorf(line, "weight", "%q where earlier lines have none", fields[2])
		}
		if !l.named && l.numEdges() > 0 {
			for i, f := range fields[:2] {
				if mistypedNumber(f) {
					return nil, l.errorf(line, [...]string{"source", "target"}[i],
						"%q looks like a mistyped number: every node before it is a number (if names really mix numbers and words, give the file as CSV with a header)", f)
				}
			}
		}
		u, v := nodeIDs(l, fields[0], fields[1])
		if has == 0 {
			l.addEdge(u, v)
			continue
		}
		w, err := weight(l, fields[2])
		if err != nil {
			return nil, &ParseError{File: name, Line: line, Field: "weight", Err: err}
		}
		l.addWeightedEdge(u, v, w)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes", maxLine)
		}
		return nil, &ParseError{File: name, Line: line + 1, Err: err}
	}
	return l.build()
}

// mistypedNumber reports whether a node name starts like a decimal id but is
// not one ("152oo", "12,5", "7e3"): in a file of numeric ids it is a typo,
// not a new kind of name.
func mistypedNumber(f []byte) bool {
	if len(f) == 0 || f[0] < '0' || f[0] > '9' {
		return false
	}
	_, ok := canonicalUint(f)
	return !ok && len(f) <= 20
}

// checkHeader accepts the "n m" line of NetHEPT-style files.
func checkHeader(fields [][]byte) error {
	if len(fields) != 2 {
		return fmt.Errorf("want \"nodes edges\", got %d fields", len(fields))
	}
	for _, f := range fields {
		if _, err := strconv.ParseUint(string(f), 10, 64); err != nil {
			return fmt.Errorf("%q is not a count", f)
		}
	}
	return nil
}

// splitFields appends the white-space separated fields of line to dst. ASCII
// lines take a fast path; others are split at any Unicode space.
func splitFields(line []byte, dst [][]byte) [][]byte {
	i := 0
	for i < len(line) {
		for i < len(line) && asciiSpace(line[i]) {
			i++
		}
		start := i
		for i < len(line) && !asciiSpace(line[i]) {
			if line[i] >= utf8.RuneSelf {
				return append(dst[:0], bytes.FieldsFunc(line, unicode.IsSpace)...)
			}
			i++
		}
		if i > start {
			dst = append(dst, line[start:i])
		}
	}
	return dst
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// encodeEdgeList writes g as "u v" or "u v w" lines after a '#' comment
// giving the counts; an undirected graph writes each edge once, u < v by id.
// Names that an edge list cannot hold (empty, with white space, or starting
// with a comment character) are an error.
func encodeEdgeList(w io.Writer, g *CSR) error {
	if err := checkEdgeListLabels(g); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	kind := "directed"
	m := g.M()
	if !g.Directed() {
		kind = "undirected"
		m /= 2
	}
	fmt.Fprintf(bw, "# ripple edge list: %s, %d nodes, %d edges\n", kind, g.N(), m)
	var buf []byte
	for u := uint32(0); int(u) < g.N(); u++ {
		nbrs, ws := g.Out.Neighbors(u), g.Out.NeighborWeights(u)
		for j, v := range nbrs {
			if !g.Directed() && v < u {
				continue
			}
			buf = appendLabel(buf[:0], g, u)
			buf = append(buf, '\t')
			buf = appendLabel(buf, g, v)
			if ws != nil {
				buf = append(buf, '\t')
				buf = strconv.AppendFloat(buf, float64(ws[j]), 'g', -1, 32)
			}
			buf = append(buf, '\n')
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// appendLabel appends the name of u without allocating for graphs named
// by id.
func appendLabel(buf []byte, g *CSR, u uint32) []byte {
	if g.Labels().Names() == nil {
		return strconv.AppendUint(buf, uint64(u), 10)
	}
	return append(buf, g.Label(u)...)
}

func checkEdgeListLabels(g *CSR) error {
	names := g.Labels().Names()
	for _, s := range names {
		bad := s == "" || s[0] == '#' || s[0] == '%' || bytes.IndexFunc([]byte(s), unicode.IsSpace) >= 0 ||
			(len(s) >= len(utf8BOM) && s[:len(utf8BOM)] == string(utf8BOM))
		if bad {
			return fmt.Errorf("graph: node name %q cannot be written to an edge list (empty, white space or comment); use CSV, GraphML or GEXF", s)
		}
	}
	return nil
}
