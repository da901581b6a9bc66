#!/usr/bin/env bash
# Scan this host over loopback SSH with vigil's ScanEngine (first scan with an empty target cache,
# and re-scans) in a warm JVM, and compare with a local `oscap xccdf eval` and with `oscap-ssh`
# (openscap-utils) in the same run; then ARF parse throughput (bench/arf-bench.sh).
# Starts its own sshd on 127.0.0.2 (a free port, fresh host and user keys in a temp dir; root).
# Usage: bench/scan-bench.sh [datastream.xml] [profile id] [warm-ups] [measured runs]
#   or   SCAN_BENCH_CONTENT=rhel9 bench/scan-bench.sh   (the largest SSG datastream installed here,
#        ssg-rhel9-ds.xml, with its ospp profile: a realistic ARF size)
#   SCAN_BENCH_DS / SCAN_BENCH_PROFILE set the datastream and profile like the first two arguments.
#   SCAN_BENCH_PQ_KEX=false proposes curve25519-sha256 first (vigil.scanning.post-quantum-kex=false)
#   instead of the shipped post-quantum hybrid.
#   SCAN_BENCH_LOGIN_SHELL=stock (the default) gives the target's root Debian's stock ~/.bashrc
#   (/usr/share/base-files/dot.bashrc, bind-mounted over /root/.bashrc in a mount namespace of the
#   bench's sshd only), as on a freshly installed server; =machine keeps this machine's own
#   /root/.bashrc, whose `pyenv init` costs ~140 ms per command channel (Vigil's one channel per
#   re-scan, and each of oscap-ssh's). Both contenders connect to the same sshd.
set -euo pipefail
cd "$(dirname "$0")/.."
ssg=/usr/share/xml/scap/ssg/content
case "${SCAN_BENCH_CONTENT:-debian11}" in
  rhel9) default_ds="$ssg/ssg-rhel9-ds.xml"; default_profile=xccdf_org.ssgproject.content_profile_ospp ;;
  debian11) default_ds="$ssg/ssg-debian11-ds.xml"; default_profile=xccdf_org.ssgproject.content_profile_standard ;;
  *) echo "SCAN_BENCH_CONTENT is rhel9 or debian11" >&2; exit 64 ;;
esac
ds="${1:-${SCAN_BENCH_DS:-$default_ds}}"
profile="${2:-${SCAN_BENCH_PROFILE:-$default_profile}}"
host=127.0.0.2
for tool in /usr/sbin/sshd /usr/bin/ssh-keygen /usr/bin/oscap /usr/bin/oscap-ssh; do
  [ -x "$tool" ] || { echo "scan-bench needs $tool" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "scan-bench runs sshd and scans as root" >&2; exit 1; }

mvn -B -ntp -q -pl bench -am package -DskipTests

tmp="$(mktemp -d /tmp/vigil-scanbench-sshd.XXXXXX)"
stop_sshd() {
  if [ -s "$tmp/sshd.pid" ]; then
    kill "$(cat "$tmp/sshd.pid")" 2>/dev/null || true
  fi
  rm -rf -- "$tmp"
}
trap stop_sshd EXIT
port="$(python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$host")"
mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -C vigil-scanbench -f "$tmp/host_key"
ssh-keygen -q -t ed25519 -N '' -C vigil-scanbench -f "$tmp/user_key"
cp "$tmp/user_key.pub" "$tmp/authorized_keys"
cat >"$tmp/sshd_config" <<CFG
ListenAddress $host
Port $port
HostKey $tmp/host_key
AuthorizedKeysFile $tmp/authorized_keys
PidFile $tmp/sshd.pid
UsePAM no
StrictModes no
PermitRootLogin yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxStartups 100
Subsystem sftp internal-sftp
CFG
# Without -D sshd forks once it listens: when this returns, it accepts connections.
case "${SCAN_BENCH_LOGIN_SHELL:-stock}" in
  stock)
    echo "target: root with Debian's stock ~/.bashrc (SCAN_BENCH_LOGIN_SHELL=machine: this machine's)"
    unshare -m --propagation private sh -c \
      'mount --bind /usr/share/base-files/dot.bashrc /root/.bashrc && exec "$@"' sh \
      /usr/sbin/sshd -f "$tmp/sshd_config" -E "$tmp/sshd.log" ;;
  machine)
    echo "target: root with this machine's own ~/.bashrc"
    /usr/sbin/sshd -f "$tmp/sshd_config" -E "$tmp/sshd.log" ;;
  *) echo "SCAN_BENCH_LOGIN_SHELL is stock or machine" >&2; exit 64 ;;
esac

java -Xms256m -Xmx256m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.ScanBenchmark "$host" "$port" "$tmp/user_key" "$ds" "$profile" \
  "${3:-1}" "${4:-7}"

echo
echo "== ARF parse throughput (bench/arf-bench.sh) =="
bench/arf-bench.sh "$ds" "$profile"
