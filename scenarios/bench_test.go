package scenarios

import (
	"strings"
	"testing"
)

// BenchmarkExpand validates and expands a 200-point sweep (40 strengths ×
// 5 zombie shares): the cost paid before the first trial.
func BenchmarkExpand(b *testing.B) {
	text := strings.Replace(base, `  - param: model.strength
    values: [0.05, 0.1, 0.15]
  - param: behaviours.zombies
    values: [0, 0.2]
`, `  - param: model.strength
    from: 0.01
    to: 0.4
    steps: 40
  - param: behaviours.zombies
    values: [0, 0.1, 0.2, 0.3, 0.4]
`, 1)
	for b.Loop() {
		s, err := Parse(strings.NewReader(text), "bench.yaml")
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
