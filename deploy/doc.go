// Package deploy holds no code: it is the home of the files that run a
// ripple sweep on existing schedulers (slurm/: a job array and a dependent
// merge job; k8s/: an Indexed Job on a shared volume and a merge Job) and
// of their tests, which check the Kubernetes manifests' structure, play
// their shard and merge commands in any order against the real CLI, and run
// the Slurm scripts on a one-node cluster (slurm/test-local.sh).
package deploy
