package graph

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// ErrTooLarge is returned when a graph would exceed the uint32 vertex id range.
var ErrTooLarge = errors.New("graph too large for uint32 vertex ids")

// Options say how the edges given to a Builder (or read by a loader) become arcs.
type Options struct {
	// Undirected stores every edge u v as the two arcs u→v and v→u.
	Undirected bool
	// Reverse reads an edge u v as the arc v→u: for follower lists where
	// "u v" means "u follows v", so content flows from v to u.
	Reverse bool
}

// Stats describe a graph as it was built. Degree moments are over out-degrees
// (for an undirected graph, the degree).
type Stats struct {
	Nodes      int  `json:"nodes"`
	Edges      int  `json:"edges"` // arcs stored; an undirected edge counts twice
	Directed   bool `json:"directed"`
	Weighted   bool `json:"weighted"`
	SelfLoops  int  `json:"self_loops"` // input edges u u, dropped
	Duplicates int  `json:"duplicates"` // input edges that repeated an earlier one, merged (the larger weight is kept)
	Isolated   int  `json:"isolated"`   // vertices with no arc in or out
	MaxOut     int  `json:"max_out_degree"`
	MaxIn      int  `json:"max_in_degree"`
	// MeanDegree is <k>, SecondMoment is <k²>, MeanInOut is <k_in·k_out>.
	MeanDegree   float64 `json:"mean_degree"`
	SecondMoment float64 `json:"second_moment"`
	MeanInOut    float64 `json:"mean_in_out"`
	// Reciprocity is the fraction of arcs u→v whose reverse v→u is also present
	// (1 for an undirected graph).
	Reciprocity float64 `json:"reciprocity"`
}

// Builder collects vertices and edges and compiles them into a CSR. Vertices
// are either named (AddNode) or anonymous (AddNodes, named by their id); a
// builder uses one kind or the other. The zero Builder is not usable; call
// NewBuilder.
type Builder struct {
	opt      Options
	n        int
	names    []string
	index    map[string]uint32
	src, dst []uint32
	w        []float32
	weighted bool
}

// NewBuilder returns an empty builder that applies opt to every edge.
func NewBuilder(opt Options) *Builder {
	return &Builder{opt: opt}
}

// Grow reserves room for m more edges.
func (b *Builder) Grow(m int) {
	b.src = growU32(b.src, m)
	b.dst = growU32(b.dst, m)
	if b.weighted {
		b.w = growF32(b.w, m)
	}
}

// AddNode returns the id of the vertex named name, adding it if it is new.
// It panics if anonymous vertices were added before.
func (b *Builder) AddNode(name string) uint32 {
	if b.index == nil {
		if b.n > 0 {
			panic("graph: AddNode after AddNodes")
		}
		b.index = make(map[string]uint32)
	}
	if id, ok := b.index[name]; ok {
		return id
	}
	id := uint32(b.n)
	b.index[name] = id
	b.names = append(b.names, name)
	b.n++
	return id
}

// Lookup returns the id of the vertex named name, if one was added.
func (b *Builder) Lookup(name string) (uint32, bool) {
	id, ok := b.index[name]
	return id, ok
}

// AddNodes adds k anonymous vertices, named by their ids, and returns the id
// of the first. It panics if named vertices were added before.
func (b *Builder) AddNodes(k int) uint32 {
	if b.index != nil {
		panic("graph: AddNodes after AddNode")
	}
	first := uint32(b.n)
	b.n += k
	return first
}

// NumNodes returns the number of vertices added so far.
func (b *Builder) NumNodes() int { return b.n }

// NumEdges returns the number of edges added so far, as given (before
// Options are applied and duplicates merged).
func (b *Builder) NumEdges() int { return len(b.src) }

// AddEdge adds the edge u v, read according to the builder's Options. Ids are
// checked by Build.
func (b *Builder) AddEdge(u, v uint32) {
	b.src = append(b.src, u)
	b.dst = append(b.dst, v)
	if b.weighted {
		b.w = append(b.w, 1)
	}
}

// AddWeightedEdge adds the edge u v with weight w. The first weighted edge
// makes the whole graph weighted; edges added without a weight weigh 1.
func (b *Builder) AddWeightedEdge(u, v uint32, w float32) {
	b.makeWeighted()
	b.src = append(b.src, u)
	b.dst = append(b.dst, v)
	b.w = append(b.w, w)
}

