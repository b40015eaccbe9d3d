package graph

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Errors that loaders wrap in a *ParseError; test for them with errors.Is.
var (
	// ErrNoEdges: the input holds no edge at all.
	ErrNoEdges = errors.New("no edges")
	// ErrTruncated: a gzip stream or a snapshot ends before it should.
	ErrTruncated = errors.New("truncated input")
)

// ParseError reports bad input: the file (the name given to Decode), the
// 1-based line (0 when unknown; for GraphML and GEXF the line of the element),
// the field (a column, an XML element or attribute, "weight", "header"…) and
// the cause. Its message reads like
//
//	graph: data.csv:12: weight: "abc" is not a number
type ParseError struct {
	File  string
	Line  int
	Field string
	Err   error
}

// Error formats the error as "graph: file:line: field: cause", leaving out
// the parts that are unknown.
func (e *ParseError) Error() string {
	var sb strings.Builder
	sb.WriteString("graph: ")
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&sb, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		sb.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&sb, "line %d: ", e.Line)
	}
	if e.Field != "" {
		sb.WriteString(e.Field + ": ")
	}
	if e.Err != nil {
		sb.WriteString(e.Err.Error())
	}
	return sb.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// LoadOptions say how a file becomes a graph. The zero value reads a
// directed, possibly weighted graph in a format sniffed from the content.
type LoadOptions struct {
	// Options apply to every edge read: Undirected stores both arcs, Reverse
	// reads "u v" as v→u (follower lists). For GraphML and GEXF, Undirected
	// overrides a directed file. Reverse of a CSV whose columns are named
	// (by the header or by Source and Target) is an error wrapping
	// ErrReverseNamed: the names already say which way content flows.
	Options
	// Directed loads a GraphML or GEXF file that declares itself undirected as
	// directed, each edge "u v" becoming the one arc u→v. Setting both
	// Directed and Undirected is an error.
	Directed bool
	// Format of the input; FormatAuto sniffs it from the content (LoadFile
	// tries the file's extension first).
	Format Format
	// Source, Target and Weight name the CSV columns (case-insensitive) or,
	// for Weight, the GraphML/GEXF edge attribute ("weight" when empty). CSV
	// defaults are columns named source/src/from, target/dst/to and weight,
	// else the first two columns and no weight.
	Source, Target, Weight string
	// Label names the node attribute whose values become the vertex names,
	// for GraphML the attr.name of a node key ("name" as igraph writes it,
	// "label" as Gephi does), for GEXF "label" (the node's label) or the
	// title of a node attribute. Empty: node ids are the names. A node
	// without the attribute keeps its id; two nodes with the same name are
	// an error.
	Label string
	// Comma is the CSV delimiter; 0 detects it from the header row (tab,
	// semicolon or comma). FormatTSV always uses a tab.
	Comma rune
	// Header skips a first non-comment line "n m" in an edge list, as the
	// NetHEPT/NetPHY files of Chen et al. and Inf-VAE's graph.txt have. It is
	// never guessed: such a line reads exactly like an edge, and the counts it
	// holds do not match the body in every file (NetPHY's header says 37,154
	// nodes where 37,149 appear), so no test on them is reliable.
	Header bool
	// IgnoreWeights drops any weight column or attribute.
	IgnoreWeights bool
	// Probabilities requires every weight to lie in (0,1]. Without it weights
	// must only be finite and positive.
	Probabilities bool
	// Encoding of a text file (edge list, CSV, TSV): "" or "auto" reads
	// UTF-8 and, when the start of the file is not valid UTF-8 but reads
	// as GB18030 (what Excel on Chinese Windows saves as "CSV (逗号分隔)"),
	// decodes GB18030 and says so in Info; "utf-8" and "gb18030" (also
	// "gbk", "gb2312") force one. A name that is not valid UTF-8 after
	// decoding is an error naming its line. XML formats and snapshots
	// ignore it.
	Encoding string
	// Info, when not nil, is filled with the choices the loader made
	// without being told, for the user to see (see LoadInfo).
	Info *LoadInfo
}

