#!/bin/sh
# The privacy of petitioners: files 0600; personal data masked unless
# --with-personal-data, and every such showing an "access" event with the
# actor; --for-unit exports never carry the petitioner's identity (art. 30);
# no error message carries personal data.
T_TOOLS="petition-list petition-show petition-notice petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

NAME=欧阳娜娜 PHONE=13912345678 IDN=51080219800101001X ADDR=四川省广元市利州区东坝街道12号
padd -q --received-at 2017-05-10 --channel visit --unit 510802 --subject 噪声 \
	--petitioner-name "$NAME" --petitioner-phone "$PHONE" --petitioner-id-number "$IDN" \
	--petitioner-address "$ADDR" --accused 某厂 </dev/null
padd -q --received-at 2017-05-11 --channel web --unit 510811 --subject 粉尘 \
	--petitioner-name 李四 --petitioner-phone 13800000000 </dev/null

# access: the access events of cases 1 and 2 as petition-show prints them
# (without personal data, so that reading them records nothing), one a line:
# case_no|actor|action|from_status|to_status|details.tool
access() {
	qshow --format jsonl 1 2 </dev/null | "$PYTHON" -c '
import json, sys
for l in sys.stdin:
    for e in json.loads(l)["history"]:
        if e["action"] == "access":
            print("|".join([e["case_no"], e["actor"], e["action"], e["from_status"], e["to_status"],
                            e["details"]["tool"]]))
'
}
# naccess [TOOL]: how many of them (by TOOL)
naccess() { access | grep -c "${1:+|$1\$}"; }

# --- masked unless asked; asking is recorded --------------------------------

all_outputs() {   # every tool that prints cases, in every format, masked
	for f in jsonl csv table; do
		plist -f "$f" </dev/null
		pshow -f "$f" 1 2 </dev/null
	done
	p_notice 1 --kind accept </dev/null 2>/dev/null
	"$PETITION_BIN/petition-report" -f csv --backlog </dev/null
	"$PETITION_BIN/petition-escalate" --dry-run -f csv --now 2017-06-30 </dev/null
}
p_assign -q --accept --category petition 1 </dev/null
out=$(all_outputs 2>&1)
for v in "$NAME" "$PHONE" "$IDN" "$ADDR" 李四 13800000000; do
	lacks "$out" "$v" "masked everywhere: no $v"
done
contains "$out" "欧***" "the name masked as 欧***"
contains "$out" "139****5678" "the phone masked as 139****5678"
is "$(naccess)" 0 "masked output records no access"

run plist --with-personal-data --actor 审计员 -f csv --unit 510802 </dev/null
is_rc 0 "petition-list --with-personal-data"
contains "$OUT" "$PHONE" "shows the phone"
is "$(access)" "GY-2017-000001|审计员|access|accepted|accepted|petition-list" \
	"one access event: the case shown, the actor, the tool"
run pshow --with-personal-data --actor 审计员 1 2 </dev/null
is "$(naccess petition-show)" 2 \
	"petition-show: an access event per case shown"
run p_notice --with-personal-data --kind accept 1 </dev/null
contains "$OUT" "$NAME" "petition-notice --with-personal-data: the name"
is "$(naccess petition-notice)" 1 \
	"petition-notice: an access event"
n=$(naccess)
run p_handle --note 复核 --with-personal-data --dry-run 1 </dev/null
contains "$OUT" "$PHONE" "a dry run with personal data shows them"
is "$(naccess)" "$n" "... and records nothing"
run p_handle --note 复核 --with-personal-data 1 </dev/null
is "$(naccess)" "$((n + 1))" \
	"a lifecycle tool printing with personal data records the access"

# --- --for-unit: never the petitioner's identity ----------------------------

n=$(naccess)
for f in jsonl csv table; do
	run plist --for-unit 510800 --with-personal-data -f "$f" </dev/null
	is_rc 0 "petition-list --for-unit --with-personal-data -f $f"
	for v in "$NAME" "$PHONE" "$IDN" "$ADDR" 欧*** 139****5678; do
		lacks "$OUT" "$v" "-f $f --for-unit: no $v"
	done
	is "$ERR" "petition-list: --for-unit: the petitioner's identity is withheld (art. 30)" \
		"-f $f: a warning that the flag is overruled"
	run pshow --for-unit 510800 --with-personal-data -f "$f" 1 </dev/null
	lacks "$OUT" "$PHONE" "petition-show -f $f --for-unit: no phone"
	lacks "$OUT" "139****" "petition-show -f $f --for-unit: not even masked"