// makeWeighted makes the graph weighted, if it is not yet, giving the edges
// added so far the weight 1.
func (b *Builder) makeWeighted() {
	if b.weighted {
		return
	}
	b.weighted = true
	b.w = make([]float32, len(b.src), cap(b.src))
	for i := range b.w {
		b.w[i] = 1
	}
}

// addMapped adds, in bulk, the edges ids[src[i]] ids[dst[i]] (src[i]
// dst[i] when ids is nil) with the weights w (empty: each edge weighs 1),
// as AddWeightedEdge or AddEdge would one at a time. Loaders hand their
// buffered edges over with it, renaming their provisional ids through ids.
func (b *Builder) addMapped(ids, src, dst []uint32, w []float32) {
	if len(w) > 0 {
		b.makeWeighted()
	}
	b.src = appendMapped(b.src, ids, src)
	b.dst = appendMapped(b.dst, ids, dst)
	switch {
	case len(w) > 0:
		b.w = append(b.w, w...)
	case b.weighted:
		for range src {
			b.w = append(b.w, 1)
		}
	}
}

// appendMapped appends ids[p] for every p in from to s (p itself when ids
// is nil).
func appendMapped(s, ids, from []uint32) []uint32 {
	if ids == nil {
		return append(s, from...)
	}
	n := len(s)
	s = slices.Grow(s, len(from))[:n+len(from)]
	t := s[n:]
	for i, p := range from {
		t[i] = ids[p]
	}
	return s
}

// Build validates the edges and compiles the graph. It rejects ids outside
// the vertices added and weights that are not finite and positive; it drops
// self-loops and merges repeated arcs (keeping the larger weight), counting
// both in Stats. Build costs O(n + m) time and about 16 bytes of memory per
// arc beyond the result. The builder may not be used afterwards: the graph
// may keep its edge arrays.
func (b *Builder) Build() (*CSR, error) {
	n := b.n
	if n >= math.MaxUint32 {
		return nil, fmt.Errorf("graph: %d vertices: %w", n, ErrTooLarge)
	}
	loops, inOrder, err := b.check()
	if err != nil {
		return nil, err
	}
	src, dst, w := b.src, b.dst, b.w
	b.src, b.dst, b.w = nil, nil, nil
	if b.opt.Reverse {
		src, dst = dst, src
	}
	off := make([]int64, n+1)
	var (
		targets []uint32
		weights []float32
		dups    int
	)
	if inOrder && !b.opt.Undirected {
		// Already in row order, as SNAP files usually are: no sorting, and
		// the rows are made in place in dst.
		targets, weights, dups = compactRows(src, dst, w, off)
	} else {
		arcs := len(src) - loops
		if b.opt.Undirected {
			arcs *= 2
		}
		targets, weights = sortArcs(src, dst, w, b.opt.Undirected, arcs, off)
		targets, weights, dups = mergeRepeats(off, targets, weights)
		if b.opt.Undirected {
			dups /= 2
		}
	}
	g := &CSR{
		Out:      Adjacency{Offsets: off, Targets: targets, Weights: weights},
		directed: !b.opt.Undirected,
	}
	g.In = g.Out // a symmetric adjacency is its own transpose
	if g.directed {
		// The sources are no longer needed: their array holds the in-targets.
		g.In = transposeParts(g.Out, n, parts(len(targets)), src)
	}
	if b.names != nil {
		g.labels = NewLabels(b.names)
	} else {
		g.labels = IDLabels(n)
	}
	g.stats = computeStats(g)
	g.stats.SelfLoops = loops
	g.stats.Duplicates = dups
	return g, nil
}

// check validates the edges: ids in range and weights finite and positive,
// reporting the first bad edge. Its pass over the ids also counts the self-loops and reports
// whether the arcs, read with the builder's Options, are sorted by source
// and then target, so that they can be made into rows without sorting.
func (b *Builder) check() (loops int, inOrder bool, err error) {
	n, reverse := b.n, b.opt.Reverse
	bad := len(b.src) // the first edge with a bad weight
	for i, w := range b.w {
		if !(w > 0) || math.IsInf(float64(w), 0) {
			bad = i
			break
		}
	}
	// Ids are checked up to the first bad weight (an edge's ids before its
	// weight), so that the first bad edge is the one reported.
	end := min(bad+1, len(b.src))
	src, dst := b.src[:end], b.dst[:end]
	inOrder = true
	var pu, pv uint32 // the previous arc
	for i, u := range src {
		v := dst[i]
		if int(u) >= n || int(v) >= n {
			return 0, false, fmt.Errorf("graph: edge %d: vertex id out of range [0,%d): %d %d", i, n, u, v)
		}
		if u == v {
			loops++
		}
		if reverse {
			u, v = v, u
		}
		if u < pu || (u == pu && v < pv) {
			inOrder = false
		}
		pu, pv = u, v
	}
	if bad < len(b.src) {
		return 0, false, fmt.Errorf("graph: edge %d: bad weight: w=%v (want a finite number > 0)", bad, b.w[bad])
	}
	return loops, inOrder, nil
}