// LoadInfo reports how a file was read: what a person should be told about
// choices made without asking them.
type LoadInfo struct {
	// Format is the format read (after sniffing).
	Format Format
	// Encoding is the text encoding the file was decoded from, "UTF-8"
	// unless decoded; Detected reports that it was detected rather than
	// asked for.
	Encoding string
	Detected bool
	// From and To are the CSV columns whose values are the two ends of
	// each arc From→To (the content flows from the person in From to the
	// one in To; --reverse swaps them), Weight the weight column, if any.
	// ByPosition reports that no header name said which column is which.
	// All are empty for other formats.
	From, To, Weight string
	ByPosition       bool
}

// LoadFile reads the graph in the file at path. The format is o.Format, or
// else the one FormatFromPath gives, or else sniffed from the content. It
// only opens the file and calls Decode with the path as the name in errors.
func LoadFile(path string, o LoadOptions) (*CSR, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	defer f.Close()
	if o.Format == FormatAuto {
		o.Format = FormatFromPath(path)
	}
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return decode(f, path, o, size)
}

// gzipMagic opens every gzip stream (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// Decode reads a graph from r in the format o.Format, transparently
// decompressing gzip (detected by its magic bytes, not by a name). The name
// appears in errors only. Decode streams: it holds the graph being built,
// never the whole text. Every bad input gives an error, a *ParseError when
// the input is at fault; an input without a single edge is an error too.
// A snapshot is a graph already built: of the options only Probabilities
// applies to it.
func Decode(r io.Reader, name string, o LoadOptions) (*CSR, error) {
	return decode(r, name, o, -1)
}

// decode is Decode given the size of the input in bytes, when known (-1
// when not): a snapshot whose header is backed by that many bytes is read
// into arrays allocated once at their full size.
func decode(r io.Reader, name string, o LoadOptions, size int64) (*CSR, error) {
	if o.Directed && o.Undirected {
		return nil, errors.New("graph: options Directed and Undirected both set")
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if head, _ := br.Peek(2); bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &ParseError{File: name, Field: "gzip", Err: err}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(gzipReader{zr}, 1<<16)
		size = -1
	}
	f := o.Format
	if f == FormatAuto {
		f = sniff(br)
	}
	if o.Info != nil {
		*o.Info = LoadInfo{Format: f}
	}
	switch f {
	case FormatEdgeList, FormatCSV, FormatTSV:
		var err error
		if br, err = textEncoding(br, name, o); err != nil {
			return nil, err
		}
	}
	switch f {
	case FormatEdgeList:
		return decodeEdgeList(br, name, o)
	case FormatCSV, FormatTSV:
		if f == FormatTSV {
			o.Comma = '\t'
		}
		return decodeCSV(br, name, o)
	case FormatGraphML:
		return decodeGraphML(br, name, o)
	case FormatGEXF:
		return decodeGEXF(br, name, o)
	case FormatSnapshot:
		return decodeSnapshot(br, name, o, size)
	}
	return nil, fmt.Errorf("graph: %s: unknown format %v", name, f)
}

// sniff guesses the format from the first bytes: a snapshot by its magic,
// GraphML or GEXF by their root element, CSV when the first line holds a
// comma, else an edge list. TSV is never guessed: a header "source target"
// reads exactly like an edge.
func sniff(br *bufio.Reader) Format {
	head, _ := br.Peek(4096)
	if bytes.HasPrefix(head, snapshotMagic[:]) {
		return FormatSnapshot
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if bytes.HasPrefix(text, []byte("<")) {
		switch {
		case bytes.Contains(text, []byte("<graphml")):
			return FormatGraphML
		case bytes.Contains(text, []byte("<gexf")):
			return FormatGEXF
		}
	}
	line := text
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if len(line) > 0 && line[0] != '#' && line[0] != '%' && bytes.ContainsRune(line, ',') {
		return FormatCSV
	}
	return FormatEdgeList
}

// gzipReader reports a gzip stream that ends early as ErrTruncated rather
// than as a bare io.ErrUnexpectedEOF, which callers could mistake for the
// end of a short graph.
type gzipReader struct{ zr *gzip.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("gzip stream: %w", ErrTruncated)
	} else if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip stream: %w", err)
	}
	return n, err
}

