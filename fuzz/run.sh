#!/bin/sh
# Runs every fuzz target for FUZZ_SECONDS seconds (default 60) and fails if
# any of them crashed. `make fuzz` calls this from fuzz/.
#
#   FUZZ_SECONDS=600 ./run.sh            # longer runs
#   FUZZ_RUNS=10000000 FUZZ_SECONDS=1800 ./run.sh
#                                        # each target until 10M runs or 30 min
#                                        # (make fuzz-long)
#   FUZZ_TARGETS="pack" ./run.sh         # a subset
#   FUZZ_SANITIZER=address ./run.sh      # slower; the crate is unsafe-free
#
# libFuzzer writes new inputs to the FIRST corpus directory, so each run
# reads the committed seeds in corpus/<target> but grows a scratch corpus in
# target/fuzz-corpus/<target> (ignored by git). Crashes go to
# artifacts/<target>/ (ignored too); turn each into a named regression test.
set -u

cd "$(dirname "$0")" || exit 2

seconds=${FUZZ_SECONDS:-60}
# -1: no limit on executions (time alone stops a target).
runs=${FUZZ_RUNS:--1}
targets=${FUZZ_TARGETS:-"transaction pack normalize automaton json verdict state signed image xml"}
sanitizer=${FUZZ_SANITIZER:-none}

# cargo fuzz needs nightly-only flags (-Z sanitizer, -C passes=sancov).
if rustup run nightly rustc --version >/dev/null 2>&1; then
    toolchain=+nightly
else
    toolchain=
    RUSTC_BOOTSTRAP=1
    export RUSTC_BOOTSTRAP
    echo "run.sh: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1" >&2
fi

if ! cargo $toolchain fuzz --version >/dev/null 2>&1; then
    echo "run.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz || exit 2
fi

summary=
failed=
for t in $targets; do
    mkdir -p "target/fuzz-corpus/$t" "artifacts/$t"
    log="target/fuzz-$t.log"
    # A target whose input is not text (automaton, state, signed) has no dictionary.
    dict=
    [ -f "dict/$t.dict" ] && dict="-dict=dict/$t.dict"
    limit=
    [ "$runs" != "-1" ] && limit=", at most $runs runs"
    echo "== $t: ${seconds}s$limit"
    # -a: debug assertions and overflow checks, as in the crate's tests.
    cargo $toolchain fuzz run --fuzz-dir . -a --sanitizer "$sanitizer" "$t" \
        "target/fuzz-corpus/$t" "corpus/$t" -- \
        ${dict:+"$dict"} \
        -max_total_time="$seconds" \
        -runs="$runs" \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 \
        >"$log" 2>&1
    status=$?
    # The last lines carry the verdict: "Done N runs in S second(s)" or the
    # crash report and the artifact's path.
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1)
    if [ "$status" -eq 0 ] && [ -n "$done_line" ]; then
        result=$(echo "$done_line" | sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1 execs in \2 s/')
    else
        # The panic message, libFuzzer's reason (deadly signal, timeout,
        # out-of-memory) and cargo fuzz's exact reproduce/tmin commands.
        grep -A1 'panicked at' "$log" | head -n 6
        grep -E '^==[0-9]+== ERROR|^ERROR:|^Error:' "$log" | head -n 3
        grep -E '^[[:space:]]+cargo fuzz (run|tmin) ' "$log" | sed "s/cargo fuzz/cargo $toolchain fuzz/"
        echo "(full log: fuzz/$log)"
        execs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -n 1 | sed 's/.*: *//')
        artifact=$(grep -Eo 'artifacts/[^ ]*' "$log" | tail -n 1)
        result="FAILED (exit $status) after ${execs:-?} execs${artifact:+, input $artifact}"
        failed="$failed $t"
    fi
    echo "$t: $result"
    summary="$summary$t: $result
"
done

echo
echo "== fuzz summary (${seconds}s per target; logs in fuzz/target/fuzz-<target>.log)"
printf '%s' "$summary"
if [ -n "$failed" ]; then
    echo "failed:$failed"
    echo "Minimize each input with the tmin command above, then make it a named"
    echo "regression test in tests/ with a comment on the cause (see fuzz/README.md)."
    exit 1
fi
