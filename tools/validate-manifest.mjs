#!/usr/bin/env node
// Validates Teams app manifests offline against the official schema of the version each one declares, and checks
// the icons next to it. Usage: node tools/validate-manifest.mjs [--schema-only] <manifest.json>...
// Exit codes: 0 valid, 1 invalid (one error per line on stdout), 2 usage or unreadable file.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { checkIcons, declaredSchema, validateLocalizations, validateManifest } from "./lib/teams-manifest.mjs";

const args = process.argv.slice(2);
const schemaOnly = args.includes("--schema-only");
const paths = args.filter((a) => a !== "--schema-only");
if (paths.length === 0 || paths.some((p) => p.startsWith("--"))) {
  console.error("usage: node tools/validate-manifest.mjs [--schema-only] <manifest.json>...");
  process.exit(2);
}

let exitCode = 0;
for (const path of paths) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    console.error(`${path}: cannot read manifest: ${error.message}`);
    exitCode = 2;
    continue;
  }
  const errors = [...validateManifest(manifest), ...validateLocalizations(dirname(path), manifest)];
  if (!schemaOnly) {
    errors.push(...checkIcons(dirname(path), manifest));
  }
  if (errors.length === 0) {
    console.log(`${path}: valid (Teams manifest v${declaredSchema(manifest).version})`);
  } else {
    console.log(`${path}: ${errors.length} error(s)`);
    for (const error of errors) {
      console.log(`  ${error}`);
    }
    exitCode = Math.max(exitCode, 1);
  }
}
process.exit(exitCode);
