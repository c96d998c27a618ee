#!/bin/sh
":" //; GLIBC_TUNABLES="${GLIBC_TUNABLES-glibc.malloc.hugetlb=1}" exec node "$0" "$@"
// Entry for `npx circlecast`: runs the compiled CLI (built by `npm run build`, which `npm install` runs via `prepare`).
//
// The line above is for the shell, which runs first (the shebang) and then replaces itself with Node,
// so the CLI keeps its process id and receives every signal itself; to JavaScript it is a string and a
// comment. It asks glibc's malloc, where the variable is not set already, to back its large blocks with
// transparent huge pages (madvise): a world's typed arrays are hundreds of MiB, and on VMs that fault
// 4 KiB pages in slowly most of a build was page faults (README, "Speed and memory"). musl and
// macOS ignore the variable. `node bin/circlecast.js` runs without it.
import "../dist/engine/node/cli.js";
