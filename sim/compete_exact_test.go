package sim

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// Exact answers for competing cascades on tiny graphs.
//
// Every content has its own independent coin on every arc, so a world is a
// choice of live arcs per content: 2^(contents·arcs) worlds, each weighted
// by its probability. Within a world the play is deterministic but for the
// tie picks and the conversion coins; exactCompete branches on those with
// their exact probabilities (1/k for a tie among k contents, q or 1−q for
// a conversion), level by level, and sums over every outcome.

// exactContent is one content of an exact computation.
type exactContent struct {
	seeds   []uint32
	start   int
	p       func(j int) float64 // arc probability
	convert float64
}

// exactOutcome holds exact expectations: adopt[c][v] = P(v ever adopts c),
// reach[c] = E[people who adopted c], reach2[c] = E[its square],
// first[c] = E[F_c], held[c] = E[H_c], reached = E[N].
type exactOutcome struct {
	adopt                [][]float64
	reach, reach2, first []float64
	held                 []float64
	reached              float64
}

type exactCompeteState struct {
	hold  []int // −1: nothing
	ever  []uint8
	front [][]uint32
	first []int
}

func (s exactCompeteState) clone() exactCompeteState {
	f := make([][]uint32, len(s.front))
	for c := range f {
		f[c] = slices.Clone(s.front[c])
	}
	return exactCompeteState{hold: slices.Clone(s.hold), ever: slices.Clone(s.ever), front: f, first: slices.Clone(s.first)}
}

// exactCompete enumerates every world and every tie and conversion outcome.
func exactCompete(t *testing.T, g *graph.CSR, cs []exactContent) exactOutcome {
	t.Helper()
	n, m, nc := g.N(), g.M(), len(cs)
	if nc*m > 20 {
		t.Fatalf("exactCompete: 2^%d worlds, too many", nc*m)
	}
	out := exactOutcome{adopt: make([][]float64, nc), reach: make([]float64, nc), reach2: make([]float64, nc), first: make([]float64, nc), held: make([]float64, nc)}
	for c := range out.adopt {
		out.adopt[c] = make([]float64, n)
	}
	lastStart := 0
	for _, c := range cs {
		lastStart = max(lastStart, c.start)
	}
	live := make([][]bool, nc)
	for c := range live {
		live[c] = make([]bool, m)
	}
	final := func(s exactCompeteState, w float64) {
		tot := 0
		for c := range nc {
			r := 0
			for v := range n {
				if s.ever[v]&(1<<c) != 0 {
					out.adopt[c][v] += w
					r++
				}
				if s.hold[v] == c {
					out.held[c] += w
				}
			}
			out.reach[c] += w * float64(r)
			out.reach2[c] += w * float64(r*r)
			out.first[c] += w * float64(s.first[c])
			tot += s.first[c]
		}
		out.reached += w * float64(tot)
	}
	var level func(L int, s exactCompeteState, w float64)
	level = func(L int, s exactCompeteState, w float64) {
		arr := map[uint32]uint8{}
		add := func(c int, v uint32) {
			if s.ever[v]&(1<<c) == 0 {
				arr[v] |= 1 << c
			}
		}
		for c, ct := range cs {
			if ct.start == L {
				for _, v := range ct.seeds {
					add(c, v)
				}
			}
			for _, u := range s.front[c] {
				for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
					if live[c][j] {
						add(c, g.Out.Targets[j])
					}
				}
			}
		}
		if len(arr) == 0 && L > lastStart {
			final(s, w)
			return
		}
		nodes := make([]uint32, 0, len(arr))
		for v := range arr {
			nodes = append(nodes, v)
		}
		slices.Sort(nodes)
		for c := range s.front {
			s.front[c] = nil
		}
		adopt := func(s exactCompeteState, v uint32, c int) exactCompeteState {
			s = s.clone()
			if s.hold[v] < 0 {
				s.first[c]++
			}
			s.hold[v] = c
			s.ever[v] |= 1 << c
			s.front[c] = append(s.front[c], v)
			return s
		}
		var node func(i int, s exactCompeteState, w float64)
		node = func(i int, s exactCompeteState, w float64) {
			if i == len(nodes) {
				level(L+1, s, w)
				return
			}
			v := nodes[i]
			mask := arr[v]
			if s.hold[v] < 0 {
				k := float64(popcount(mask))
				for c := range nc {
					if mask&(1<<c) != 0 {
						node(i+1, adopt(s, v, c), w/k)
					}
				}
				return
			}
			// Conversion: every subset of the candidates converts with
			// its probability; a non-empty one picks uniformly.
			var cand []int
			for c := range nc {
				if mask&(1<<c) != 0 && cs[c].convert > 0 {
					cand = append(cand, c)
				}
			}
			for sub := 0; sub < 1<<len(cand); sub++ {
				pw := 1.0
				var won []int
				for b, c := range cand {
					if sub&(1<<b) != 0 {
						pw *= cs[c].convert
						won = append(won, c)
					} else {
						pw *= 1 - cs[c].convert
					}
				}
				if pw == 0 {
					continue
				}
				if len(won) == 0 {
					node(i+1, s, w*pw)
					continue
				}
				for _, c := range won {
					node(i+1, adopt(s, v, c), w*pw/float64(len(won)))
				}
			}
		}
		node(0, s, w)
	}
	for world := 0; world < 1<<(nc*m); world++ {
		w := 1.0
		for c := range nc {
			for j := range m {
				p := cs[c].p(j)
				live[c][j] = world&(1<<(c*m+j)) != 0
				if live[c][j] {
					w *= p
				} else {
					w *= 1 - p
				}
			}
		}
		if w == 0 {
			continue
		}
		s := exactCompeteState{hold: make([]int, n), ever: make([]uint8, n), front: make([][]uint32, nc), first: make([]int, nc)}
		for v := range s.hold {
			s.hold[v] = -1
		}
		level(0, s, w)
	}
	return out
}

