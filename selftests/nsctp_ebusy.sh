#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nsctp_ebusy.sh: nsctp refuses to load while another module owns the
# IPPROTO_SCTP handler (in real life the in-tree sctp.ko; here the
# nsctp_test_squat module, which, unlike sctp.ko, can be unloaded again).
# For the IPv4 slot and then the IPv6 slot:
#  - insmod nsctp fails with EBUSY and leaves nothing behind (no module,
#    no slab cache, no IPv4 claim left over when IPv6 was the busy one);
#  - the kernel log has one clear nsctp line saying the protocol is taken;
#  - once the squatter is gone nsctp loads and unloads.
set -u
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

require_nsctp
squat=$NSCTP_TEST_MODULES/nsctp_test_squat.ko
[ -f "$squat" ] || skip "no $squat (run 'make selftests')"

tmp=$(mktemp -d)
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	module_loaded nsctp_test_squat && rmmod nsctp_test_squat
	rm -rf "$tmp"
	nsctp_restore
}
trap cleanup EXIT

# busy_case FAMILY
busy_case() {
	fam=$1
	insmod "$squat" family="$fam" || fail "insmod nsctp_test_squat family=$fam"
	mark="nsctp_ebusy: IPv$fam case $$"
	kmsg_mark "$mark"
	if nsctp_insmod 2>"$tmp/err"; then
		fail "nsctp loaded while the IPv$fam protocol slot was taken"
	fi
	grep -q "Device or resource busy" "$tmp/err" ||
		fail "IPv$fam: insmod did not fail with EBUSY: $(cat "$tmp/err")"
	! module_loaded nsctp || fail "IPv$fam: nsctp in /proc/modules after a failed load"
	left=$(nsctp_slabs)
	[ -z "$left" ] || fail "IPv$fam: slab caches left by the failed load: $left"
	dmesg_since "$mark" | grep -v nsctp_test_squat | grep -i nsctp |
		grep -iqE 'already|taken|busy|in use' ||
		fail "IPv$fam: no nsctp line in dmesg saying the protocol is taken"
	log "IPv$fam: $(dmesg_since "$mark" | grep -v nsctp_test_squat | grep -i nsctp | tail -n1)"
	rmmod nsctp_test_squat || fail "rmmod nsctp_test_squat"
	# If the failed load kept the other family's slot, the squatter
	# cannot take it now.
	other=$((10 - fam))
	insmod "$squat" family="$other" ||
		fail "IPv$fam: the failed nsctp load left the IPv$other slot claimed"
	rmmod nsctp_test_squat || fail "rmmod nsctp_test_squat family=$other"
}

nsctp_unload || fail "could not unload nsctp before the test"
busy_case 4
busy_case 6
nsctp_insmod || fail "nsctp does not load once the slot is free"
nsctp_rmmod || fail "rmmod nsctp"
log "EBUSY for IPv4 and IPv6, clean load afterwards: ok"
exit "$KSFT_PASS"
