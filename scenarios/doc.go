// Package scenarios describes what ripple simulates: the graph, the model,
// the seeding plans and the sweep axes. For now it holds the built-in demo
// scenario that ripple runs when given no graph; the scenario file format,
// its strict parser and grid expansion for batch sweeps come next.
package scenarios
