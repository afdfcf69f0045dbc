#!/bin/sh
# tests/check_layers.sh FOLDER:ALLOWED,... ...: every quoted #include in a file of FOLDER
# (its .c and .h files) must name a header in one of the ALLOWED folders ("sim",
# "models/center"; "ccsim" for include/ccsim/policy.h; "all" allows anything). Each
# include that is not allowed is printed with its place, and so is a folder of models/
# that the table forgets (its includes would go unchecked). Exit status 1 if any.
# `make check-layers` runs it with the Makefile's LAYERS.
out=$(
    for entry in "$@"; do
        dir=${entry%%:*}
        allowed=$(echo "${entry#*:}" | tr ',' ' ')
        [ -d "$dir" ] || { echo "check-layers: $dir: no such folder"; continue; }
        find "$dir" -name '*.[ch]' | sort | while IFS= read -r f; do
            grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r hit; do
                header=$(echo "$hit" | sed 's/.*include[[:space:]]*"\([^"]*\)".*/\1/')
                case $header in */*) from=${header%/*} ;; *) from=. ;; esac
                ok=0
                for a in $allowed; do [ "$a" = all ] || [ "$a" = "$from" ] && ok=1; done
                [ $ok -eq 1 ] || echo "check-layers: $f:${hit%%:*}: includes \"$header\"; $dir may include only $allowed"
            done
        done
    done
    find models -name '*.[ch]' -exec dirname {} \; | sort -u | while IFS= read -r d; do
        listed=0
        for entry in "$@"; do [ "${entry%%:*}" = "$d" ] && listed=1; done
        [ $listed -eq 1 ] || echo "check-layers: $d is not in LAYERS (Makefile): its includes go unchecked"
    done
)
if [ -n "$out" ]; then
    echo "$out"
    exit 1
fi
echo "check-layers: ok (every include points down the layers)"