// compactRows makes rows of arcs src[i]→dst[i] that are already in row
// order, in one pass that overwrites dst (and w) in place: it drops
// self-loops, merges repeated arcs (adjacent in row order; the larger
// weight is kept) and fills off with the row offsets. It returns the
// targets and weights (nil when w is nil), which alias dst and w, and the
// number of repeats merged.
func compactRows(src, dst []uint32, w []float32, off []int64) ([]uint32, []float32, int) {
	k, dups := 0, 0
	var last uint32 // the source of the last arc kept
	for i, u := range src {
		v := dst[i]
		switch {
		case u == v:
			continue
		case k > 0 && u == last && v == dst[k-1]:
			dups++
			if w != nil && w[i] > w[k-1] {
				w[k-1] = w[i]
			}
			continue
		}
		off[u+1]++
		dst[k] = v
		if w != nil {
			w[k] = w[i]
		}
		last = u
		k++
	}
	prefix(off)
	targets := shrink(dst[:k])
	var weights []float32
	if w != nil {
		weights = shrink(w[:k])
	}
	return targets, weights, dups
}

// shrink returns s without its spare capacity, copying it when that
// capacity is more than an eighth of its length, so that a graph does not
// keep alive room it will never use.
func shrink[E any](s []E) []E {
	if cap(s)-len(s) > len(s)/8 {
		return slices.Clone(s)
	}
	return s[:len(s):len(s)]
}

// mergeRepeats merges repeated arcs, which sit next to each other in the
// sorted rows off/targets, keeping the larger weight. It compacts the rows
// in place and returns them with the number of arcs merged.
func mergeRepeats(off []int64, targets []uint32, weights []float32) ([]uint32, []float32, int) {
	n := len(off) - 1
	dups := 0
	k := int64(0)
	for u := 0; u < n; u++ {
		start, end := off[u], off[u+1]
		off[u] = k
		for j := start; j < end; j++ {
			if j > start && targets[j] == targets[j-1] {
				dups++
				if weights != nil && weights[j] > weights[k-1] {
					weights[k-1] = weights[j]
				}
				continue
			}
			targets[k] = targets[j]
			if weights != nil {
				weights[k] = weights[j]
			}
			k++
		}
	}
	off[n] = k
	targets = targets[:k:k]
	if weights != nil {
		weights = weights[:k:k]
	}
	return targets, weights, dups
}

// FromAdjacency assembles a CSR from an out-adjacency that already keeps the
// Adjacency invariants (sorted rows, no duplicates, no self-loops), computing
// the in-adjacency and the statistics. Loaders of trusted formats (the binary
// snapshot) and generators use it; it validates ids and row order and returns
// an error rather than building a broken graph. A nil labels names vertices
// by id.
func FromAdjacency(out Adjacency, labels *Labels, directed bool) (*CSR, error) {
	n := len(out.Offsets) - 1
	if n < 0 || out.Offsets[0] != 0 || out.Offsets[n] != int64(len(out.Targets)) {
		return nil, fmt.Errorf("graph: bad offsets: %d offsets for %d arcs (want n+1 offsets from 0 to the arc count)", len(out.Offsets), len(out.Targets))
	}
	if out.Weights != nil && len(out.Weights) != len(out.Targets) {
		return nil, fmt.Errorf("graph: %d weights for %d arcs", len(out.Weights), len(out.Targets))
	}
	for u := 0; u < n; u++ {
		lo, hi := out.Offsets[u], out.Offsets[u+1]
		if lo > hi || hi > int64(len(out.Targets)) {
			return nil, fmt.Errorf("graph: vertex %d: bad offsets %d..%d for %d arcs", u, lo, hi, len(out.Targets))
		}
		for j := lo; j < hi; j++ {
			t := out.Targets[j]
			if int(t) >= n || t == uint32(u) || (j > lo && t <= out.Targets[j-1]) {
				return nil, fmt.Errorf("graph: vertex %d: neighbours not sorted, distinct, in range and loop-free", u)
			}
		}
	}
	if labels == nil {
		labels = IDLabels(n)
	} else if labels.Len() != n {
		return nil, fmt.Errorf("graph: %d labels for %d vertices", labels.Len(), n)
	}
	g := &CSR{Out: out, In: transpose(out, n), directed: directed, labels: labels}
	if !directed {
		// An undirected graph must be symmetric; it then shares one adjacency
		// for both directions.
		if !slices.Equal(g.In.Offsets, out.Offsets) || !slices.Equal(g.In.Targets, out.Targets) || !slices.Equal(g.In.Weights, out.Weights) {
			return nil, errors.New("graph: undirected adjacency is not symmetric")
		}
		g.In = out
	}
	g.stats = computeStats(g)
	return g, nil
}