func popcount(m uint8) int {
	k := 0
	for ; m != 0; m &= m - 1 {
		k++
	}
	return k
}

// raceArcs is a 7-node graph where ours (seed 0) and a rival (seed 5)
// reach node 2 in one step each and node 3 in two steps each, and node 6
// only through 3: ties at the same delay, later arrivals at another.
var raceArcs = [][2]uint32{{0, 1}, {0, 2}, {1, 3}, {2, 3}, {5, 4}, {5, 2}, {4, 3}, {3, 6}}

// TestCompeteExact compares Monte Carlo with the exact first-arrival
// probabilities: for every node and content, P(the node adopts the content)
// within 4 binomial standard errors; the mean reach of every content
// within 4 exact standard errors; ours' first-arrival share within 4 of its
// own standard errors. About 60 comparisons at 4 sd: a false alarm has
// probability below 0.5%, and the seed is fixed, so a failure is
// reproducible and means the model is wrong.
func TestCompeteExact(t *testing.T) {
	weights := []float32{0.9, 0.5, 1, 0.3, 0.7, 0.6, 0.8, 1}
	cases := []struct {
		name      string
		weighted  bool
		ours, riv exactContent
		sOurs     float64
		sRiv      float64
	}{
		{name: "same start, ties", ours: exactContent{seeds: []uint32{0}}, riv: exactContent{seeds: []uint32{5}}, sOurs: 0.6, sRiv: 0.7},
		{name: "rival one generation later", ours: exactContent{seeds: []uint32{0}}, riv: exactContent{seeds: []uint32{5}, start: 1}, sOurs: 0.5, sRiv: 0.9},
		{name: "ours later, trust weights", weighted: true, ours: exactContent{seeds: []uint32{0}, start: 1}, riv: exactContent{seeds: []uint32{5}}, sOurs: 0.9, sRiv: 0.8},
		{name: "clarification converts", ours: exactContent{seeds: []uint32{0}, start: 1, convert: 0.6}, riv: exactContent{seeds: []uint32{5}, convert: 0.3}, sOurs: 0.7, sRiv: 0.6},
		{name: "certain arcs, certain conversion", ours: exactContent{seeds: []uint32{0}, start: 1, convert: 1}, riv: exactContent{seeds: []uint32{5}}, sOurs: 1, sRiv: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var w []float32
			ic := IC{}
			if tc.weighted {
				w, ic.Weighting = weights, TrustWeights
			}
			g := buildGraph(t, 7, raceArcs, w, false)
			prob := func(s float64) func(j int) float64 {
				return func(j int) float64 {
					if w == nil {
						return s
					}
					return math.Min(1, s*float64(g.Out.Weights[j]))
				}
			}
			tc.ours.p, tc.riv.p = prob(tc.sOurs), prob(tc.sRiv)
			ex := exactCompete(t, g, []exactContent{tc.ours, tc.riv})

			k, err := Compete{IC: ic, Contents: []Content{
				{Name: "ours", Seeds: at0(tc.ours.seeds...), Start: float64(tc.ours.start), Strength: tc.sOurs, Convert: tc.ours.convert},
				{Name: "rival", Seeds: at0(tc.riv.seeds...), Start: float64(tc.riv.start), Strength: tc.sRiv, Convert: tc.riv.convert},
			}}.Bind(g)
			if err != nil {
				t.Fatal(err)
			}
			N := 40000.0
			if testing.Short() {
				N = 10000 // the tolerances follow N
			}
			res, err := RunCompete(context.Background(), k, Config{Seed: 3, Trials: int(N), Theta: 0.5, Record: RecorderOptions{Hits: true}})
			if err != nil {
				t.Fatal(err)
			}
			for c, r := range res.Contents {
				for v, want := range ex.adopt[c] {
					got := float64(r.Acc.Hits[v]) / N
					tol := 4*math.Sqrt(want*(1-want)/N) + 1e-9
					if math.Abs(got-want) > tol {
						t.Errorf("P(node %d adopts %s): got=%.4f, want=%.4f ± %.4f", v, res.Names[c], got, want, tol)
					}
				}
				mean := ex.reach[c]
				se := math.Sqrt(math.Max(ex.reach2[c]-mean*mean, 0) / N)
				if got := r.Summary.Reach.Mean; math.Abs(got-mean) > 4*se+1e-9 {
					t.Errorf("mean reach of %s: got=%.4f, want=%.4f ± %.4f", res.Names[c], got, mean, 4*se)
				}
				if got, want := res.Sums.Held[c].Float64()/N, ex.held[c]; math.Abs(got-want) > 0.05 {
					t.Errorf("mean holders of %s: got=%.4f, want=%.4f", res.Names[c], got, want)
				}
			}
			sh := res.FirstShare(0)
			if want := ex.first[0] / ex.reached; math.Abs(sh.Mean-want) > 4*sh.SE {
				t.Errorf("first share of ours: got=%.4f ± %.4f, want=%.4f", sh.Mean, 4*sh.SE, want)
			}
			hs := res.HeldShare(0)
			if want := ex.held[0] / ex.reached; math.Abs(hs.Mean-want) > 4*hs.SE+1e-12 {
				t.Errorf("held share of ours: got=%.4f ± %.4f, want=%.4f", hs.Mean, 4*hs.SE, want)
			}
			if testing.Verbose() {
				fmt.Printf("%s: P(2 adopts ours)=%.4f, P(3 adopts ours)=%.4f, share=%.4f\n", tc.name, ex.adopt[0][2], ex.adopt[0][3], ex.first[0]/ex.reached)
			}
		})
	}
}

// TestCompeteTieIsFair pins the tie rule on the smallest case: two seeds
// with certain arcs to one node, both arriving at generation 1; each
// content must win about half the time (4 binomial standard errors).
func TestCompeteTieIsFair(t *testing.T) {
	g := buildGraph(t, 3, [][2]uint32{{0, 2}, {1, 2}}, nil, false)
	k, err := Compete{Contents: []Content{
		{Name: "a", Seeds: at0(0), Strength: 1},
		{Name: "b", Seeds: at0(1), Strength: 1},
	}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	const N = 20000
	res, err := RunCompete(context.Background(), k, Config{Seed: 1, Trials: N, Theta: 1, Record: RecorderOptions{Hits: true}})
	if err != nil {
		t.Fatal(err)
	}
	got := float64(res.Contents[0].Acc.Hits[2]) / N
	if tol := 4 * math.Sqrt(0.25/N); math.Abs(got-0.5) > tol {
		t.Errorf("P(a wins the tie): got=%.4f, want=0.5 ± %.4f", got, tol)
	}
	if h := res.Contents[0].Acc.Hits[2] + res.Contents[1].Acc.Hits[2]; h != N {
		t.Errorf("node 2 adopted %d times in %d trials, want once per trial", h, N)
	}
}
