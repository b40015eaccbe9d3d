// Package contain chooses the accounts that should carry our clarification
// to contain a backlash (负能量) that is racing through the relationship
// chains: given the backlash's seeds and start, pick K start points for our
// content that minimise the backlash's expected reach under the competing
// independent cascade of sim.Compete (first arrival wins).
//
// Strategies, side by side: heuristics (top out-degree, the backlash seeds'
// out-neighbours, community hubs), a greedy Monte Carlo reference (each step
// adds the candidate that most lowers the backlash's simulated reach, on
// common random numbers), and reverse-reachable sampling (RIS) adapted to
// rumour blocking: a sampled set holds every account from which our content
// surely reaches a random person before the backlash does, and greedy
// maximum coverage picks the accounts (Tong, Wu, Guo & Du, "An efficient
// randomized algorithm for rumor blocking in online social networks", IEEE
// INFOCOM 2017; Budak, Agrawal & El Abbadi, "Limiting the spread of
// misinformation in social networks", WWW 2011). BruteForce tries every
// K-set, for small graphs and tests.
//
// Every plan is then evaluated on fresh random numbers (a seed the choice
// never saw), so that the greedy strategies' scores are not flattered by the
// trials they were chosen on, and reported with 95% intervals. The package
// lives apart from sim because it is an optimisation over many simulations,
// as the seeding planner will be, not a model.
package contain