// sortArcs puts the arcs (both directions of each edge when undirected,
// self-loops dropped) into rows sorted by target, with two stable counting
// sorts: by target, then by source. It fills off with the row offsets and
// returns the targets and weights (nil when w is nil). O(n + m) time.
func sortArcs(src, dst []uint32, w []float32, undirected bool, arcs int, off []int64) ([]uint32, []float32) {
	n := len(off) - 1
	for i, u := range src {
		if v := dst[i]; u != v {
			off[v+1]++
			if undirected {
				off[u+1]++
			}
		}
	}
	prefix(off)
	pos := append([]int64(nil), off[:n]...)
	bySrc := make([]uint32, arcs) // the source of each arc, in target order
	byDst := make([]uint32, arcs)
	var byW []float32
	if w != nil {
		byW = make([]float32, arcs)
	}
	put := func(u, v uint32, i int) {
		p := pos[v]
		pos[v]++
		bySrc[p], byDst[p] = u, v
		if byW != nil {
			byW[p] = w[i]
		}
	}
	for i, u := range src {
		if v := dst[i]; u != v {
			put(u, v, i)
			if undirected {
				put(v, u, i)
			}
		}
	}
	clear(off)
	for _, u := range bySrc {
		off[u+1]++
	}
	prefix(off)
	copy(pos, off[:n])
	targets := make([]uint32, arcs)
	var weights []float32
	if w != nil {
		weights = make([]float32, arcs)
	}
	for i, u := range bySrc {
		p := pos[u]
		pos[u]++
		targets[p] = byDst[i]
		if weights != nil {
			weights[p] = byW[i]
		}
	}
	return targets, weights
}

// transpose returns the in-adjacency of out. It is a counting sort of the
// arcs by target; rows come out sorted because sources are visited in
// ascending order. Large graphs are split into parts of consecutive sources
// (see parts) that count and place their arcs concurrently: the arcs of
// part p go into each row after those of the parts before it, so the rows
// are the same as with one part.
func transpose(out Adjacency, n int) Adjacency {
	return transposeParts(out, n, parts(len(out.Targets)), nil)
}

// transposeParts is transpose split into k parts. It writes the in-targets
// into buf when buf has room for them, else into a new array.
func transposeParts(out Adjacency, n, k int, buf []uint32) Adjacency {
	cut := splitArcs(out.Offsets, k)
	// pos[p][v] is first the number of arcs part p sends to v, then the
	// next slot of row v that part p fills.
	pos := make([][]int64, k)
	forEachPart(k, func(p int) {
		c := make([]int64, n)
		for _, v := range out.Targets[out.Offsets[cut[p]]:out.Offsets[cut[p+1]]] {
			c[v]++
		}
		pos[p] = c
	})
	off := make([]int64, n+1)
	for v := range n {
		s := off[v]
		for _, c := range pos {
			count := c[v]
			c[v] = s
			s += count
		}
		off[v+1] = s
	}
	in := Adjacency{Offsets: off}
	if m := len(out.Targets); cap(buf) >= m {
		in.Targets = shrink(buf[:m])
	} else {
		in.Targets = make([]uint32, m)
	}
	if out.Weights != nil {
		in.Weights = make([]float32, len(out.Weights))
	}
	forEachPart(k, func(p int) {
		next := pos[p]
		for u := cut[p]; u < cut[p+1]; u++ {
			lo, hi := out.Offsets[u], out.Offsets[u+1]
			for j, v := range out.Targets[lo:hi] {
				q := next[v]
				next[v]++
				in.Targets[q] = uint32(u)
				if in.Weights != nil {
					in.Weights[q] = out.Weights[lo+int64(j)]
				}
			}
		}
	})
	return in
}

// minArcsPerPart is the fewest arcs worth a goroutine of their own in
// transpose and computeStats.
const minArcsPerPart = 1 << 18

