package graph

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"unsafe"
)

// The binary snapshot (.rgraph) holds a built graph so that it reloads
// without parsing. All integers are little-endian:
//
//	magic    8 bytes  "\x89RGRAPH\n"
//	version  uint32   1
//	flags    uint32   bit 0 directed, bit 1 weighted, bit 2 named vertices
//	n, m     uint64   vertices, arcs
//	stats    uint64 length k, then k bytes: the graph's Stats as JSON
//	offsets  (n+1) × uint64   Out.Offsets
//	targets  m × uint32       Out.Targets
//	weights  m × float32      Out.Weights, when weighted
//	names    n × uint32 end offsets into the name bytes, then the name
//	         bytes (total = the last end offset), when named
//	crc      uint32   CRC-32C (Castagnoli) of every byte before it
//
// Load checks every invariant of the out-adjacency (the CRC guards against
// corruption, not against a crafted file), so a snapshot never yields a
// graph that breaks the CSR contract, and recomputes the in-adjacency: that
// costs less than reading and checking a stored one (an undirected graph
// must be symmetric and shares one adjacency for both directions). The
// statistics are recomputed from the arcs, since a crafted file with a
// valid CRC could otherwise carry a false ⟨k²⟩ into the analytic
// threshold; only the counts of the original load that the arcs cannot
// tell (self-loops dropped, duplicates merged) are taken from the stored
// ones, and must be counts. A snapshot of nothing (no arc, and no edge
// dropped as a loop or merged), or with an empty node name, is refused as
// the text formats refuse them.
const snapshotVersion = 1

var snapshotMagic = [8]byte{0x89, 'R', 'G', 'R', 'A', 'P', 'H', '\n'}

const (
	snapDirected = 1 << iota
	snapWeighted
	snapNamed
	snapKnownFlags = snapDirected | snapWeighted | snapNamed
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encodeSnapshot writes g in the binary snapshot format.
func encodeSnapshot(w io.Writer, g *CSR) error {
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<16)
	names := g.Labels().Names()
	var flags uint32
	if g.Directed() {
		flags |= snapDirected
	}
	if g.Weighted() {
		flags |= snapWeighted
	}
	if names != nil {
		flags |= snapNamed
	}
	stats, err := json.Marshal(g.Stats())
	if err != nil {
		return err
	}
	hdr := append([]byte(nil), snapshotMagic[:]...)
	hdr = binary.LittleEndian.AppendUint32(hdr, snapshotVersion)
	hdr = binary.LittleEndian.AppendUint32(hdr, flags)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(g.N()))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(g.M()))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(stats)))
	hdr = append(hdr, stats...)
	bw.Write(hdr)
	buf := make([]byte, 0, 1<<16)
	flush := func() {
		bw.Write(buf)
		buf = buf[:0]
	}
	for _, o := range g.Out.Offsets {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(o))
		if len(buf) >= cap(buf)-8 {
			flush()
		}
	}
	for _, t := range g.Out.Targets {
		buf = binary.LittleEndian.AppendUint32(buf, t)
		if len(buf) >= cap(buf)-8 {
			flush()
		}
	}
	for _, x := range g.Out.Weights {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
		if len(buf) >= cap(buf)-8 {
			flush()
		}
	}
	if names != nil {
		end := uint64(0)
		for _, s := range names {
			end += uint64(len(s))
			if end > math.MaxUint32 {
				return errors.New("graph: snapshot: node names exceed 4 GiB")
			}
			buf = binary.LittleEndian.AppendUint32(buf, uint32(end))
			if len(buf) >= cap(buf)-8 {
				flush()
			}
		}
		flush()
		for _, s := range names {
			bw.WriteString(s)
		}
	}
	flush()
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err = w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}

// snapReader reads the snapshot while summing its CRC and counting bytes.
type snapReader struct {
	r   io.Reader
	crc hash.Hash32
	buf []byte
	pos int64
	// backed: the input is known to hold every byte the header announces,
	// so arrays are allocated at their full size at once.
	backed bool
}