// loader carries what every loader shares: the builder, the mapping from
// names in the file to dense ids and the weight rules.
//
// While every name read is a canonical decimal number of up to 19 digits (SNAP and
// KONECT files, NetworkX GraphML), the loader keeps its own provisional ids
// and buffers the edges; at the end (or at the first other name) it numbers
// the vertices in the numeric order of their names, so that the vertex named
// "5" comes before the one named "12", and a file whose names are exactly
// 0..n-1 gets ids equal to its names and no label strings at all. Later
// names are numbered in order of first appearance (they wait, with their
// own provisional ids, until the edge that holds the first of them is
// added). A small number is its own provisional id, so the edges of a file
// named 0..n-1 need no renaming.
type loader struct {
	name string
	o    LoadOptions
	b    *Builder
	// named: the builder owns the ids (some name was not a number).
	named bool
	// dense maps a small number to its id+1 (0: unseen); sparse holds the
	// larger numbers. In numeric mode the ids are provisional: a small
	// number x has the id x, a larger one bigTag|i where big[i] is the
	// number.
	dense  []uint32
	sparse map[uint64]uint32
	// Numeric mode only: the larger numbers, how many numbers were read,
	// the names waiting for numeric mode to end (see nodeID) and their
	// ids, and the edges in full blocks and in the block being filled.
	big        []uint64
	numbers    int
	pending    []string
	pendingIDs map[string]uint32
	chunks     []edgeChunk
	cur        edgeChunk
	weighted   bool
	// read counts the edges added; sketch estimates how many are
	// distinct; loops and dups count those that maybeDedupe dropped
	// before the builder saw them; nextDedupe is the buffer size below
	// which it does not compact again; untilCheck counts the edges down
	// to the next look at the sketch. dedupeMin and dedupeEvery are the
	// constants of those names but in tests (see dedupe.go).
	read                   int
	sketch                 hll
	loops, dups            int
	nextDedupe, untilCheck int
	dedupeMin, dedupeEvery int
}

func newLoader(name string, o LoadOptions) *loader {
	return &loader{name: name, o: o, b: NewBuilder(o.Options),
		untilCheck: dedupeEvery, dedupeMin: dedupeMin, dedupeEvery: dedupeEvery}
}

// nodeID returns the id of the vertex named by tok, adding it when new.
// Names that are canonical decimal numbers cost a slice or map look-up and
// no allocation. In numeric mode, a name that is not a number, and every
// new name after it, waits in l.pending until the edge being read is added
// (or the input ends): ids are only renumbered between edges, never while
// a caller holds one end of an edge.
func nodeID[T ~string | ~[]byte](l *loader, tok T) uint32 {
	id, ok := canonicalUint(tok)
	if ok {
		if v, found := l.lookupNum(id); found {
			return v
		}
	}
	switch {
	case !l.named && (!ok || l.pending != nil):
		return l.pendingID(string(tok))
	case !ok:
		if v, found := l.b.Lookup(string(tok)); found {
			return v
		}
		return l.b.AddNode(string(tok))
	}
	small := l.isSmall(id)
	var v uint32
	switch {
	case l.named:
		v = l.b.AddNode(string(tok))
	case small && id < pendingTag:
		v = uint32(id)
		l.numbers++
	default:
		small = false
		v = bigTag | uint32(len(l.big))
		l.big = append(l.big, id)
		l.numbers++
	}
	l.setNum(id, v, small)
	return v
}

// nodeIDs returns the ids of the vertices named by a and b, the two ends of
// one edge, looking both up at once when they are small numbers seen
// before: most edges of a SNAP file.
func nodeIDs[T ~string | ~[]byte](l *loader, a, b T) (u, v uint32) {
	x, okx := canonicalUint(a)
	y, oky := canonicalUint(b)
	if okx && oky {
		if u, v, ok := l.denseIDs(x, y); ok {
			return u, v
		}
	}
	return nodeID(l, a), nodeID(l, b)
}

