package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// binom is the binomial coefficient C(n, k).
func binom(n, k int) float64 {
	c := 1.0
	for i := range k {
		c = c * float64(n-i) / float64(i+1)
	}
	return c
}

// TestSIRStarExact checks SIR where its correlations show: a seeded hub
// with k leaves. Given the hub's infectious period D ~ Exp(γ), each leaf is
// infected independently with probability 1−e^{−βD}, so a given set of m
// leaves (and no other) is infected with probability
// E[(1−e^{−βD})^m e^{−(k−m)βD}] = Σ_j C(m,j)(−1)^j γ/(γ+(k−m+j)β): not the
// Binomial(k, T) of IC, though each leaf is infected with probability T.
// The clock: an infected leaf's infection time is Exp(β+γ), so a fraction
// 1−e^{−(β+γ)t₀} of the infections fall before t₀.
func TestSIRStarExact(t *testing.T) {
	const k, tr, gamma, trials = 5, 0.4, 0.5, 60000
	arcs := make([][2]uint32, k)
	for i := range arcs {
		arcs[i] = [2]uint32{0, uint32(i + 1)}
	}
	g := buildGraph(t, k+1, arcs, nil, false)
	kern, err := SIR{Strength: tr, InfectiousPeriod: 1 / gamma}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	beta := gamma * tr / (1 - tr)
	want := make([]float64, k+2) // by reach = 1 + m
	for m := 0; m <= k; m++ {
		p := 0.0
		for j := 0; j <= m; j++ {
			p += binom(m, j) * math.Pow(-1, float64(j)) * gamma / (gamma + float64(k-m+j)*beta)
		}
		want[1+m] = binom(k, m) * p
	}
	p := newModelPlayerWith(kern, RecorderOptions{Bins: 16, BinWidth: 0.7, Exposures: true}) // t₀ = 0.7
	got := make([]float64, k+2)
	early, infected := 0.0, 0.0
	for i := range trials {
		r := p.play(2, uint64(i), []Start{{Node: 0, Active: true}})
		got[r.reach]++
		early += float64(r.bins[0] - 1) // the hub is infected at t = 0
		infected += float64(r.reach - 1)
		if r.exposed != k+1 {
			t.Fatalf("trial %d: got exposed=%d, want=%d", i, r.exposed, k+1)
		}
	}
	for m := range got {
		checkProb(t, fmt.Sprintf("P(reach = %d)", m), got[m]/trials, want[m], trials)
	}
	checkProb(t, "P(infection before t₀ | infected)", early/infected, 1-math.Exp(-(beta+gamma)*0.7), int(infected))
	// The test tells SIR from IC only if their distributions differ: no
	// leaf infected has probability γ/(γ+kβ) = 0.23 in SIR, (1−T)^k = 0.08
	// in IC.
	if ic := math.Pow(1-tr, k); math.Abs(want[1]-ic) < 0.05 {
		t.Fatalf("test design: P(no leaf) %v too close to IC's %v to tell the models apart", want[1], ic)
	}
}

// TestSIRRandomGraph checks SIR on G(n, c/n) against percolation theory.
// Subcritical (cT = 0.5): the mean outbreak from one seed is 1/(1−cT) = 2
// (linearity: correlations do not change means). Supercritical (cT = 2): a
// large outbreak covers the fraction S = 1−e^{−cTS} = 0.797 of the graph —
// each node's chance to be reached is set by its in-neighbours, which
// transmit independently — but it happens with probability 1−q, where q =
// E_D[exp(−c(1−q)(1−e^{−βD}))] gives 0.639, not IC's 0.797, because the
// transmissions of one node share its infectious period. n = 10000, so
// finite-size corrections (O(n^{-1/2}) on the fraction, O(1/n) on the
// mean) are below the tolerances: 5 standard errors from the sample, plus
// 0.01 on the large-outbreak fraction.
func TestSIRRandomGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("long: random graphs of 10⁴ nodes")
	}
	const n, c = 10000, 4.0
	g := gnpForTest(t, n, c/n, false, 5)
	seed := func(i int) []Start { return []Start{{Node: uint32(i*7919) % n, Active: true}} }

	k, _ := SIR{Strength: 0.125, Recovery: 1}.Bind(g, Behaviours{})
	p := newModelPlayer(k)
	const trials = 20000
	sum, sq := 0.0, 0.0
	for i := range trials {
		r := float64(p.play(1, uint64(i), seed(i)).reach)
		sum += r
		sq += r * r
	}
	mean := sum / trials
	checkMean(t, "subcritical mean reach", mean, 2, math.Sqrt(sq/trials-mean*mean), trials)

	k, _ = SIR{Strength: 0.5, Recovery: 1}.Bind(g, Behaviours{})
	p = newModelPlayer(k)
	const big = 600
	large, frac := 0, 0.0
	for i := range big {
		if r := p.play(1, uint64(i), seed(i)).reach; r >= n/5 {
			large++
			frac += float64(r) / n
		}
	}
	checkProb(t, "P(large outbreak)", float64(large)/big, 0.6392, big)
	if f := frac / float64(large); math.Abs(f-0.7968) > 0.01 {
		t.Errorf("final size of large outbreaks: got=%.4f, want=0.7968 ± 0.01", f)
	}
}

func TestSIRBindErrors(t *testing.T) {
	g := pathGraph(t, 3)
	for _, tc := range []struct {
		m    SIR
		want string
	}{
		{SIR{Strength: 1, Recovery: 1}, "T=1"},
		{SIR{Strength: -0.1, Recovery: 1}, "T=-0.1"},
		{SIR{Strength: 0.3}, "bad recovery rate: γ=0"},
		{SIR{Strength: 0.3, Recovery: 1, InfectiousPeriod: 2}, "not both"},
		{SIR{Strength: 0.3, InfectiousPeriod: -2}, "-2 hours"},
		{SIR{Strength: 0.3, InfectiousPeriod: 2}, ""},
	} {
		_, err := tc.m.Bind(g, Behaviours{})
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: got=%v, want=%q", tc.m, err, tc.want)
		}
	}
}

// TestSIRHalfLife: on the path 0→1, node 1 is infected with probability
// T·2^(−0/h) = T (the hub is infected at t = 0), and on 0→1→2 node 2 with
// probability T·E[T·2^(−τ/h)] where τ ~ Exp(β+γ) is 1's infection time
// given it happened: E[2^(−τ/h)] = (β+γ)/(β+γ+ln2/h).
func TestSIRHalfLife(t *testing.T) {
	const tr, gamma, h, trials = 0.6, 1.0, 0.5, 60000
	g := pathGraph(t, 3)
	k, err := SIR{Strength: tr, Recovery: gamma}.Bind(g, Behaviours{HalfLife: h})
	if err != nil {
		t.Fatal(err)
	}
	dist, _ := newModelPlayer(k).reachDist(8, trials, 3, []Start{{Node: 0, Active: true}})
	rate := gamma / (1 - tr) // β+γ
	checkProb(t, "P(reach ≥ 2)", tailAt(dist, 2), tr, trials)
	checkProb(t, "P(reach = 3)", dist[3], tr*tr*rate/(rate+math.Ln2/h), trials)
}
