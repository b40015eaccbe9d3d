// Package influence chooses start points: influence maximisation under a
// seed count or a budget, on reverse-reachable (RR) sets.
//
// Model. A plan's expected reach σ(S) under IC (uniform, trust or weighted
// cascade probabilities) or LT is the expected number of nodes reachable from
// S in a random live-edge world (Kempe, Kleinberg & Tardos, KDD 2003). A
// reverse-reachable set of a uniformly random target v is the set of nodes
// that reach v in one such world, so σ(S) = n·P(S meets an RR set) (Borgs,
// Brautbar, Chayes & Lucier, SODA 2014). Arc probabilities come from
// sim.ArcProber, the same method the forward IC kernel tabulates from.
// Zombie followers are exposed but never pass anything on: an RR set may end
// at a zombie (a zombie seed still spreads) but never passes through one.
// Freshness decay per generation is honoured exactly: a share made at
// generation g is live with probability p·Decay^g, which reverse sampling
// handles as a bottleneck search over per-arc "last live generations"
// (rrset.go). A half-life in hours is not supported (selection works on
// generations).
//
// Algorithms, one file each with its reference:
//
//   - imm.go: IMM (Tang, Shi & Xiao, SIGMOD 2015) with the corrected
//     sampling of Chen, arXiv:1808.09363 (workaround 1: the final θ RR sets
//     are drawn afresh, independent of the sets that estimated the lower
//     bound), guarantee (1 − 1/e − ε)·OPT with probability ≥ 1 − 1/n^ℓ;
//   - greedy.go: greedy maximum coverage on the RR sets, and the budgeted
//     cost-effective greedy taking the better of the ratio greedy and the
//     best single affordable seed (Khuller, Moss & Naor 1999; Leskovec et
//     al., KDD 2007), guarantee (1 − 1/e)/2 on the coverage;
//   - celf.go: CELF lazy greedy with Monte Carlo (Leskovec et al., KDD
//     2007), the slow reference for small graphs;
//   - heuristics.go: top degree, degree discount (Chen, Wang & Yang, KDD
//     2009), PageRank and one hub per community, as rankings (the KOC band
//     is sim's band:K selector), and Affordable, a ranking's plan under a
//     budget.
//
// Prices: ReadCosts (costs.go) reads a LABEL,COST file; nodes it does not
// list are not for sale (+Inf).
//
// Costs. Sampling θ RR sets costs O(θ·E[arcs examined per set]); by the IMM
// analysis θ·E[size] = O((k + ℓ)(n + m) log n / ε²) expected. The store
// keeps every set in one flat []uint32 of node ids, marking the first id of
// each set in the top bit: 4 bytes per entry and no per-set offsets (node
// ids must be below 2^31). Selection builds a node-to-set index of 4 bytes
// more per entry and a bit per entry for covered marks, and frees them after.
//
// Determinism. RR set i is drawn from its own stream, derived from (seed, i)
// as the engine derives trial streams (sim.TrialKey), so the store, the
// chosen seeds and every estimate are the same for any number of workers.
package influence