// denseIDs returns the ids of the vertices named by the numbers x and y
// when dense holds both.
func (l *loader) denseIDs(x, y uint64) (u, v uint32, ok bool) {
	if x < uint64(len(l.dense)) && y < uint64(len(l.dense)) && l.dense[x] != 0 && l.dense[y] != 0 {
		return l.dense[x] - 1, l.dense[y] - 1, true
	}
	return 0, 0, false
}

// Provisional ids in numeric mode: a small number x (below pendingTag) is
// its own id; the i-th larger number (loader.big) has the id bigTag|i and
// the i-th pending name (loader.pending) pendingTag|i. This bounds numeric
// mode to 2³⁰ vertices, more than a text file can hold in memory.
const (
	pendingTag = 1 << 30
	bigTag     = 1 << 31
)

// isSmall reports whether the number id is kept in l.dense: one that dense
// holds room for, or that does not make dense longer than 16 slots per
// vertex.
func (l *loader) isSmall(id uint64) bool {
	return id < uint64(len(l.dense)) || id < 1<<22 || id < 16*uint64(l.numbers+l.b.NumNodes()+1)
}

// setNum records v as the id of the vertex named by the number id, in
// dense if small, else in sparse.
func (l *loader) setNum(id uint64, v uint32, small bool) {
	if small {
		if id >= uint64(len(l.dense)) {
			l.dense = append(l.dense, make([]uint32, int(id)+1-len(l.dense)+len(l.dense)/2)...)
		}
		l.dense[id] = v + 1
		return
	}
	if l.sparse == nil {
		l.sparse = make(map[uint64]uint32)
	}
	l.sparse[id] = v
}

// pendingID returns the provisional id of a pending name, adding it when new.
func (l *loader) pendingID(name string) uint32 {
	if v, ok := l.pendingIDs[name]; ok {
		return v
	}
	if l.pendingIDs == nil {
		l.pendingIDs = make(map[string]uint32)
	}
	v := pendingTag | uint32(len(l.pending))
	l.pendingIDs[name] = v
	l.pending = append(l.pending, name)
	return v
}

func (l *loader) lookupNum(id uint64) (uint32, bool) {
	if id < uint64(len(l.dense)) && l.dense[id] != 0 {
		return l.dense[id] - 1, true
	}
	v, ok := l.sparse[id]
	return v, ok
}

// lookupID returns the id of the vertex named by tok, if nodeID added it.
func lookupID[T ~string | ~[]byte](l *loader, tok T) (uint32, bool) {
	id, ok := canonicalUint(tok)
	if ok {
		if v, found := l.lookupNum(id); found || l.named {
			return v, found
		}
	}
	if !l.named {
		v, found := l.pendingIDs[string(tok)]
		return v, found
	}
	return l.b.Lookup(string(tok))
}

// canonicalUint parses tok as a decimal number without sign or leading
// zeros, the only spelling for which the number identifies the name.
func canonicalUint[T ~string | ~[]byte](tok T) (uint64, bool) {
	if len(tok) == 0 || len(tok) > 19 || (tok[0] == '0' && len(tok) > 1) {
		return 0, false
	}
	var x uint64
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + uint64(c-'0')
	}
	return x, true
}

// edgeChunk is a block of buffered edges. Buffering in fixed blocks rather
// than one growing slice avoids copying the edges each time it would grow.
// Its weights are empty when the block was filled before the first weighted
// edge (all weigh 1), else aligned with the edges.
type edgeChunk struct {
	src, dst []uint32
	w        []float32
}

const chunkEdges = 1 << 16

