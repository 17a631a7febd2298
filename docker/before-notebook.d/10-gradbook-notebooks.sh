#!/bin/bash
# Sourced by the docker-stacks start script before the notebook server starts.
#
# The lectures ship read-only in the image at ${GRADBOOK_ROOT}/notebooks; a
# student works on copies in ~/work/gradbook, which compose and JupyterHub keep
# on a volume. Only notebooks missing from the copy are added, so a student's
# edits survive a new image and new lectures still appear.
gradbook_src="${GRADBOOK_ROOT:-/opt/gradbook}/notebooks"
gradbook_dst="${HOME:-/home/jovyan}/work/gradbook"
if [ -d "${gradbook_src}" ]; then
    mkdir -p "${gradbook_dst}"
    # The start script runs with set -e, and some coreutils releases make
    # cp -n exit 1 when it skips a file: a skipped file is the point here.
    cp -R -n "${gradbook_src}/." "${gradbook_dst}/" || true
    # Started as root (JupyterHub may do so to set NB_UID): hand the copies
    # to the notebook user.
    if [ "$(id -u)" = 0 ]; then
        chown -R "${NB_UID:-1000}:${NB_GID:-100}" "${gradbook_dst}"
    fi
fi
unset gradbook_src gradbook_dst
