package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
)

// Watts is the threshold model of D. J. Watts, "A simple model of global
// cascades on random networks", PNAS 99 (2002) — the model of critical mass
// (媒介引爆点).
//
// A node v adopts when the fraction of its in-neighbours that adopted (and
// whose exposure registered, see Strength) is at least its threshold φ_v,
// that is after ⌈φ_v·indeg(v)⌉ of them, and never with none: a node with no
// in-neighbours, or φ_v = 0, needs at least one registered exposure, so it
// adopts unprompted only as a start point. φ is one value for every node or
// a distribution drawn per trial and node from the Coins of (trial key, v,
// PurposeThreshold).
//
// Strength maps the model onto ripple's strength axis: each exposure (an
// adopted in-neighbour sharing) registers with probability s (min(1, s·w_uv)
// on a weighted graph), drawn from the sharer's Coins of PurposeShare, one per
// out-arc in order. s = 1 is Watts' original model; sweeping s moves a plan
// across the cascade window. Freshness decay multiplies s by Decay^g for a
// sharer of generation g; zombie followers count exposures but never adopt
// from them (start points adopt, zombie or not).
//
// Play is generation-synchronous on the Generations clock. A trial costs
// O(Σ out-degree of the active nodes) and allocates nothing.
type Watts struct {
	// Phi is the adoption threshold, a fraction in [0, 1].
	Phi PhiDist
	// Strength s in [0, 1]: the probability that an exposure registers.
	Strength float64
}

// Name returns "watts".
func (Watts) Name() string { return "watts" }

// Bind validates the parameters and prepares the kernel. Cost O(n).
func (m Watts) Bind(g *graph.CSR, b Behaviours) (Kernel, error) {
	if err := m.Phi.validate(); err != nil {
		return nil, fmt.Errorf("sim: watts: %w", err)
	}
	k, err := bindCount("watts", g, b, m.Strength)
	if err != nil {
		return nil, err
	}
	k.phi = m.Phi
	if m.Phi.Kind == PhiFixed {
		k.need = make([]uint32, g.N())
		for v := range k.need {
			k.need[v] = wattsNeed(m.Phi.A, g.In.Degree(uint32(v)))
		}
	} else if m.Phi.Kind == PhiNormal {
		k.lo, k.hi = phiCDF((0-m.Phi.A)/m.Phi.B), phiCDF((1-m.Phi.A)/m.Phi.B)
		if !(k.hi-k.lo > 1e-12) {
			return nil, fmt.Errorf("sim: watts: threshold %v puts no mass on [0,1]", m.Phi)
		}
	}
	return k, nil
}

// Complex is complex contagion (Centola & Macy, "Complex contagions and the
// weakness of long ties", AJS 113, 2007): a node adopts after K distinct
// registered exposures, that is K adopted in-neighbours whose share
// registered. Strength, behaviours, clock and cost are as in Watts, of which
// this is the absolute-count variant.
type Complex struct {
	// K ≥ 1 is the number of distinct exposures needed.
	K int
	// Strength s in [0, 1]: the probability that an exposure registers.
	Strength float64
}

// Name returns "complex".
func (Complex) Name() string { return "complex" }

// Bind validates the parameters and prepares the kernel. Cost O(n).
func (m Complex) Bind(g *graph.CSR, b Behaviours) (Kernel, error) {
	if m.K < 1 {
		return nil, fmt.Errorf("sim: complex: bad number of exposures: k=%d (want k ≥ 1)", m.K)
	}
	k, err := bindCount("complex", g, b, m.Strength)
	if err != nil {
		return nil, err
	}
	k.need = make([]uint32, g.N())
	for v := range k.need {
		k.need[v] = uint32(min(m.K, math.MaxUint32))
	}
	return k, nil
}

// PhiKind says how thresholds are distributed.
type PhiKind int

const (
	// PhiFixed gives every node the threshold A.
	PhiFixed PhiKind = iota
	// PhiUniform draws thresholds uniform on [A, B].
	PhiUniform
	// PhiNormal draws thresholds from a normal of mean A and standard
	// deviation B truncated to [0, 1] (by inversion, not clipping).
	PhiNormal
)

// PhiDist is the distribution of Watts thresholds.
type PhiDist struct {
	Kind PhiKind
	A, B float64
}

// FixedPhi returns the distribution that gives every node threshold phi.
func FixedPhi(phi float64) PhiDist { return PhiDist{Kind: PhiFixed, A: phi} }

// ParsePhi parses a threshold as the CLI and scenarios write it: "0.18",
// "uniform:0.1,0.3" or "normal:0.18,0.05" (mean, standard deviation).
func ParsePhi(s string) (PhiDist, error) {
	kind, args, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		x, err := strconv.ParseFloat(kind, 64)
		if err != nil {
			return PhiDist{}, fmt.Errorf("sim: bad threshold %q (want φ, uniform:A,B or normal:MEAN,SD)", s)
		}
		d := FixedPhi(x)
		return d, d.validate()
	}
	a, b, ok := strings.Cut(args, ",")
	x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if !ok || err1 != nil || err2 != nil {
		return PhiDist{}, fmt.Errorf("sim: bad threshold %q (want φ, uniform:A,B or normal:MEAN,SD)", s)
	}
	var d PhiDist
	switch kind {
	case "uniform":
		d = PhiDist{Kind: PhiUniform, A: x, B: y}
	case "normal":
		d = PhiDist{Kind: PhiNormal, A: x, B: y}
	default:
		return PhiDist{}, fmt.Errorf("sim: bad threshold %q: unknown distribution %q (want uniform or normal)", s, kind)
	}
	return d, d.validate()
}

