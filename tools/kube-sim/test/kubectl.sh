#!/usr/bin/env bash
# Proves a stock kubectl works against kube-sim: apply a Deployment from YAML, get it (with the
# server-printed columns), wait for the rollout, change the image, list the history, undo, and
# delete. Starts its own kube-sim on a free port (fast simulated time) and exits non-zero on the
# first failure.
#
#   tools/kube-sim/test/kubectl.sh            (KUBECTL=/path/to/kubectl to pick another binary)
set -euo pipefail

KUBECTL="${KUBECTL:-$(command -v kubectl || true)}"
if [[ -z "$KUBECTL" || ! -x "$KUBECTL" ]]; then
  echo "kubectl.sh: kubectl not found (looked on PATH; set KUBECTL=/path/to/kubectl). On these machines it is /usr/bin/kubectl." >&2
  exit 127
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
NODE="${NODE:-$ROOT/.tools/node24/bin/node}"
[[ -x "$NODE" ]] || NODE="$(command -v node)"

WORK="$(mktemp -d)"
SIM_PID=""
cleanup() {
  if [[ -n "$SIM_PID" ]]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "kubectl.sh: FAILED: $*" >&2
  echo "--- kube-sim log ---" >&2
  cat "$WORK/sim.log" >&2 || true
  exit 1
}

export KUBECONFIG="$WORK/kubeconfig"
"$NODE" "$ROOT/tools/kube-sim/src/cli.ts" --port 0 --speed "${SPEED:-50}" --kubeconfig "$KUBECONFIG" >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do
  [[ -s "$KUBECONFIG" ]] && grep -q "listening on" "$WORK/sim.log" && break
  kill -0 "$SIM_PID" 2>/dev/null || fail "kube-sim exited during start"
  sleep 0.1
done
[[ -s "$KUBECONFIG" ]] || fail "kube-sim did not write its kubeconfig"

k() { "$KUBECTL" --request-timeout=20s "$@"; }
step() { echo "--- $*"; }

NS="kubectl-$RANDOM"
step "create namespace $NS"
k create namespace "$NS" || fail "create namespace"

cat >"$WORK/deploy.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: $NS
  annotations:
    kubernetes.io/change-cause: first release
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.26
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet: {path: /, port: 80}
          initialDelaySeconds: 2
YAML

step "apply"
k apply -f "$WORK/deploy.yaml" || fail "apply"
step "get"
k -n "$NS" get deployment web || fail "get deployment"
[[ "$(k -n "$NS" get deployment web -o jsonpath='{.spec.replicas}')" == "3" ]] || fail "spec.replicas is not 3"
step "rollout status (revision 1)"
k -n "$NS" rollout status deployment/web --timeout=60s || fail "rollout status after apply"
[[ "$(k -n "$NS" get deployment web -o jsonpath='{.status.availableReplicas}')" == "3" ]] || fail "availableReplicas is not 3"

step "get prints the server's columns (Table)"
k -n "$NS" get deployment web | tee "$WORK/get.txt" || fail "get deployment (table)"
grep -Eq '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$' "$WORK/get.txt" || fail "get deployment header is not NAME READY UP-TO-DATE AVAILABLE AGE"
grep -Eq '^web +3/3 +3 +3 +[0-9]+[smhdy]' "$WORK/get.txt" || fail "get deployment does not show READY 3/3, UP-TO-DATE 3, AVAILABLE 3"
k -n "$NS" get deployment web -o wide | grep -Eq '^web +3/3 +3 +3 +[0-9a-z]+ +app +nginx:1\.26 +app=web$' || fail "get -o wide lacks CONTAINERS, IMAGES, SELECTOR"

step "apply a new image (revision 2)"
sed -e 's/nginx:1.26/nginx:1.27/' -e 's/first release/second release/' "$WORK/deploy.yaml" >"$WORK/deploy-v2.yaml"
k apply -f "$WORK/deploy-v2.yaml" || fail "apply v2"
k -n "$NS" rollout status deployment/web --timeout=60s || fail "rollout status after v2"

