package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// job is the part of a batch/v1 Job the tests look at.
type job struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode       string `yaml:"completionMode"`
		Completions          *int   `yaml:"completions"`
		Parallelism          *int   `yaml:"parallelism"`
		BackoffLimit         *int   `yaml:"backoffLimit"`
		PodReplacementPolicy string `yaml:"podReplacementPolicy"`
		Template             struct {
			Spec struct {
				RestartPolicy string      `yaml:"restartPolicy"`
				Containers    []container `yaml:"containers"`
				Volumes       []struct {
					Name string `yaml:"name"`
					PVC  *struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
					ConfigMap *struct {
						Name string `yaml:"name"`
					} `yaml:"configMap"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type container struct {
	Name    string   `yaml:"name"`
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Env     []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

func (c container) env(name string) string {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

// readYAML decodes path strictly (an unknown field of the structs above is
// not an error: the manifests hold more than the tests read).
func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func loadJobs(t *testing.T) (sweep, merge job, claim string) {
	t.Helper()
	readYAML(t, filepath.Join("k8s", "sweep-job.yaml"), &sweep)
	readYAML(t, filepath.Join("k8s", "merge-job.yaml"), &merge)
	var pvc struct {
		Kind     string `yaml:"kind"`
		Metadata struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
		Spec struct {
			AccessModes []string `yaml:"accessModes"`
		} `yaml:"spec"`
	}
	readYAML(t, filepath.Join("k8s", "volume.yaml"), &pvc)
	if pvc.Kind != "PersistentVolumeClaim" || len(pvc.Spec.AccessModes) != 1 || pvc.Spec.AccessModes[0] != "ReadWriteMany" {
		t.Errorf("volume.yaml: kind %q, access modes %v; want a ReadWriteMany PersistentVolumeClaim (shards run on several nodes)", pvc.Kind, pvc.Spec.AccessModes)
	}
	return sweep, merge, pvc.Metadata.Name
}

// checkJob returns the problems of one Job: its kind, restart policy, one
// container running a shell script, SHARDS, and RESULTS on the claim.
func checkJob(j job, claim string) []string {
	var p []string
	if j.APIVersion != "batch/v1" || j.Kind != "Job" {
		p = append(p, fmt.Sprintf("%s is %s %s, want batch/v1 Job", j.Metadata.Name, j.APIVersion, j.Kind))
	}
	s := j.Spec.Template.Spec
	if s.RestartPolicy != "Never" {
		p = append(p, fmt.Sprintf("%s: restartPolicy %q, want Never (a failed pod is replaced, its shard resumed)", j.Metadata.Name, s.RestartPolicy))
	}
	if len(s.Containers) != 1 || len(s.Containers[0].Args) != 1 || strings.Join(s.Containers[0].Command, " ") != "/bin/sh -c" {
		return append(p, fmt.Sprintf("%s: want one container running one /bin/sh -c script", j.Metadata.Name))
	}
	c := s.Containers[0]
	if c.env("SHARDS") == "" || c.env("RESULTS") == "" {
		p = append(p, fmt.Sprintf("%s: SHARDS and RESULTS must be set", j.Metadata.Name))
	}
	mounted := false
	for _, m := range c.VolumeMounts {
		for _, v := range s.Volumes {
			if v.Name == m.Name && v.PVC != nil && v.PVC.ClaimName == claim && m.MountPath == c.env("RESULTS") {
				mounted = true
			}
		}
	}
	if !mounted {
		p = append(p, fmt.Sprintf("%s: RESULTS (%s) is not the shared volume %s", j.Metadata.Name, c.env("RESULTS"), claim))
	}
	return p
}

func TestK8sManifests(t *testing.T) {
	sweep, merge, claim := loadJobs(t)
	for _, p := range append(checkJob(sweep, claim), checkJob(merge, claim)...) {
		t.Error(p)
	}
	s := sweep.Spec
	if s.CompletionMode != "Indexed" {
		t.Errorf("sweep: completionMode %q, want Indexed", s.CompletionMode)
	}
	if s.Completions == nil || s.Parallelism == nil || *s.Parallelism < 1 || *s.Parallelism > *s.Completions {
		t.Fatalf("sweep: completions %v, parallelism %v: want 1 ≤ parallelism ≤ completions", s.Completions, s.Parallelism)
	}
	if s.PodReplacementPolicy != "Failed" {
		t.Errorf("sweep: podReplacementPolicy %q, want Failed (a retry starts only once the failed pod has stopped writing)", s.PodReplacementPolicy)
	}
	sc := s.Template.Spec.Containers[0]
	shards := fmt.Sprint(*s.Completions)
	if sc.env("SHARDS") != shards || merge.Spec.Template.Spec.Containers[0].env("SHARDS") != shards {
		t.Errorf("SHARDS is %q in the sweep and %q in the merge, want both = completions (%s)",
			sc.env("SHARDS"), merge.Spec.Template.Spec.Containers[0].env("SHARDS"), shards)
	}
	for _, want := range []string{"JOB_COMPLETION_INDEX", "--shard", "--resume", "ripple sweep"} {
		if !strings.Contains(sc.Args[0], want) {
			t.Errorf("sweep script lacks %q", want)
		}
	}
	scenario := false
	for _, v := range s.Template.Spec.Volumes {
		scenario = scenario || (v.ConfigMap != nil && strings.HasPrefix(sc.env("SCENARIO"), "/scenario/"))
	}
	if !scenario {
		t.Error("sweep: the scenario is not read from a ConfigMap volume")
	}
	if m := merge.Spec; m.CompletionMode == "Indexed" || m.Completions == nil || *m.Completions != 1 {
		t.Error("merge: want one plain completion")
	}
	if !strings.Contains(merge.Spec.Template.Spec.Containers[0].Args[0], "ripple merge") {
		t.Error("merge script does not run ripple merge")
	}
}

// TestK8sManifestCheckCatches proves the structural check can fail.
func TestK8sManifestCheckCatches(t *testing.T) {
	sweep, _, claim := loadJobs(t)
	sweep.Kind = "Deployment"
	sweep.Spec.Template.Spec.RestartPolicy = "Always"
	sweep.Spec.Template.Spec.Volumes[0].PVC.ClaimName = "other"
	if got := checkJob(sweep, claim); len(got) != 3 {
		t.Errorf("a broken Job gave %d problems %q, want 3", len(got), got)
	}
}

// buildRipple builds the CLI into a temporary folder and returns the folder.
func buildRipple(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(bin, "ripple"), "../cmd/ripple")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// sh runs a Job's script as its pod would, with env and ripple on PATH.
func sh(t *testing.T, bin, script string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", script)
	cmd.Env = append(os.Environ(), append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", env, err, out)
	}
}

// pdfDates are the wall-clock stamps in ripple's PDF figures (gonum's vgpdf
// writes them); the only bytes two identical sweeps' PDFs differ by.
var pdfDates = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}\)`)

// sameFiles fails unless every file of want but manifest.json is in got with
// the same bytes (PDF dates aside).
func sameFiles(t *testing.T, want, got string) {
	t.Helper()
	entries, err := os.ReadDir(want)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Name() == "manifest.json" {
			continue
		}
		a, err := os.ReadFile(filepath.Join(want, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(got, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(e.Name(), ".pdf") {
			a, b = pdfDates.ReplaceAll(a, []byte("/$1 ()")), pdfDates.ReplaceAll(b, []byte("/$1 ()"))
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the single-process sweep's", e.Name())
		}
		n++
	}
	if n < 3 {
		t.Errorf("only %d files compared", n)
	}
}

// TestK8sScriptsMergeExactly plays the Jobs' own scripts (read from the
// manifests) with the real CLI: every index in a scrambled completion
// order, one index twice (a retried pod), then the merge; for 4 and for 3
// shards the merged folder is byte for byte the single-process sweep.
func TestK8sScriptsMergeExactly(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the CLI and runs the sweep several times")
	}
	sweep, merge, _ := loadJobs(t)
	bin := buildRipple(t)
	scenario, err := filepath.Abs(filepath.Join("slurm", "testdata", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	single := filepath.Join(t.TempDir(), "single")
	sh(t, bin, `ripple sweep "$S" --out "$O" --quiet`, "S="+scenario, "O="+single)
	orders := map[int][]int{4: {3, 1, 0, 2, 1}, 3: {2, 0, 0, 1}}
	for shards, order := range orders {
		t.Run(fmt.Sprint(shards, " shards"), func(t *testing.T) {
			results := t.TempDir()
			common := []string{"SHARDS=" + fmt.Sprint(shards), "RESULTS=" + results, "SCENARIO=" + scenario}
			for _, k := range order {
				sh(t, bin, sweep.Spec.Template.Spec.Containers[0].Args[0], append(common, fmt.Sprintf("JOB_COMPLETION_INDEX=%d", k))...)
			}
			sh(t, bin, merge.Spec.Template.Spec.Containers[0].Args[0], common...)
			sameFiles(t, single, filepath.Join(results, "merged"))
			if _, err := os.Stat(filepath.Join(results, "merged", "report.html")); err != nil {
				t.Error("the merge Job wrote no report.html")
			}
		})
	}
}

// TestSlurmLocal runs deploy/slurm/test-local.sh: a one-node Slurm cluster,
// a 4-task array and a dependent merge, byte-identical to one sweep. It
// skips where Slurm and munge are not installed (.ci/run installs them).
func TestSlurmLocal(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the Slurm cluster test takes about half a minute")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the Slurm test runs on Linux only")
	}
	for _, p := range []string{"slurmctld", "slurmd", "sbatch", "munged"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (apt-get install slurm-wlm munge; .ci/run does): the Slurm scripts are not run", p)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join("slurm", "test-local.sh"))
	cmd.Env = append(os.Environ(), "TIMEOUT=240")
	// On the deadline the script is asked to stop, so that its trap stops
	// the daemons it started; it is killed only if it has not within 30 s.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 77 {
		t.Skipf("test-local.sh skipped:\n%s", out)
	}
	if err != nil {
		t.Fatalf("test-local.sh: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("PASS: slurm array of 4 tasks")) {
		t.Fatalf("test-local.sh did not pass:\n%s", out)
	}
}