// String returns d in the form ParsePhi reads.
func (d PhiDist) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	switch d.Kind {
	case PhiUniform:
		return "uniform:" + f(d.A) + "," + f(d.B)
	case PhiNormal:
		return "normal:" + f(d.A) + "," + f(d.B)
	}
	return f(d.A)
}

func (d PhiDist) validate() error {
	switch d.Kind {
	case PhiFixed:
		if !(d.A >= 0 && d.A <= 1) {
			return fmt.Errorf("sim: bad threshold: φ=%v (want 0 ≤ φ ≤ 1)", d.A)
		}
	case PhiUniform:
		if !(d.A >= 0 && d.A <= d.B && d.B <= 1) {
			return fmt.Errorf("sim: bad threshold: uniform on [%v, %v] (want 0 ≤ a ≤ b ≤ 1)", d.A, d.B)
		}
	case PhiNormal:
		if math.IsNaN(d.A) || math.IsInf(d.A, 0) || !(d.B > 0) || math.IsInf(d.B, 0) {
			return fmt.Errorf("sim: bad threshold: normal mean %v, sd %v (want a finite mean and sd > 0)", d.A, d.B)
		}
	default:
		return fmt.Errorf("sim: bad threshold distribution kind %d", d.Kind)
	}
	return nil
}

// phiCDF is the standard normal distribution function.
func phiCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// wattsNeed is the number of registered exposures a node of in-degree k with
// threshold phi needs: ⌈φ·k⌉ (forgiving rounding error), at least 1; a node
// with no in-neighbours never adopts by exposure.
func wattsNeed(phi float64, k int) uint32 {
	if k == 0 {
		return math.MaxUint32
	}
	return uint32(max(1, math.Ceil(phi*float64(k)-1e-9)))
}

// bindCount validates what Watts and complex contagion share.
func bindCount(name string, g *graph.CSR, b Behaviours, s float64) (*countKernel, error) {
	if !(s >= 0 && s <= 1) {
		return nil, fmt.Errorf("sim: %s: bad strength: s=%v (want 0 ≤ s ≤ 1)", name, s)
	}
	if err := b.validate(g.N(), Generations); err != nil {
		return nil, fmt.Errorf("sim: %s: %w", name, err)
	}
	return &countKernel{g: g, s: s, zombie: b.Zombie, fresh: newFreshness(b)}, nil
}

// countKernel is a bound Watts or complex-contagion model: a node adopts
// after need[v] registered exposures.
type countKernel struct {
	g      *graph.CSR
	s      float64
	zombie []bool
	fresh  freshness
	need   []uint32 // fixed needs; nil when thresholds are drawn per trial
	phi    PhiDist
	lo, hi float64 // Φ at the ends of [0,1], truncated normal thresholds
}

// Nodes returns the number of nodes of the graph.
func (k *countKernel) Nodes() int { return k.g.N() }

// Clock returns Generations.
func (k *countKernel) Clock() Clock { return Generations }

// NewRunner returns a runner with scratch for the graph.
func (k *countKernel) NewRunner() Runner {
	n := k.g.N()
	r := &countRunner{k: k, steps: newSteps(n, k.zombie), cnt: make([]uint32, n), need: k.need}
	if r.need == nil {
		r.need = make([]uint32, n)
		r.draw = true
	}
	return r
}

type countRunner struct {
	k     *countKernel
	steps steps
	cnt   []uint32 // registered exposures so far, valid for seen nodes
	need  []uint32 // the kernel's fixed needs, or this trial's draws
	draw  bool
}

// Run plays one trial.
func (r *countRunner) Run(t *Trial, rec *Recorder) { r.steps.play(r, t, rec) }

func (r *countRunner) reset(v uint32) {
	r.cnt[v] = 0
	if !r.draw {
		return
	}
	c := NewCoins(r.steps.key, v, PurposeThreshold)
	r.need[v] = wattsNeed(r.k.drawPhi(c.Float64()), r.k.g.In.Degree(v))
}

// drawPhi maps a uniform u in [0, 1) to a threshold of the kernel's
// distribution, by inversion.
func (k *countKernel) drawPhi(u float64) float64 {
	switch k.phi.Kind {
	case PhiUniform:
		return k.phi.A + u*(k.phi.B-k.phi.A)
	case PhiNormal:
		p := k.lo + u*(k.hi-k.lo)
		phi := k.phi.A + k.phi.B*(-math.Sqrt2*math.Erfcinv(2*p))
		return min(1, max(0, phi)) // rounding at the ends only
	}
	return k.phi.A
}

func (r *countRunner) share(u, gen uint32, step int, s *steps, rec *Recorder) {
	k := r.k
	p := k.s * k.fresh.factor(gen, float64(step))
	thr := Threshold(p)
	out := &k.g.Out
	c := NewCoins(s.key, u, PurposeShare)
	lo, hi := out.Offsets[u], out.Offsets[u+1]
	for j := lo; j < hi; j++ {
		v := out.Targets[j]
		s.expose(v, r, rec)
		x := c.Uint64()
		if out.Weights != nil {
			thr = Threshold(p * float64(out.Weights[j]))
		}
		if s.blocked(v) || (x >= thr && thr != math.MaxUint64) {
			continue
		}
		if r.cnt[v]++; r.cnt[v] >= r.need[v] {
			s.activate(v, gen+1, step+1, rec)
		}
	}
}