// addEdge adds the edge u v, by ids from nodeID.
func (l *loader) addEdge(u, v uint32) {
	l.sketch.add(pairKey(u, v))
	l.read++
	if l.untilCheck--; l.untilCheck <= 0 {
		l.untilCheck = l.dedupeEvery
		defer l.maybeDedupe()
	}
	if l.named {
		l.b.AddEdge(u, v)
		return
	}
	if len(l.cur.src) == cap(l.cur.src) {
		l.nextChunk()
	}
	l.cur.src = append(l.cur.src, u)
	l.cur.dst = append(l.cur.dst, v)
	if l.weighted {
		l.cur.w = append(l.cur.w, 1)
	}
	if l.pending != nil {
		l.nameVertices(false)
	}
}

// addWeightedEdge adds the edge u v with weight w. The first weighted edge
// makes the graph weighted; edges added without a weight weigh 1.
func (l *loader) addWeightedEdge(u, v uint32, w float32) {
	l.sketch.add(pairKey(u, v))
	l.read++
	if l.untilCheck--; l.untilCheck <= 0 {
		l.untilCheck = l.dedupeEvery
		defer l.maybeDedupe()
	}
	if l.named {
		l.b.AddWeightedEdge(u, v, w)
		return
	}
	if len(l.cur.src) == cap(l.cur.src) {
		l.nextChunk()
	}
	if !l.weighted {
		l.weighted = true
		for range l.cur.src {
			l.cur.w = append(l.cur.w, 1)
		}
	}
	l.cur.src = append(l.cur.src, u)
	l.cur.dst = append(l.cur.dst, v)
	l.cur.w = append(l.cur.w, w)
	if l.pending != nil {
		l.nameVertices(false)
	}
}

// nextChunk sets the block being filled aside, if it holds edges, and
// starts an empty one.
func (l *loader) nextChunk() {
	if len(l.cur.src) > 0 {
		l.chunks = append(l.chunks, l.cur)
	}
	l.cur = edgeChunk{src: make([]uint32, 0, chunkEdges), dst: make([]uint32, 0, chunkEdges)}
	if l.weighted {
		l.cur.w = make([]float32, 0, chunkEdges)
	}
}

// numEdges returns the number of edges added so far.
func (l *loader) numEdges() int {
	return l.b.NumEdges() + len(l.chunks)*chunkEdges + len(l.cur.src) // set-aside blocks are full
}

// nameVertices ends numeric mode: it hands the vertices to the builder, the
// numbers in numeric order and then the pending names, then the buffered
// edges renamed to the builder's ids. At the end of the input (last), names
// that are exactly 0..n-1 become anonymous vertices, and the edges already
// hold their ids.
func (l *loader) nameVertices(last bool) {
	var small []uint32 // the small numbers read, ascending
	for x, v := range l.dense {
		if v != 0 {
			small = append(small, uint32(x))
		}
	}
	bigOrder := make([]int, len(l.big)) // indexes of big by increasing number
	for i := range bigOrder {
		bigOrder[i] = i
	}
	slices.SortFunc(bigOrder, func(i, j int) int { return cmp.Compare(l.big[i], l.big[j]) })
	n := len(small) + len(l.big)
	identity := last && len(l.big) == 0 && len(l.pending) == 0 && n > 0 && int(small[n-1]) == n-1
	if identity {
		l.b.AddNodes(n)
	}
	// Number the vertices in the order of their names: merge small and big.
	final := make([]uint32, len(l.dense)) // small number → builder id
	finalBig := make([]uint32, len(l.big))
	var buf []byte
	for rank, i, j := 0, 0, 0; rank < n; rank++ {
		var x uint64 // the name of vertex rank
		if j == len(bigOrder) || (i < len(small) && uint64(small[i]) < l.big[bigOrder[j]]) {
			x = uint64(small[i])
			final[small[i]] = uint32(rank)
			i++
		} else {
			x = l.big[bigOrder[j]]
			finalBig[bigOrder[j]] = uint32(rank)
			j++
		}
		if !identity {
			buf = strconv.AppendUint(buf[:0], x, 10)
			l.b.AddNode(string(buf))
		}
	}
	for _, name := range l.pending {
		l.b.AddNode(name)
	}
	rename := func(p uint32) uint32 {
		switch {
		case p&bigTag != 0:
			return finalBig[p&^bigTag]
		case p&pendingTag != 0:
			return uint32(n) + p&^pendingTag
		}
		return final[p]
	}
	chunks := append(l.chunks, l.cur)
	ids := final
	switch {
	case identity:
		ids = nil // the provisional ids are the builder's
	case len(l.big) > 0 || len(l.pending) > 0:
		// Rare: rename in place, then hand over as they are.
		for _, c := range chunks {
			for i := range c.src {
				c.src[i], c.dst[i] = rename(c.src[i]), rename(c.dst[i])
			}
		}
		ids = nil
	}
	l.b.Grow(l.numEdges())
	for _, c := range chunks {
		l.b.addMapped(ids, c.src, c.dst, c.w)
	}
	// From now on the builder's ids: the numbers read so far, then the
	// pending names that are numbers.
	l.named, l.numbers = true, 0
	for x, v := range l.dense {
		if v != 0 {
			l.dense[x] = rename(v-1) + 1
		}
	}
	for k, v := range l.sparse {
		l.sparse[k] = rename(v)
	}
	for i, name := range l.pending {
		if x, ok := canonicalUint(name); ok {
			l.setNum(x, uint32(n+i), l.isSmall(x))
		}
	}
	l.big, l.chunks, l.cur = nil, nil, edgeChunk{}
	l.pending, l.pendingIDs = nil, nil
}