// next returns the next k bytes, valid until the following call.
func (s *snapReader) next(k int) ([]byte, error) {
	if cap(s.buf) < k {
		s.buf = make([]byte, k)
	}
	b := s.buf[:k]
	n, err := io.ReadFull(s.r, b)
	s.pos += int64(n)
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			err = ErrTruncated
		}
		return nil, err
	}
	s.crc.Write(b)
	return b, nil
}

// fill reads exactly len(b) bytes into b.
func (s *snapReader) fill(b []byte) error {
	n, err := io.ReadFull(s.r, b)
	s.pos += int64(n)
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			err = ErrTruncated
		}
		return err
	}
	s.crc.Write(b)
	return nil
}

// snapChunk is how many array elements are read at a time, and the largest
// preallocation a header can ask for before the data backs it.
const snapChunk = 1 << 16

// decodeSnapshot reads a graph written by encodeSnapshot from an input of
// size bytes (-1: unknown). It costs one sequential pass over the data plus
// FromAdjacency's O(n + m) work.
func decodeSnapshot(r io.Reader, name string, o LoadOptions, size int64) (*CSR, error) {
	s := &snapReader{r: r, crc: crc32.New(castagnoli)}
	fail := func(field string, err error) error {
		return &ParseError{File: name, Field: field, Err: fmt.Errorf("at byte %d: %w", s.pos, err)}
	}
	hdr, err := s.next(40)
	if err != nil {
		return nil, fail("header", err)
	}
	if [8]byte(hdr[:8]) != snapshotMagic {
		return nil, fail("header", errors.New("not a ripple snapshot (bad magic)"))
	}
	if v := binary.LittleEndian.Uint32(hdr[8:]); v != snapshotVersion {
		return nil, fail("header", fmt.Errorf("version %d, this build reads %d", v, snapshotVersion))
	}
	flags := binary.LittleEndian.Uint32(hdr[12:])
	if flags&^snapKnownFlags != 0 {
		return nil, fail("header", fmt.Errorf("unknown flags %#x", flags))
	}
	n, m, k := binary.LittleEndian.Uint64(hdr[16:]), binary.LittleEndian.Uint64(hdr[24:]), binary.LittleEndian.Uint64(hdr[32:])
	if n >= math.MaxUint32 || m > 1<<40 || k > 1<<16 {
		return nil, fail("header", fmt.Errorf("implausible sizes n=%d m=%d stats=%d", n, m, k))
	}
	if size >= 0 {
		want := snapshotSize(n, m, k, flags)
		if uint64(size) < want {
			return nil, fail("header", fmt.Errorf("the header announces n=%d m=%d, %d bytes, the file has %d: %w", n, m, want, size, ErrTruncated))
		}
		s.backed = true
	}
	var st Stats
	if b, err := s.next(int(k)); err != nil {
		return nil, fail("stats", err)
	} else if err := json.Unmarshal(b, &st); err != nil {
		return nil, fail("stats", err)
	}
	offsets, err := readArray[int64](s, int(n)+1)
	if err != nil {
		return nil, fail("offsets", err)
	}
	targets, err := readArray[uint32](s, int(m))
	if err != nil {
		return nil, fail("targets", err)
	}
	var weights []float32
	if flags&snapWeighted != 0 {
		weights, err = readArray[float32](s, int(m))
		if err != nil {
			return nil, fail("weights", err)
		}
	}
	var names []string
	if flags&snapNamed != 0 {
		ends, err := readArray[uint32](s, int(n))
		if err != nil {
			return nil, fail("names", err)
		}
		if names, err = readNames(s, ends); err != nil {
			return nil, fail("names", err)
		}
	}
	sum := s.crc.Sum32()
	tail, err := s.next(4)
	if err != nil {
		return nil, fail("crc", err)
	}
	if got := binary.LittleEndian.Uint32(tail); got != sum {
		return nil, fail("crc", fmt.Errorf("checksum %08x, data sums to %08x: the file is corrupt", got, sum))
	}
	switch _, err := io.ReadFull(s.r, make([]byte, 1)); err {
	case io.EOF:
	case nil:
		return nil, fail("crc", errors.New("data after the end of the snapshot"))
	default: // a gzip stream whose own checksum fails, say
		return nil, fail("crc", err)
	}
	for _, w := range weights {
		if !(w > 0) || math.IsInf(float64(w), 0) || (o.Probabilities && w > 1) {
			return nil, fail("weights", fmt.Errorf("weight %v out of range", w))
		}
	}
	if st.SelfLoops < 0 || st.Duplicates < 0 {
		return nil, fail("stats", fmt.Errorf("negative counts: self_loops=%d duplicates=%d", st.SelfLoops, st.Duplicates))
	}
	if m == 0 && st.SelfLoops == 0 && st.Duplicates == 0 {
		// Nothing was read: the text loaders refuse such an input too.
		return nil, &ParseError{File: name, Err: ErrNoEdges}
	}
	if i := slices.Index(names, ""); i >= 0 {
		return nil, fail("names", fmt.Errorf("node %d has an empty name", i))
	}
	labels, err := checkedLabels(names)
	if err != nil {
		return nil, fail("names", err)
	}
	out := Adjacency{Offsets: offsets, Targets: targets, Weights: weights}
	if labels == nil {
		labels = IDLabels(int(n))
	}
	directed := flags&snapDirected != 0
	var in Adjacency
	recip := -1
	if parts(len(targets)) == 1 {
		if in, recip, err = transposeChecked(out, int(n)); err != nil {
			return nil, fail("arcs", err)
		}
	} else {
		if err := checkAdjacency(out); err != nil {
			return nil, fail("arcs", err)
		}
		in = transpose(out, int(n))
	}
	if !directed {
		// As the Builder does, an undirected graph shares its symmetric
		// adjacency for both directions.
		if !slices.Equal(in.Offsets, out.Offsets) || !slices.Equal(in.Targets, out.Targets) || !slices.Equal(in.Weights, out.Weights) {
			return nil, fail("arcs", errors.New("an undirected graph whose arcs are not symmetric"))
		}
		in = out
	}
	g := &CSR{Out: out, In: in, labels: labels, directed: directed}
	g.stats = statsParts(g, parts(g.M()), recip)
	g.stats.SelfLoops, g.stats.Duplicates = st.SelfLoops, st.Duplicates
	return g, nil
}

