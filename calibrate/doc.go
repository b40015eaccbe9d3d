// Package calibrate fits ripple's spread models to observed cascades and says,
// against baselines that ignore the graph, how much the fit can be trusted.
//
// The score. Cascade sizes are grouped in buckets of powers of two (1, 2–3,
// 4–7, …, 256–511, and an open bucket from 512), starting at the smallest
// recorded size m (Android's cascades were recorded only from size 6, so
// its first bucket is 6–7). A model gives each bucket a probability
// conditioned on size ≥ m, mixed with 1% spread uniformly over the buckets
// so that none has probability zero; a cascade scores the natural log of
// its bucket's probability, and a model the mean score of its cascades.
// Every parameter is fitted by maximising this score on training cascades
// and judged by the same score on held-out ones.
//
// The graph models. Independent cascade (IC) with one uniform strength s,
// started from the cascade's first poster; IC plus a background channel
// (every person adopts spontaneously with probability r, as the engine's
// broadcast channel with fraction 1 and conversion r); IC whose strength
// varies per cascade, log-normally; and both extensions together (the
// log-normal fitted at the background fit's level and its two neighbours). All three are evaluated on the same
// random worlds (sim.TrialKey(seed, w) for w < Worlds), with the engine's
// per-arc coins (sim.NewCoins(key, u, sim.PurposeShare), arc j live at s
// when its j-th draw is below sim.Threshold(s)): in a world, node v is
// reached at strength s exactly when some path from the seed has all its
// coins below the threshold, so its reach is a step function of s that
// never shrinks as s grows (the coupling is monotone). One bottleneck
// (minimax) search per seed and world gives the reach at every strength at
// once: the strength at which the reach first reaches each bucket edge. The
// search stops after 512 people, where the open bucket starts, so a world
// costs at most 512 settled people whatever the strength. Tables of these
// edges on a log grid of strengths then give every model's bucket
// probabilities without another simulation. The search draws the same
// coins as sim.IC{Skip: sim.SkipCoins} and finds the same reach, which the
// tests check trial by trial.
//
// The baselines. Climatology: the training bucket frequencies. Branching:
// a Galton–Watson process with negative-binomial offspring (mean R,
// dispersion k), whose total size has the closed form of Blumberg &
// Lloyd-Smith (2013), fitted by maximum likelihood to the training sizes
// conditioned on size ≥ m (sizes from 512 censored).
//
// Uncertainty. Intervals are percentile bootstraps over cascades (the
// random worlds stay fixed, so they do not include the Monte Carlo error
// of the worlds, which more worlds shrink). Held-out differences are paired
// per cascade, with a normal 95% interval; the verdict follows from it.
package calibrate
