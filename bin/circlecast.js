#!/usr/bin/env node
// Entry for `npx circlecast`: runs the compiled CLI (built by `npm run build`, which `npm install` runs via `prepare`).
import "../dist/engine/node/cli.js";
