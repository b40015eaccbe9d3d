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
	"unicode/utf8"
)

// utf8BOM is the byte-order mark that Excel puts in front of UTF-8 files.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// Column names the CSV reader recognises, matched case-insensitively after
// trimming. Neutral names say which end is which; the names of a role
// (follower, reposter…) also say which way content flows: a follower sees
// what the followee shares, so a 关注者,被关注者 row is the arc
// 被关注者→关注者, and a 转发者,原博主 row the arc 原博主→转发者.
var (
	// sourceColumns hold the one who shares: the content flows from them.
	sourceColumns = []string{
		"source", "src", "from", "sender", "sharer", "author", "poster", "followee", "followed",
		"源", "源节点", "起点", "来源", "发送者", "分享者", "发布者", "作者", "原作者", "博主", "原博主",
		"被关注者", "被关注", "关注对象", "被转发者", "上游",
	}
	// targetColumns hold the one who receives it.
	targetColumns = []string{
		"target", "dst", "to", "receiver", "recipient", "reader", "follower", "fan", "reposter", "retweeter",
		"目标", "目标节点", "终点", "接收者", "读者", "关注者", "粉丝", "转发者", "评论者", "下游",
	}
	weightColumns = []string{"weight", "trust", "权重", "信任度", "信任"}
)

// ErrReverseNamed is the error Decode wraps when Options.Reverse is asked
// of a CSV whose columns are named (by their header or by
// LoadOptions.Source and Target), so that the names already say which way
// content flows and turning every arc around would contradict them.
var ErrReverseNamed = errors.New("the column names already give the direction")

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
	cr := csv.NewReader(newRunReader(br, name, true))
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
		if !utf8.ValidString(h) {
			return nil, &ParseError{File: name, Line: 1, Field: "header", Err: notUTF8(h)}
		}
	}
	src, dst, wcol, byPosition, err := csvColumns(cols, o)
	if err != nil {
		return nil, &ParseError{File: name, Line: 1, Field: "header", Err: err}
	}
	if o.Reverse && !byPosition {
		return nil, &ParseError{File: name, Line: 1, Field: "header", Err: fmt.Errorf("%w: content flows from %s to %s (columns %q → %q), so --reverse would turn every arc the wrong way; "+
			"drop --reverse (or choose the columns yourself with --source-col and --target-col)", ErrReverseNamed, cols[src], cols[dst], cols[src], cols[dst])}
	}
	if info := o.Info; info != nil {
		info.From, info.To, info.ByPosition = cols[src], cols[dst], byPosition
		if o.Reverse {
			info.From, info.To = info.To, info.From
		}
		if wcol >= 0 {
			info.Weight = cols[wcol]
		}
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
		for _, c := range [2]int{src, dst} {
			if !utf8.ValidString(rec[c]) {
				return nil, &ParseError{File: name, Line: line, Field: cols[c], Err: notUTF8(rec[c])}
			}
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

// csvColumns finds the source, target and weight columns (weight -1:
// none) and reports whether source and target were taken by position. The
// columns are the ones o names, else the ones with a known name, else the
// only two columns left besides a weight column; with more left it refuses
// to guess.
func csvColumns(cols []string, o LoadOptions) (src, dst, w int, byPosition bool, err error) {
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
	if len(cols) < 2 {
		return 0, 0, 0, false, fmt.Errorf("want at least two columns, header has %q", cols)
	}
	switch {
	case src < 0 && dst < 0:
		var rest []int // the columns that are not the weight
		for i := range cols {
			if i != w {
				rest = append(rest, i)
			}
		}
		if len(rest) != 2 {
			return 0, 0, 0, false, fmt.Errorf("cannot tell which of the columns %q hold the two people of a link; "+
				"name them with --source-col and --target-col (the source shares, the target sees it), "+
				"or name the header source,target (or 被关注者,关注者 / 原博主,转发者)", cols)
		}
		src, dst, byPosition = rest[0], rest[1], true
	case src < 0 || dst < 0:
		return 0, 0, 0, false, fmt.Errorf("found only one of the source and target columns in header %q; name both", cols)
	}
	if src == dst || src == w || dst == w {
		return 0, 0, 0, false, fmt.Errorf("source, target and weight must be distinct columns of %q", cols)
	}
	return src, dst, w, byPosition, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	var own *ParseError
	switch {
	case errors.As(err, &own):
		return own
	case errors.As(err, &pe):
		return &ParseError{File: name, Line: pe.Line, Field: "csv", Err: pe.Err}
	}
	return &ParseError{File: name, Err: err}
}

// encodeCSV writes g as a "source,target[,weight]" table, each undirected
// edge once; a CSV (comma) starts with a UTF-8 BOM.
func encodeCSV(w io.Writer, g *CSR, comma rune) error {
	if comma == ',' {
		// Excel reads a CSV without a BOM in the system's code page, which
		// garbles every Chinese name on Chinese Windows; every loader of
		// ripple's (and pandas with utf-8-sig) skips it.
		if _, err := w.Write(utf8BOM); err != nil {
			return err
		}
	}
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