// weight parses a weight and checks it against the loader's rules; the
// error is the cause to put in a ParseError.
func weight[T ~string | ~[]byte](l *loader, tok T) (float32, error) {
	return parseWeight(tok, l.o.Probabilities)
}

// parseWeight parses a weight that must be finite and positive, and in
// (0,1] if probabilities is set.
func parseWeight[T ~string | ~[]byte](tok T, probabilities bool) (float32, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(string(tok)), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%q is not a number", tok)
	}
	w := float32(x)
	switch {
	case math.IsNaN(x) || math.IsInf(float64(w), 0):
		return 0, fmt.Errorf("%q is not a finite number", tok)
	case probabilities && !(w > 0 && w <= 1):
		return 0, fmt.Errorf("%q is not a probability in (0,1]", tok)
	case !(w > 0):
		return 0, fmt.Errorf("%q is not a positive number", tok)
	}
	return w, nil
}

// build compiles the graph, or reports that there was nothing to compile.
func (l *loader) build() (*CSR, error) {
	if l.read == 0 {
		return nil, &ParseError{File: l.name, Err: ErrNoEdges}
	}
	if !l.named {
		l.nameVertices(true)
	}
	g, err := l.b.Build()
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", l.name, err)
	}
	g.stats.SelfLoops += l.loops
	g.stats.Duplicates += l.dups
	return g, nil
}

// relabel renames the vertices of g, read with node ids as names, by the
// values of the label attribute (def, if not empty, for a node without
// one; else its id).
func relabel(g *CSR, file, attr string, labels map[string]string, def string) (*CSR, error) {
	names := make([]string, g.N())
	seen := make(map[string]string, g.N())
	for u := range names {
		id := g.Label(uint32(u))
		s, ok := labels[id]
		switch {
		case ok:
		case def != "":
			s = def
		default:
			s = id
		}
		if s == "" {
			return nil, &ParseError{File: file, Field: attr, Err: fmt.Errorf("node %q has an empty name", id)}
		}
		if other, dup := seen[s]; dup {
			return nil, &ParseError{File: file, Field: attr, Err: fmt.Errorf("nodes %q and %q are both named %q; names must be unique", other, id, s)}
		}
		seen[s] = id
		names[u] = s
	}
	g.labels = NewLabels(names)
	return g, nil
}

func (l *loader) errorf(line int, field, format string, args ...any) error {
	return parseErrorf(l.name, line, field, format, args...)
}

// parseErrorf returns a *ParseError whose cause is formatted as by fmt.Errorf.
func parseErrorf(file string, line int, field, format string, args ...any) error {
	return &ParseError{File: file, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}