done
run plist --for-unit 510800 -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .petitioner_name | sort -u)" "null" "jsonl: the fields are null"
contains "$OUT" '"subject":"噪声"' "the rest of the case is there"
is "$(naccess)" "$n" "--for-unit records no access: nothing was shown"
run plist --for-unit 999999 </dev/null
is "$RC:$ERR" '2:petition-list: --for-unit: "999999" is not a known unit' "an unknown unit: usage"

# --- errors never carry personal data ----------------------------------------

printf '{"received_at":"2017-05-01","channel":"web","unit":"510802","subject":"x","petitioner_phone":"13912345678x","petitioner_id_number":"510802198001010010","petitioner_name":"%s\\u0001"}\n' "$NAME" >"$T_DIR/bad.jsonl"
run padd <"$T_DIR/bad.jsonl"
is_rc 3 "bad personal fields: bad input"
for v in 13912345678 510802198001010010 "$NAME"; do
	lacks "$ERR" "$v" "the error does not quote $v"
done
contains "$ERR" "petitioner_phone: is not a phone number" "the field is named"

# === the files themselves ====================================================

sqlite_only "the modes of the SQLite files, and a full disk under them"

mode() { stat -c %a "$1"; }
is "$(mode "$PETITION_DB")" 600 "the database is 0600"
"$PETITION_BIN/petition-list" >/dev/null </dev/null &     # keep a reader open a moment
wait
for f in "$PETITION_DB"-wal "$PETITION_DB"-shm; do
	[ -e "$f" ] && is "$(mode "$f")" 600 "$(basename "$f") is 0600"
done
umask 022
rm -f "$T_DIR/other.db"
run padd --db "$T_DIR/other.db" -q --received-at 2017-05-10 --channel web --unit 510802 \
	--subject x </dev/null
is "$RC/$(mode "$T_DIR/other.db")" 0/600 "0600 whatever the umask"

# --- nothing is shown that is not recorded ------------------------------------

# A full disk: the access event cannot be written, so nothing may be shown.
# A small tmpfs in a mount namespace of its own; a reader keeps the -wal and
# -shm files open, so that the store still opens once the disk is full.
cat >"$T_DIR/full.sh" <<'EOS'
B=$PETITION_BIN; D=$T_DIR/full; export PETITION_DB=$D/p.db
mount -t tmpfs -o size=2m tmpfs "$D" || exit 1
"$B/petition-add" -q --received-at 2017-05-10 --channel visit --unit 510802 \
	--subject 噪声 --petitioner-name "$NAME" --petitioner-phone "$PHONE" </dev/null || exit 1
"$B/petition-assign" -q --accept --category petition 1 </dev/null || exit 1
(echo 'SELECT count(*) FROM cases;'; sleep 2) | sqlite3 "$PETITION_DB" >/dev/null &
sleep 0.5
dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null
for t in "petition-show --with-personal-data -f jsonl 1" \
         "petition-list --with-personal-data -f jsonl" \
         "petition-notice --kind accept --with-personal-data 1"; do
	$B/$t >"$T_DIR/full.out" 2>/dev/null </dev/null
	echo "${t%% *}: $? $(grep -c "$PHONE\|$NAME" "$T_DIR/full.out")"
done
rm -f "$D/fill"
echo "access events: $("$B/petition-show" -f jsonl 1 </dev/null | grep -c '"action":"access"')"
wait
EOS
mkdir -p "$T_DIR/full"
if command -v sqlite3 >/dev/null && unshare -m mount -t tmpfs -o size=1m tmpfs "$T_DIR/full" 2>/dev/null; then
	got=$(NAME=$NAME PHONE=$PHONE T_DIR=$T_DIR unshare -m sh "$T_DIR/full.sh")
	is "$got" "petition-show: 5 0
petition-list: 5 0
petition-notice: 5 0
access events: 0" "a full disk: the access cannot be recorded, so nothing is shown (exit 5)"
else
	pass "# SKIP no mount namespace for a full disk here"
fi

done_testing