// parts returns into how many parts to split the work on m arcs: one per
// processor Go may use (GOMAXPROCS), at most 4, and at least minArcsPerPart
// arcs each. The result is the same for any number of parts.
func parts(m int) int {
	return max(1, min(runtime.GOMAXPROCS(0), 4, m/minArcsPerPart))
}

// splitArcs cuts the vertices 0..n-1 of the rows off into k ranges of
// consecutive vertices holding about as many arcs each: range p is
// cut[p]..cut[p+1]-1.
func splitArcs(off []int64, k int) []int {
	n := len(off) - 1
	m := off[n]
	cut := make([]int, k+1)
	for p := 1; p < k; p++ {
		cut[p], _ = slices.BinarySearch(off, int64(p)*m/int64(k))
	}
	cut[k] = n
	return cut
}

// forEachPart calls f(0), …, f(k-1), concurrently when k > 1, and waits.
func forEachPart(k int, f func(p int)) {
	if k == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for p := range k {
		wg.Go(func() { f(p) })
	}
	wg.Wait()
}

// computeStats computes the statistics of g but for SelfLoops and
// Duplicates, which only the Builder knows. Large graphs are split into
// parts of consecutive vertices computed concurrently; the sums are of
// whole numbers (exact in float64 below 2⁵³), so the result does not
// depend on the split.
func computeStats(g *CSR) Stats {
	return statsParts(g, parts(g.M()), -1)
}

// statsParts is computeStats split into k parts. recip is the number of
// arcs whose reverse is present, when the caller counted them (see
// transposeChecked), else -1.
func statsParts(g *CSR, k, recip int) Stats {
	n := g.N()
	s := Stats{Nodes: n, Edges: g.M(), Directed: g.directed, Weighted: g.Weighted()}
	if n == 0 {
		return s
	}
	cut := splitArcs(g.Out.Offsets, k)
	sums := make([]degreeSums, len(cut)-1)
	forEachPart(len(sums), func(p int) {
		sums[p] = sumDegrees(g, cut[p], cut[p+1], recip < 0)
	})
	var t degreeSums
	for _, x := range sums {
		t.isolated += x.isolated
		t.maxOut = max(t.maxOut, x.maxOut)
		t.maxIn = max(t.maxIn, x.maxIn)
		t.sum += x.sum
		t.sum2 += x.sum2
		t.sumIO += x.sumIO
		t.recip += x.recip
	}
	if recip >= 0 {
		t.recip = recip
	}
	s.Isolated, s.MaxOut, s.MaxIn = t.isolated, t.maxOut, t.maxIn
	s.MeanDegree = t.sum / float64(n)
	s.SecondMoment = t.sum2 / float64(n)
	s.MeanInOut = t.sumIO / float64(n)
	switch {
	case !g.directed:
		s.Reciprocity = 1
	case g.M() > 0:
		s.Reciprocity = float64(t.recip) / float64(g.M())
	}
	return s
}

// degreeSums are the sums over a range of vertices that computeStats needs.
type degreeSums struct {
	isolated, maxOut, maxIn int
	sum, sum2, sumIO        float64
	recip                   int // arcs whose reverse is present (directed graphs)
}

// sumDegrees sums the degrees of the vertices lo..hi-1 of g, and counts
// their reciprocated arcs if recip is set.
func sumDegrees(g *CSR, lo, hi int, recip bool) degreeSums {
	var s degreeSums
	for u := uint32(lo); int(u) < hi; u++ {
		kout, kin := g.Out.Degree(u), g.In.Degree(u)
		if kout == 0 && kin == 0 {
			s.isolated++
		}
		s.maxOut = max(s.maxOut, kout)
		s.maxIn = max(s.maxIn, kin)
		s.sum += float64(kout)
		s.sum2 += float64(kout) * float64(kout)
		s.sumIO += float64(kin) * float64(kout)
		if g.directed && recip {
			s.recip += intersect(g.Out.Neighbors(u), g.In.Neighbors(u))
		}
	}
	return s
}

// intersect counts the elements two ascending lists share, in one merge pass.
// For out(u) and in(u) these are the arcs u→v whose reverse v→u exists.
func intersect(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func prefix(off []int64) {
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
}

func growU32(s []uint32, m int) []uint32 {
	if cap(s)-len(s) >= m {
		return s
	}
	t := make([]uint32, len(s), len(s)+m)
	copy(t, s)
	return t
}

func growF32(s []float32, m int) []float32 {
	if cap(s)-len(s) >= m {
		return s
	}
	t := make([]float32, len(s), len(s)+m)
	copy(t, s)
	return t
}
