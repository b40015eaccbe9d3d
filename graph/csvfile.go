package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// utf8BOM is the byte-order mark that Excel puts in front of UTF-8 files.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// Default CSV column names, matched case-insensitively.
var (
	sourceColumns = []string{"source", "src", "from"}
	targetColumns = []string{"target", "dst", "to"}
	weightColumns = []string{"weight"}
)

// decodeCSV reads a delimited file whose first row names the columns, as
// Excel, Gephi's data laboratory and pandas write it: a UTF-8 BOM and CRLF
// line ends are tolerated, fields may be quoted. The source, target and
// weight columns are the ones o names, else the default names, else the
// first two columns (and no weight).
func decodeCSV(br *bufio.Reader, name string, o LoadOptions) (*CSR, error) {
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	comma := o.Comma
	if comma == 0 {
		comma = detectComma(br)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = comma != '\t'
	l := newLoader(name, o)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{File: name, Err: ErrNoEdges}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = strings.TrimSpace(h)
	}
	src, dst, wcol, err := csvColumns(cols, o)
	if err != nil {
		return nil, &ParseError{File: name, Line: 1, Field: "header", Err: err}
	}
	need := max(src, dst, wcol) + 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) < need {
			missing := []int{src, dst, wcol}[slices.IndexFunc([]int{src, dst, wcol}, func(c int) bool { return c >= len(rec) })]
			return nil, l.errorf(line, cols[missing], "missing (the row has %d fields, the header %d)", len(rec), len(cols))
		}
		if rec[src] == "" {
			return nil, l.errorf(line, cols[src], "empty node name")
		}
		if rec[dst] == "" {
			return nil, l.errorf(line, cols[dst], "empty node name")
		}
		u, v := nodeID(l, rec[src]), nodeID(l, rec[dst])
		if wcol < 0 {
			l.addEdge(u, v)
			continue
		}
		w, err := weight(l, rec[wcol])
		if err != nil {
			return nil, &ParseError{File: name, Line: line, Field: cols[wcol], Err: err}
		}
		l.addWeightedEdge(u, v, w)
	}
	return l.build()
}

// detectComma picks the delimiter of the header row: a tab or a semicolon
// (Excel in locales with a decimal comma) when the row has one and no comma.
func detectComma(br *bufio.Reader) rune {
	head, _ := br.Peek(4096)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	switch {
	case bytes.IndexByte(head, ',') >= 0:
		return ','
	case bytes.IndexByte(head, '\t') >= 0:
		return '\t'
	case bytes.IndexByte(head, ';') >= 0:
		return ';'
	}
	return ','
}

// csvColumns finds the source, target and weight columns (weight -1: none).
func csvColumns(cols []string, o LoadOptions) (src, dst, w int, err error) {
	find := func(field, want string, defaults []string) (int, error) {
		if want != "" {
			for i, c := range cols {
				if strings.EqualFold(c, want) {
					return i, nil
				}
			}
			return -1, fmt.Errorf("%s column %q not in header %q", field, want, cols)
		}
		for _, d := range defaults {
			for i, c := range cols {
				if strings.EqualFold(c, d) {
					return i, nil
				}
			}
		}
		return -1, nil
	}
	if src, err = find("source", o.Source, sourceColumns); err != nil {
		return
	}
	if dst, err = find("target", o.Target, targetColumns); err != nil {
		return
	}
	w = -1
	if !o.IgnoreWeights {
		if w, err = find("weight", o.Weight, weightColumns); err != nil {
			return
		}
	}
	switch {
	case src < 0 && dst < 0:
		src, dst = 0, 1
	case src < 0 || dst < 0:
		return 0, 0, 0, fmt.Errorf("found only one of the source and target columns in header %q; name both", cols)
	}
	if len(cols) < 2 || dst >= len(cols) {
		return 0, 0, 0, fmt.Errorf("want at least two columns, header has %q", cols)
	}
	if src == dst || src == w || dst == w {
		return 0, 0, 0, fmt.Errorf("source, target and weight must be distinct columns of %q", cols)
	}
	return src, dst, w, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.Line, Field: "csv", Err: pe.Err}
	}
	return &ParseError{File: name, Err: err}
}

// encodeCSV writes g as a "source,target[,weight]" table, each undirected
// edge once.
func encodeCSV(w io.Writer, g *CSR, comma rune) error {
	cw := csv.NewWriter(w)
	cw.Comma = comma
	rec := []string{"source", "target"}
	if g.Weighted() {
		rec = append(rec, "weight")
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for u := uint32(0); int(u) < g.N(); u++ {
		ws := g.Out.NeighborWeights(u)
		for j, v := range g.Out.Neighbors(u) {
			if !g.Directed() && v < u {
				continue
			}
			rec[0], rec[1] = g.Label(u), g.Label(v)
			if ws != nil {
				rec[2] = strconv.FormatFloat(float64(ws[j]), 'g', -1, 32)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