// snapshotSize is the least number of bytes of a snapshot whose header
// announces n vertices, m arcs, k bytes of statistics and flags: all but the
// name bytes.
func snapshotSize(n, m, k uint64, flags uint32) uint64 {
	size := 40 + k + 8*(n+1) + 4*m + 4
	if flags&snapWeighted != 0 {
		size += 4 * m
	}
	if flags&snapNamed != 0 {
		size += 4 * n
	}
	return size
}

// transposeChecked is checkAdjacency, transpose and the count of arcs
// whose reverse is present (for Stats.Reciprocity) in two passes over the
// arcs instead of four, on one goroutine. The first pass checks each row
// and counts the in-degrees; the second places every arc u→v in the
// in-row of v, sources ascending, and before placing the arcs of u merges
// the row of u with what its in-row holds so far: the sources below u,
// among them every v < u with an arc v→u. Each reciprocated pair is so
// met once, by its larger end. n is len(out.Offsets)-1.
func transposeChecked(out Adjacency, n int) (Adjacency, int, error) {
	m := len(out.Targets)
	off := make([]int64, n+1)
	if err := checkRows(out, off); err != nil {
		return Adjacency{}, 0, err
	}
	prefix(off)
	next := slices.Clone(off[:n])
	in := Adjacency{Offsets: off, Targets: make([]uint32, m)}
	if out.Weights != nil {
		in.Weights = make([]float32, m)
	}
	pairs := 0
	for u := 0; u < n; u++ {
		lo, hi := out.Offsets[u], out.Offsets[u+1]
		row := out.Targets[lo:hi]
		pairs += intersect(row, in.Targets[off[u]:next[u]])
		for j, v := range row {
			q := next[v]
			next[v]++
			in.Targets[q] = uint32(u)
			if in.Weights != nil {
				in.Weights[q] = out.Weights[lo+int64(j)]
			}
		}
	}
	return in, 2 * pairs, nil
}

