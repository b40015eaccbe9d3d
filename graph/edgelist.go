package graph

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// maxLine bounds one line of an edge list or CSV file.
const maxLine = 1 << 20

// decodeEdgeList reads a whitespace edge list as SNAP and KONECT write it:
// lines "u v" or "u v w" (further columns, such as KONECT timestamps, are
// ignored), lines "u" that declare a node (isolated unless an edge names
// it, as encodeEdgeList writes isolated nodes), '#' and '%' comment lines, blank lines, LF or CRLF ends. Names
// are the file's tokens, any UTF-8; tokens are separated by ASCII or Unicode
// white space (a full-width space U+3000 included). Either every edge line
// has a weight or none has. It costs O(n + m) time and one allocation per
// distinct name.
//
// Reading is a two-stage pipeline: an edgeListReader, on a goroutine of
// its own, splits the lines and parses their tokens into blocks of
// edgeLine records, and the loader maps the names to ids and adds the
// edges, block by block in file order. The result, errors included, is
// that of reading line by line: each stage stops at its first error, and
// the loader meets the reader's error only after every line before it.
func decodeEdgeList(r io.Reader, name string, o LoadOptions) (*CSR, error) {
	p := newEdgeListReader(r, name, o)
	l := newLoader(name, o)
	if err := l.addEdgeLinesFrom(p); err != nil {
		return nil, err
	}
	return l.build()
}

// edgeBlocks is how many blocks the reader and the loader share: enough
// for the reader to fill one while the loader works through another.
const edgeBlocks = 4

// addEdgeLinesFrom runs p on a goroutine of its own and adds the lines it
// reads. It returns once that goroutine has ended: Decode's caller may
// close the reader as soon as Decode returns.
func (l *loader) addEdgeLinesFrom(p *edgeListReader) error {
	full := make(chan *edgeBlock, edgeBlocks) // never blocks: it can hold every block
	free := make(chan *edgeBlock, edgeBlocks)
	for range edgeBlocks {
		free <- new(edgeBlock)
	}
	go func() {
		defer close(full)
		for b := range free {
			more := p.fill(b)
			full <- b
			if !more {
				return
			}
		}
	}()
	var err error
	for b := range full {
		if err != nil {
			continue // drain until the reader has stopped
		}
		if err = l.addEdgeLines(b); err != nil {
			p.stop.Store(true)
			close(free) // the reader takes no new block
			continue
		}
		free <- b
	}
	return err
}

// edgeLinesPerBlock is the number of lines in a full edgeBlock.
const edgeLinesPerBlock = 16384

// edgeBlockText bounds the name bytes of a block (plus those of its last
// line, at most maxLine), so that their offsets fit in 32 bits.
const edgeBlockText = 1 << 20

// edgeBlock is a run of consecutive edge lines as the reader parsed them,
// then, if the reader stopped there, its error. Blocks are allocated when
// first filled (a small input uses one) and then recycled: reading
// allocates nothing per line.
type edgeBlock struct {
	lines []edgeLine
	text  []byte // the bytes of the names in lines
	// badWeight is the weight of the last line when parseWeight rejects it:
	// an error that the loader reports after its own checks on the line.
	badWeight []byte
	err       error // after the last line: the input's first error, if any
}

// edgeLine is an edge line, its tokens parsed. It is kept small (32 bytes)
// because every line is written by one goroutine and read by another.
type edgeLine struct {
	line int
	// end holds each end: the number when it is a canonical decimal one,
	// else (isName) where its bytes are in the block's text.
	end [2]uint64
	// weight is the line's weight; 0 when it has none or a bad one.
	weight float32
	isName [2]bool
	single bool // a line of one name: a node, no edge
}

// keepName copies a name into the block's text and returns where it is,
// packed as an edgeLine.end.
func (b *edgeBlock) keepName(tok []byte) uint64 {
	lo := len(b.text)
	b.text = append(b.text, tok...)
	return uint64(lo)<<32 | uint64(len(b.text))
}

// name returns the bytes of the name at ref, from keepName.
func (b *edgeBlock) name(ref uint64) []byte { return b.text[ref>>32 : uint32(ref)] }

// edgeListReader is the first stage of decodeEdgeList: it splits lines,
// parses tokens and checks what each line shows on its own (a header, a
// missing target, a weight column that comes or goes).
type edgeListReader struct {
	sc       *bufio.Scanner
	file     string
	o        LoadOptions
	fields   [][]byte
	line     int
	header   bool
	weighted int // -1: unknown until the first edge line
	// blockLines is the number of lines in a full block: edgeLinesPerBlock
	// but in tests of block boundaries.
	blockLines int
	// stop, set by the loader, makes fill return at the next line.
	stop atomic.Bool
}

func newEdgeListReader(r io.Reader, file string, o LoadOptions) *edgeListReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), maxLine)
	return &edgeListReader{sc: sc, file: file, o: o, header: o.Header, weighted: -1, blockLines: edgeLinesPerBlock}
}

