package main

import (
	"math"
	"testing"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// FuzzFlagParsers feeds the CLI's own little languages — seed groups with
// start times, broadcast channels, delays — arbitrary text: none may panic,
// and what they accept must be usable.
func FuzzFlagParsers(f *testing.F) {
	for _, s := range []string{"top-degree:1", "random:50@2.5", "@李雷,@韩梅梅@4", "band:5:10-40@", "f=0.01,q=0.05,t=1,name=热搜",
		"f=1,q=", "exp:2", "lognormal:3:0.5", "lognormal:3", "a@b@c", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if g, err := parseGroup(s); err == nil && (!(g.Time >= 0) || math.IsInf(g.Time, 0)) {
			t.Errorf("parseGroup(%q) accepted start time %v", s, g.Time)
		}
		if c, err := parseChannel(s); err == nil {
			// What parses must bind, or fail with an error (never panic).
			if math.IsNaN(c.Fraction) || math.IsNaN(c.Convert) {
				t.Errorf("parseChannel(%q) accepted %+v", s, c)
			}
			b := graph.NewBuilder(graph.Options{})
			b.AddNodes(3)
			b.AddEdge(0, 1)
			if g, err := b.Build(); err == nil {
				sim.Plan{Channels: []sim.Channel{c}}.Bind(g)
			}
		}
		if d, err := parseDelay(s); err == nil && (!(d.Median >= 0) || !(d.Sigma >= 0)) {
			t.Errorf("parseDelay(%q) accepted %+v", s, d)
		}
	})
}

// FuzzTermSafe: nothing a terminal acts on survives termSafe, and text
// without such characters passes unchanged.
func FuzzTermSafe(f *testing.F) {
	for _, s := range []string{"大V", "a\x1b[31mred", "\u202eevil", "bad\xffutf8", "line\nnext\ttab", "\x9b2J"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := termSafe(s)
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("termSafe(%q) = %q keeps %U", s, got, r)
			}
		}
		clean := true
		for _, r := range s {
			clean = clean && !unsafeRune(r)
		}
		if clean && got != s {
			t.Fatalf("termSafe(%q) changed clean text to %q", s, got)
		}
	})
}