step "rollout history"
k -n "$NS" rollout history deployment/web | tee "$WORK/history.txt" || fail "rollout history"
grep -Eq '^1 +first release' "$WORK/history.txt" || fail "history lacks revision 1"
grep -Eq '^2 +second release' "$WORK/history.txt" || fail "history lacks revision 2"
k -n "$NS" rollout history deployment/web --revision=1 | grep -q 'nginx:1.26' || fail "history --revision=1 does not show nginx:1.26"

step "rollout undo (back to revision 1 as revision 3)"
k -n "$NS" rollout undo deployment/web || fail "rollout undo"
k -n "$NS" rollout status deployment/web --timeout=60s || fail "rollout status after undo"
image="$(k -n "$NS" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}')"
[[ "$image" == "nginx:1.26" ]] || fail "image after undo is $image, want nginx:1.26"
revision="$(k -n "$NS" get deployment web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}')"
[[ "$revision" == "3" ]] || fail "revision after undo is $revision, want 3"
rs_count="$(k -n "$NS" get replicasets -o name | wc -l)"
[[ "$rs_count" == "2" ]] || fail "undo should reuse the first ReplicaSet; found $rs_count ReplicaSets"
k -n "$NS" rollout history deployment/web | tee "$WORK/history.txt"
grep -Eq '^3 +first release' "$WORK/history.txt" || fail "history lacks revision 3 after undo"

step "scale"
k -n "$NS" scale deployment/web --replicas=1 || fail "scale"
k -n "$NS" rollout status deployment/web --timeout=60s || fail "rollout status after scale"
k -n "$NS" get pods -l app=web | tee "$WORK/pods.txt" || fail "get pods"
grep -Eq '^NAME +READY +STATUS +RESTARTS +AGE$' "$WORK/pods.txt" || fail "get pods header is not NAME READY STATUS RESTARTS AGE"
running="$(grep -Ec '^web-[a-z0-9]+-[a-z0-9]+ +1/1 +Running +0 +[0-9]+[smhdy]' "$WORK/pods.txt" || true)"
[[ "$running" == "1" && "$(wc -l <"$WORK/pods.txt")" == "2" ]] || fail "get pods should show one pod READY 1/1 Running after scaling to 1"
step "events"
k -n "$NS" get events -o jsonpath='{range .items[*]}{.reason}: {.message}{"\n"}{end}' >"$WORK/events.txt" || fail "get events"
grep -Eq '^ScalingReplicaSet: Scaled down replica set web-[a-z0-9]+ to 1 from 3$' "$WORK/events.txt" || fail "no ScalingReplicaSet event for the scale-down"
grep -q '^Started: Started container app' "$WORK/events.txt" || fail "no kubelet Started events"
k -n "$NS" get events >"$WORK/events-table.txt" || fail "get events (table)"
head -1 "$WORK/events-table.txt" | grep -Eq '^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$' || fail "get events header is not LAST SEEN TYPE REASON OBJECT MESSAGE"

step "describe shows the controllers' events"
k -n "$NS" describe deployment web >"$WORK/describe.txt" || fail "describe deployment"
grep -Eq 'ScalingReplicaSet +.*deployment-controller +Scaled down replica set web-' "$WORK/describe.txt" || { cat "$WORK/describe.txt"; fail "describe shows no ScalingReplicaSet events"; }
grep -Eq 'Progressing +True +NewReplicaSetAvailable' "$WORK/describe.txt" || fail "describe shows no Progressing=True NewReplicaSetAvailable"

step "delete"
k -n "$NS" delete deployment web --wait=true || fail "delete"
for _ in $(seq 1 50); do
  [[ -z "$(k -n "$NS" get pods -o name)" ]] && break
  sleep 0.1
done
[[ -z "$(k -n "$NS" get pods -o name)" ]] || fail "pods still present after deleting the deployment"
k delete namespace "$NS" || fail "delete namespace"
echo "kubectl.sh: OK ($("$KUBECTL" version --client 2>/dev/null | head -1))"
