#!/usr/bin/env bash
# Builds kube-apiserver v1.20.2 from Debian's source package and installs etcd.
# Usage: build-apiserver.sh OUT_BINARY
# Prints progress; idempotent (does nothing when OUT_BINARY exists). Removes
# its build tree after a successful build.
set -euo pipefail
out="$1"
if [[ -x "$out" ]]; then echo "kube-apiserver cached at $out"; exit 0; fi
work="$(dirname "$out")/build"
mkdir -p "$work"
export DEBIAN_FRONTEND=noninteractive

step() { echo "[build-apiserver] $*"; }

if ! ls /etc/apt/sources.list.d/*-src.sources >/dev/null 2>&1; then
  step "adding deb-src entries"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    > /etc/apt/sources.list.d/debian-src.sources
fi
step "apt-get update"
apt-get update -qq
step "installing golang-go, etcd, rsync, jq and the fixed JSON libraries"
apt-get install -y -qq golang-go etcd-server etcd-client rsync jq dpkg-dev \
  golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev >/dev/null

cd "$work"
if [[ ! -d kubernetes-src ]]; then
  step "fetching the kubernetes source package"
  rm -rf src-tmp && mkdir src-tmp && cd src-tmp
  apt-get source -qq --download-only kubernetes >/dev/null
  tar xf kubernetes_*.orig.tar.* 
  mv kubernetes-*/ ../kubernetes-src
  cd .. && rm -rf src-tmp
fi
cd kubernetes-src
step "patching vendored reflect2/json-iterator and the OpenAPI zero-value check"
rm -rf vendor/github.com/modern-go/reflect2 vendor/github.com/json-iterator/go
cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/
cp -r /usr/share/gocode/src/github.com/json-iterator/go vendor/github.com/json-iterator/
sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' \
  vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go vendor/github.com/go-openapi/validate/type.go
step "compiling kube-apiserver (several minutes on 2 cores)"
export HOME="$work/home" GOFLAGS=-mod=vendor
mkdir -p "$HOME"
( while sleep 30; do echo "[build-apiserver] still compiling... $(date +%T)"; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
make WHAT=cmd/kube-apiserver
cp _output/bin/kube-apiserver "$out.tmp"
mv "$out.tmp" "$out"
# The source tree, Go's build cache and _output take a few GB; only the binary
# is needed again. (Kept after a failed build, to look into.)
step "removing the build tree ($(du -sh "$work" | cut -f1))"
cd / && rm -rf "$work"
step "done: $out"
