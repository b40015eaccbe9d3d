package sim

import (
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/graph"
)

// Behaviours are validated and prepared here for every model: zombie
// followers (僵尸粉) and freshness decay (保鲜度). Broadcast channels belong to
// the seeding plan (see Plan), since they produce start points.
//
// In every model, as in IC, a zombie follower receives the content from its
// neighbours (it is exposed) but never adopts it from them; a start point
// (an active Start: a paid repost or a converted broadcast impression)
// adopts and shares, zombie or not.

// Validate checks b against a graph of n vertices and a model's clock: Zombie
// must be nil or have n entries, Decay must lie in [0, 1] (0 and 1 mean no
// decay), HalfLife must be finite and ≥ 0, and a HalfLife needs the Hours
// clock (on the Generations clock use Decay).
func (b Behaviours) Validate(n int, clock Clock) error {
	if err := b.validate(n, clock); err != nil {
		return fmt.Errorf("sim: %w", err)
	}
	return nil
}

// validate is Validate without the package prefix, for the models' Bind to
// wrap with their own ("sim: lt: ...").
func (b Behaviours) validate(n int, clock Clock) error {
	if b.Zombie != nil && len(b.Zombie) != n {
		return fmt.Errorf("zombie followers: %d entries for %d nodes", len(b.Zombie), n)
	}
	if !(b.Decay >= 0 && b.Decay <= 1) {
		return fmt.Errorf("bad freshness decay: d=%v (want 0 ≤ d ≤ 1 per generation; 0 or 1 means none)", b.Decay)
	}
	if !(b.HalfLife >= 0) || math.IsInf(b.HalfLife, 0) {
		return fmt.Errorf("bad freshness half-life: %v hours (want a finite number ≥ 0)", b.HalfLife)
	}
	if b.HalfLife > 0 && clock != Hours {
		return fmt.Errorf("freshness half-life %v hours needs a model on the hours clock (use a decay per generation instead)", b.HalfLife)
	}
	return nil
}

// freshness is the strength multiplier of a share: Decay^gen · 2^(−t/HalfLife).
type freshness struct {
	decay    float64   // 0 when there is no decay per generation
	pow      []float64 // pow[g] = decay^g for small g
	halfLife float64   // 0 when there is no half-life
}

func newFreshness(b Behaviours) freshness {
	f := freshness{halfLife: b.HalfLife}
	if b.Decay > 0 && b.Decay < 1 {
		f.decay = b.Decay
		f.pow = make([]float64, 64)
		x := 1.0
		for g := range f.pow {
			f.pow[g] = x
			x *= b.Decay
		}
	}
	return f
}

// none reports whether every share has full strength.
func (f *freshness) none() bool { return f.pow == nil && f.halfLife == 0 }

// factor returns the multiplier of the strength of a share made by a node of
// generation gen at time t (hours; ignored without a half-life).
func (f *freshness) factor(gen uint32, t float64) float64 {
	x := 1.0
	if f.pow != nil {
		if int(gen) < len(f.pow) {
			x = f.pow[gen]
		} else {
			x = math.Pow(f.decay, float64(gen))
		}
	}
	if f.halfLife > 0 {
		x *= math.Exp2(-t / f.halfLife)
	}
	return x
}

// RandomZombies returns a Zombie slice for n nodes in which each node is a
// zombie follower independently with probability frac, drawn from the Coins
// of (seed, node, PurposeZombie). The same seed marks the same nodes in every
// run, whatever the trial, so zombies are part of the fixed world, not of
// the trial's randomness. It costs O(n).
func RandomZombies(n int, frac float64, seed uint64) ([]bool, error) {
	if !(frac >= 0 && frac <= 1) {
		return nil, fmt.Errorf("sim: bad zombie fraction: f=%v (want 0 ≤ f ≤ 1)", frac)
	}
	z := make([]bool, n)
	thr := Threshold(frac)
	key := TrialKey(seed, 0)
	for v := range z {
		c := NewCoins(key, uint32(v), PurposeZombie)
		z[v] = frac >= 1 || c.Uint64() < thr
	}
	return z, nil
}

// ZombiesFromLabels returns a Zombie slice for g marking the nodes named by
// labels. Unknown labels are an error that lists the first few of them with
// close matches from g's label table.
func ZombiesFromLabels(g *graph.CSR, labels []string) ([]bool, error) {
	ids, err := resolveLabels(g, labels)
	if err != nil {
		return nil, fmt.Errorf("sim: zombie followers: %w", err)
	}
	z := make([]bool, g.N())
	for _, v := range ids {
		z[v] = true
	}
	return z, nil
}
