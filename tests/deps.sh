#!/bin/sh
# Install the Debian packages named as arguments that are missing.
# As root: apt-get installs them. Otherwise: print the command to run.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
else
	echo "missing packages:$missing" >&2
	echo "run: sudo apt-get install$missing" >&2
	exit 1
fi
