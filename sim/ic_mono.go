package sim

import "math/bits"

// Bit-sliced coins: a monotone coupling at a fraction of a draw per arc.
//
// Plain geometric skipping draws the gap to the next live arc from the
// probability p itself, so two strengths p < p' turn the same draws into
// unrelated sets of live arcs: a larger strength can shrink a trial. Coins
// (arc j live when its own uniform U_j < p) are monotone, but cost a draw
// per arc. slicedLive keeps the coins' coupling and draws the bits of the
// uniforms of 64 arcs at once: word k of a block holds bit k (most
// significant first) of U_j for each of its 64 arcs, and U_j < p is decided
// by comparing bits from the top, all 64 arcs in parallel, until every arc
// of the block has met a bit where it differs from p (Knuth's "broadword"
// comparison). An arc is decided at each word with probability 1/2, so a
// block of m arcs takes about log₂ m + 1.3 words (7.3 for 64): some 0.12
// draws per arc, whatever p. The comparison is exact to 64 bits, so U_j is
// a fixed uniform per arc and trial, and arc j is live at p iff U_j < p:
// every strength sees the same U_j.

// slicedMinDegree is the out-degree from which SkipAuto draws bit-sliced
// coins; smaller sharers draw a coin per arc (also monotone: the choice
// depends on the degree only, never on p). Measured with
// BenchmarkICSlicedSharer: a coin costs 1–4 ns per arc as p grows (its
// branch mispredicts), a sliced block about 15–25 ns whatever p and up to
// 64 arcs, with a mispredicted exit; they cross between 8 and 16 arcs.
const slicedMinDegree = 16

// slicedLive returns the mask of live arcs of a block of arcs (bit j for
// arc j of the block, within valid), where word k of the block's uniforms
// is Mix64(s + (k+1)·golden) and the threshold is thr (Threshold(p)): arc j
// is live iff its uniform, read as a 64-bit integer, is below thr.
func slicedLive(s, thr, valid uint64) uint64 {
	lt, eq := uint64(0), valid
	for k := 63; k >= 0 && eq != 0; k-- {
		s += golden
		w := Mix64(s)
		m := -(thr >> uint(k) & 1) // all ones where thr's bit k is 1
		// Where thr has a 1 and U a 0, U < thr; where they differ either
		// way the arc is decided.
		lt |= eq &^ w & m
		eq &^= w ^ m
	}
	return lt
}

// slicedHits writes into hits[:d] (hits must have capacity d) the positions
// of the live arcs among d by bit-sliced coins from the Coins state s at
// threshold thr: block b (arcs 64b..64b+63) reads words 64b+1, 64b+2, … of
// the sequence, so every block's words are its own.
func slicedHits(d int, s, thr uint64, hits []int32) []int32 {
	out, n := hits[:d], 0
	for base := 0; base < d; base += 64 {
		valid := ^uint64(0) >> uint(64-min(64, d-base))
		lt := valid
		if thr != ^uint64(0) {
			lt = slicedLive(s+uint64(base)*golden, thr, valid)
		}
		for lt != 0 {
			out[n] = int32(base + bits.TrailingZeros64(lt))
			n++
			lt &= lt - 1
		}
	}
	return out[:n]
}