// fill empties b and reads edge lines into it until it is full. It
// reports whether lines may follow: false at the end of the input, at its
// first error (set in b.err), after a bad weight or when stopped.
func (p *edgeListReader) fill(b *edgeBlock) bool {
	if b.lines == nil {
		b.lines = make([]edgeLine, 0, p.blockLines) // once, at full size: append would grow it several times
	}
	b.lines, b.text, b.badWeight, b.err = b.lines[:0], b.text[:0], b.badWeight[:0], nil
	for len(b.lines) < p.blockLines && len(b.text) < edgeBlockText {
		if p.stop.Load() {
			return false
		}
		if !p.sc.Scan() {
			if err := p.sc.Err(); err != nil {
				if errors.Is(err, bufio.ErrTooLong) {
					err = errLineTooLong()
				}
				b.err = &ParseError{File: p.file, Line: p.line + 1, Err: err}
			}
			return false
		}
		p.line++
		text := p.sc.Bytes()
		if p.line == 1 {
			text = bytes.TrimPrefix(text, utf8BOM)
		}
		p.fields = splitFields(text, p.fields[:0])
		fields := p.fields
		if len(fields) == 0 || fields[0][0] == '#' || fields[0][0] == '%' {
			continue
		}
		if p.header {
			p.header = false
			if err := checkHeader(fields); err != nil {
				b.err = &ParseError{File: p.file, Line: p.line, Field: "header", Err: err}
				return false
			}
			continue
		}
		if len(fields) == 1 {
			// A node of its own: an isolated one, unless an edge names it.
			e := edgeLine{line: p.line, single: true}
			if !p.keepEnd(b, &e, 0, fields[0]) {
				return false
			}
			b.lines = append(b.lines, e)
			continue
		}
		has := 0
		if len(fields) >= 3 && !p.o.IgnoreWeights {
			has = 1
		}
		if p.weighted < 0 {
			p.weighted = has
		} else if has != p.weighted {
			if has == 0 {
				b.err = parseErrorf(p.file, p.line, "weight", "missing (earlier lines have one)")
			} else {
				b.err = parseErrorf(p.file, p.line, "weight", "%q where earlier lines have none", fields[2])
			}
			return false
		}
		e := edgeLine{line: p.line}
		for i, f := range fields[:2] {
			if !p.keepEnd(b, &e, i, f) {
				return false
			}
		}
		if has == 1 {
			w, err := parseWeight(fields[2], p.o.Probabilities)
			if err != nil {
				b.badWeight = append(b.badWeight, fields[2]...)
				b.lines = append(b.lines, e)
				return false
			}
			e.weight = w
		}
		b.lines = append(b.lines, e)
	}
	return true
}

// keepEnd sets end i of e to the name f: its number, or where keepName
// put it. A name that is not UTF-8 sets b.err and returns false.
func (p *edgeListReader) keepEnd(b *edgeBlock, e *edgeLine, i int, f []byte) bool {
	var ok bool
	if e.end[i], ok = canonicalUint(f); ok {
		return true
	}
	if !utf8.Valid(f) {
		b.err = &ParseError{File: p.file, Line: p.line, Field: [...]string{"source", "target"}[i], Err: notUTF8(f)}
		return false
	}
	e.end[i], e.isName[i] = b.keepName(f), true
	return true
}

// errLineTooLong is the cause of the error for a line longer than maxLine.
func errLineTooLong() error {
	return fmt.Errorf("line %w: more than %d bytes (%d MiB) without a line end; is this a graph file? (a binary file, or one without line ends, reads like this)", ErrTooLong, maxLine, maxLine>>20)
}

// addEdgeLines is the second stage of decodeEdgeList: it adds the edges of
// b and then returns b's error, unless a line fails first.
func (l *loader) addEdgeLines(b *edgeBlock) error {
	for i := range b.lines {
		e := &b.lines[i]
		ends := e.end[:]
		if e.single {
			ends = e.end[:1]
		}
		if !l.named && l.read > 0 {
			for j, f := range ends {
				if e.isName[j] && mistypedNumber(b.name(f)) {
					return l.errorf(e.line, [...]string{"source", "target"}[j],
						"%q looks like a mistyped number: every node before it is a number (if names really mix numbers and words, give the file as CSV with a header)", b.name(f))
				}
			}
		}
		if e.single {
			l.lineEndID(b, e, 0)
			continue
		}
		u, v, ok := uint32(0), uint32(0), false
		if !e.isName[0] && !e.isName[1] {
			u, v, ok = l.denseIDs(e.end[0], e.end[1])
		}
		if !ok {
			u, v = l.lineEndID(b, e, 0), l.lineEndID(b, e, 1)
		}
		switch {
		case e.weight > 0:
			l.addWeightedEdge(u, v, e.weight)
		case len(b.badWeight) > 0 && i == len(b.lines)-1:
			_, err := parseWeight(b.badWeight, l.o.Probabilities)
			return &ParseError{File: l.name, Line: e.line, Field: "weight", Err: err}
		default:
			l.addEdge(u, v)
		}
	}
	return b.err
}

// lineEndID returns the id of end i of e, adding its vertex when new.
func (l *loader) lineEndID(b *edgeBlock, e *edgeLine, i int) uint32 {
	if e.isName[i] {
		return nodeID(l, b.name(e.end[i]))
	}
	var buf [20]byte
	return nodeID(l, strconv.AppendUint(buf[:0], e.end[i], 10))
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
// giving the counts, then each isolated node as a line of its name, so
// that the file loads back with every node; an undirected graph writes
// each edge once, u < v by id.
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
	fmt.Fprintf(bw, "# ripple edge list: %s, %d nodes, %d edges; isolated nodes follow the edges, one name a line\n", kind, g.N(), m)
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
	for u := uint32(0); int(u) < g.N(); u++ {
		if g.Out.Degree(u) == 0 && g.In.Degree(u) == 0 {
			buf = append(appendLabel(buf[:0], g, u), '\n')
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
