#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The short version of make demo-fleet: two guests on the 7.3 base
# kernel, auditd's remote logging from the producer to the collector over
# their virtio-net segment, a steady run of 600 records, the collector
# stopped twice under load, with a small audisp-remote queue (60 records;
# the collector is stopped for 30 records, then for 150), so that it is
# short under TCG.  scripts/fleet prints the
# plan, a result per check and exits non-zero if any failed; the guests'
# logs stay in build/fleet.
set -euo pipefail
exec "$(dirname "$0")/../../scripts/fleet" --tap --queue 60 --steady 600 --outages 30,150
