package main

import (
	"testing"
)

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