// checkAdjacency checks the invariants documented on Adjacency.
func checkAdjacency(a Adjacency) error { return checkRows(a, nil) }

// checkRows is checkAdjacency that also, when indeg is not nil (n+1
// long), adds one to indeg[v+1] for every arc u→v it checks.
func checkRows(a Adjacency, indeg []int64) error {
	n := len(a.Offsets) - 1
	if n < 0 || a.Offsets[0] != 0 || a.Offsets[n] != int64(len(a.Targets)) {
		return errors.New("bad offsets")
	}
	for u := 0; u < n; u++ {
		lo, hi := a.Offsets[u], a.Offsets[u+1]
		if lo > hi || hi > int64(len(a.Targets)) {
			return fmt.Errorf("vertex %d: offsets decrease", u)
		}
		prev := int64(-1)
		for _, t := range a.Targets[lo:hi] {
			if int64(t) >= int64(n) || t == uint32(u) || int64(t) <= prev {
				return fmt.Errorf("vertex %d: neighbours not sorted, distinct, in range and loop-free", u)
			}
			prev = int64(t)
			if indeg != nil {
				indeg[t+1]++
			}
		}
	}
	return nil
}

// maxPrealloc is the most memory, in bytes, that a snapshot header alone can
// make readArray reserve; past it arrays grow as the data arrives, so a
// crafted header cannot allocate memory the input does not back.
const maxPrealloc = 1 << 26

// littleEndian reports whether this machine stores integers as the snapshot
// does, so that arrays can be read straight into their memory.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// readArray reads k little-endian elements directly into the slice's
// memory (on a big-endian machine it swaps them afterwards).
func readArray[T int64 | uint32 | float32](s *snapReader, k int) ([]T, error) {
	size := binary.Size(T(0))
	out := make([]T, 0, min(k, maxPrealloc/size))
	if s.backed {
		out = make([]T, 0, k)
	}
	for len(out) < k {
		c := min(k-len(out), max(snapChunk, len(out)))
		out = slices.Grow(out, c)
		seg := out[len(out) : len(out)+c]
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(seg))), c*size)
		if err := s.fill(b); err != nil {
			return nil, err
		}
		if !littleEndian {
			for i := 0; i < len(b); i += size {
				slices.Reverse(b[i : i+size])
			}
		}
		out = out[:len(out)+c]
	}
	return out, nil
}

// readNames reads the name bytes delimited by ends and cuts them into one
// string per vertex, sharing one allocation.
func readNames(s *snapReader, ends []uint32) ([]string, error) {
	total := uint32(0)
	for i, e := range ends {
		if e < total {
			return nil, fmt.Errorf("name %d: end offsets decrease", i)
		}
		total = e
	}
	var blob []byte
	for len(blob) < int(total) {
		b, err := s.next(min(int(total)-len(blob), 1<<20))
		if err != nil {
			return nil, err
		}
		blob = append(blob, b...)
	}
	all := string(blob)
	names := make([]string, len(ends))
	start := uint32(0)
	for i, e := range ends {
		names[i] = all[start:e]
		start = e
	}
	return names, nil
}

// checkedLabels builds a label table from untrusted names, turning the panic
// NewLabels raises on a repeated name into an error. Nil names give nil.
func checkedLabels(names []string) (l *Labels, err error) {
	if names == nil {
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return NewLabels(names), nil
}
