package graph

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// TestHugeGeneratorsRefused: parameters whose graph could not be allocated
// return ErrTooLarge at once instead of panicking in make or exhausting
// memory (gnp n=1e8,p=0.5 panicked with makeslice).
func TestHugeGeneratorsRefused(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name string
		gen  func() error
	}{
		{"gnp", func() error { _, err := Gnp(100_000_000, 0.5, false, rnd); return err }},
		{"gnp directed", func() error { _, err := Gnp(100_000_000, 0.5, true, rnd); return err }},
		{"gnm", func() error { _, err := Gnm(1_000_000, 1<<37, true, rnd); return err }},
		{"ba", func() error { _, err := BarabasiAlbert(100_000_000, 1000, false, rnd); return err }},
		{"ws", func() error { _, err := WattsStrogatz(100_000_000, 1000, 0.1, rnd); return err }},
		{"powerlaw", func() error { _, err := PowerLaw(100_000_000, 0.5, 1000, 90_000_000, rnd); return err }},
		{"community", func() error {
			_, _, err := Community(CommunityParams{N: 100_000_000, Communities: 1, InDegree: 1000}, rnd)
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.gen(); !errors.Is(err, ErrTooLarge) {
				t.Errorf("got %v, want ErrTooLarge", err)
			}
		})
	}
}

// TestEstimate checks each generator's expected arcs against a graph it
// makes. Random arc counts are sums of independent (or weakly dependent)
// indicators, so the count lies within 5 standard deviations, sqrt(mean),
// of the mean; the erased configuration model loses a few more to loops
// and repeats, and BA, WS and G(n,m) are exact.
func TestEstimate(t *testing.T) {
	tests := []struct {
		model, params string
		sds           float64 // tolerance in standard deviations; 0: exact
		slack         float64 // extra relative tolerance
	}{
		{"gnp", "n=2000,p=0.01", 5, 0},
		{"gnp", "n=2000,p=0.01,directed=1", 5, 0},
		{"gnm", "n=1000,m=7000", 0, 0},
		{"gnm", "n=1000,m=7000,directed=1", 0, 0},
		{"ba", "n=1000,m=3", 0, 0},
		{"ba", "n=1000,m=3,directed=1", 0, 0},
		{"ws", "n=1000,k=10,beta=0.2", 0, 0},
		{"powerlaw", "n=20000,gamma=2.5,kmin=2,kmax=100", 5, 0.02},
		{"community", "n=20000", 5, 0.01},
	}
	for _, tc := range tests {
		t.Run(tc.model+" "+tc.params, func(t *testing.T) {
			gen, err := LookupGenerator(tc.model)
			if err != nil {
				t.Fatal(err)
			}
			p, err := gen.ParseParams(tc.params)
			if err != nil {
				t.Fatal(err)
			}
			size := gen.Estimate(p)
			g, err := gen.Generate(p, rand.New(rand.NewPCG(3, 4)))
			if err != nil {
				t.Fatal(err)
			}
			tol := tc.sds*math.Sqrt(size.Arcs) + tc.slack*size.Arcs
			if got := float64(g.M()); math.Abs(got-size.Arcs) > tol {
				t.Errorf("got=%v arcs, want=%v ± %.1f", got, size.Arcs, tol)
			}
			if size.Nodes != g.N() || size.Bytes < float64(g.M())*8 {
				t.Errorf("got size %+v for n=%d m=%d: nodes differ or bytes below the arrays", size, g.N(), g.M())
			}
		})
	}
}

func TestEstimateHuge(t *testing.T) {
	gen, _ := LookupGenerator("gnp")
	p, err := gen.ParseParams("n=5000000,p=0.01")
	if err != nil {
		t.Fatal(err)
	}
	want := 0.01 * 5e6 * (5e6 - 1) // two arcs per pair of n(n-1)/2
	if got := gen.Estimate(p).Arcs; math.Abs(got-want) > 1e-9*want {
		t.Errorf("got=%v arcs, want=%v", got, want)
	}
}

func TestPowerLawMean(t *testing.T) {
	// Uniform (gamma 0) on 1..3: mean 2. Exact sum against the integral
	// tail: kmax past the summed range agrees with a direct sum to 1e-4.
	if got := powerLawMean(0, 1, 3); math.Abs(got-2) > 1e-12 {
		t.Errorf("gamma 0: got=%v, want=2", got)
	}
	var num, den float64
	for k := 2; k <= 3_000_000; k++ {
		x := math.Pow(float64(k), -2.5)
		num, den = num+float64(k)*x, den+x
	}
	if got, want := powerLawMean(2.5, 2, 3_000_000), num/den; math.Abs(got-want) > 1e-4*want {
		t.Errorf("gamma 2.5: got=%v, want=%v", got, want)
	}
}
