// Package sim holds ripple's cascade models and its parallel Monte Carlo
// engine.
//
// A Model (IC, LT, Watts, complex contagion, SIR) is bound to a graph and the
// behaviours (zombie followers, freshness decay) into a Kernel; each worker
// gets a Runner with scratch of its own, and plays numbered trials from the
// start points a Seeder (a bound seeding plan) produces. Per-trial outcomes go
// through a Recorder into mergeable integer accumulators; means, intervals,
// quantiles and the tipping verdict are derived at the end.
//
// Determinism contract: every random number of trial i is derived from
// (master seed, i) — see TrialKey, Coins and Stream — so the same seed gives
// bit-identical results whatever the number of workers, the order in which
// trials finish, or how a run is split into shards and merged. Element draws
// are keyed by the element, so trial i of two plans plays on the same random
// world (common random numbers).
package sim
