package graph

import (
	"math/rand"

	"github.com/ripple-sim/ripple/sim"
)

var _ = rand.Int
var _ sim.Clock
