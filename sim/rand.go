package sim

import "math/rand/v2"

// Random numbers in ripple are derived, never drawn from a shared generator.
//
// Every trial has a 64-bit key, TrialKey(seed, trial). A draw that belongs to an
// element of the graph (the coins of a node's out-arcs when it shares, a node's
// threshold, an arc's delay) comes from a Coins sequence keyed by (trial key,
// element, purpose). So the same trial of two different seeding plans plays on
// the same random world (common random numbers: paired comparisons have small
// variance), and no result depends on the order in which work is done. Draws
// that belong to the trial as a whole (which K random start points) come from
// Stream, a PCG generator seeded from (seed, trial).

const golden = 0x9e3779b97f4a7c15

// Purposes keep the Coins sequences of one element apart.
const (
	PurposeShare     uint64 = 1 // a node's out-arc coins (and their delays) when it shares
	PurposeThreshold uint64 = 2 // a node's threshold (LT, Watts)
	PurposeRecovery  uint64 = 3 // a node's recovery time (SIR)
	PurposeBroadcast uint64 = 4 // broadcast channels
	PurposeZombie    uint64 = 5 // random zombie followers
)

// Mix64 is the SplitMix64 finalizer (Steele, Lea & Flood 2014): a bijection of
// 64-bit words whose output bits each depend on every input bit.
func Mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// TrialKey returns the key from which every random number of trial is derived.
func TrialKey(seed, trial uint64) uint64 {
	return Mix64(Mix64(seed^0x5851f42d4c957f2d) + trial*golden)
}

// Coins is a SplitMix64 sequence: a tiny, fast generator for the draws that
// belong to one element of one trial. It implements rand.Source. The zero
// Coins is a valid (fixed) sequence; use Reset to key it.
type Coins struct{ s uint64 }

// NewCoins returns the sequence for (key, element, purpose).
func NewCoins(key uint64, element uint32, purpose uint64) Coins {
	return Coins{s: Mix64(key ^ (uint64(element)*0xd1b54a32d192ed03 + purpose*0x8cb92ba72f3d8dd7))}
}

// Reset rekeys c in place, as NewCoins.
func (c *Coins) Reset(key uint64, element uint32, purpose uint64) {
	*c = NewCoins(key, element, purpose)
}

// Uint64 returns the next 64 random bits.
func (c *Coins) Uint64() uint64 {
	c.s += golden
	return Mix64(c.s)
}

// Float64 returns a uniform number in [0, 1).
func (c *Coins) Float64() float64 {
	return float64(c.Uint64()>>11) * 0x1p-53
}

// Threshold converts a probability into the 64-bit threshold of a coin:
// Uint64() < Threshold(p) happens with probability p (exactly 1 for p ≥ 1,
// and 0 for p ≤ 0).
func Threshold(p float64) uint64 {
	switch {
	case p <= 0:
		return 0
	case p >= 1:
		return ^uint64(0)
	}
	return uint64(p * 0x1p64)
}

// StreamWords returns the two PCG seed words of trial's stream, so that a
// worker can reseed one *rand.PCG per trial without allocating.
func StreamWords(seed, trial uint64) (hi, lo uint64) {
	k := TrialKey(seed, trial)
	return Mix64(k ^ 0x243f6a8885a308d3), Mix64(k ^ 0x13198a2e03707344)
}

// Stream returns a new generator for trial's draws that belong to the trial as
// a whole (choosing K random start points). It allocates; hot paths reseed a
// worker's *rand.PCG with StreamWords instead.
func Stream(seed, trial uint64) *rand.Rand {
	return rand.New(rand.NewPCG(StreamWords(seed, trial)))
}
