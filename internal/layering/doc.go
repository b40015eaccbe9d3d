// Package layering holds no code: its test enforces ripple's import layering
// (graph ← sim ← scenarios, results; cmd on top) and the ban on math/rand v1.
package layering
