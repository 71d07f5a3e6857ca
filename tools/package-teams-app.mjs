#!/usr/bin/env node
// Builds the Teams app package: manifest/manifest.json with the bot's Microsoft App ID (and the host the dashboard
// tab loads from) filled in, plus the two icons, zipped at the archive root — what "Upload a custom app" expects.
// The filled-in manifest is validated against its schema before anything is written.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkIcons, checkLocalization, declaredSchema, pruneLocalization, readLocalizations, validateManifest } from "./lib/teams-manifest.mjs";
import { createZip } from "./lib/zip.mjs";

const Usage = `usage: scripts/package-teams-app.sh --bot-id <guid> [--domain <host>] [--app-id <guid>]
                                    [--version <x.y.z>] [--out <file.zip>]

  --bot-id   the Microsoft App ID of the Azure Bot resource (MicrosoftAppId); required
  --domain   public host name serving the bot, e.g. mentorbot.contoso.com, for the program dashboard tab;
             without it the package holds the bot only, with no dashboard tab
  --app-id   Teams app id (default: the "id" in manifest/manifest.json); keep it stable across updates
  --version  app version; raise it for every update you upload (default: the "version" in the manifest)
  --out      where to write the package (default: artifacts/MentorBot.zip in the repository)`;

const Guid = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const EmptyGuid = "00000000-0000-0000-0000-000000000000";
const HostName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const SemVer = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DomainToken = "${{BOT_DOMAIN}}";

class UsageError extends Error {}

function parseArguments(argv) {
  const known = new Set(["--bot-id", "--domain", "--app-id", "--version", "--out"]);
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === "--help" || name === "-h") {
      return { help: true };
    }
    if (!known.has(name)) {
      throw new UsageError(`unknown argument ${JSON.stringify(name)}`);
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) {
      throw new UsageError(`${name} needs a value`);
    }
    options[name.slice(2)] = value;
  }
  return options;
}

function checkedGuid(name, value) {
  if (!Guid.test(value)) {
    throw new UsageError(
      `--${name} ${JSON.stringify(value)} is not a GUID; expected the form 11111111-2222-3333-4444-555555555555`);
  }
  if (value === EmptyGuid) {
    throw new UsageError(`--${name} is the all-zero placeholder GUID; use the real id`);
  }
  return value.toLowerCase();
}

function checkedHost(value) {
  const host = value.toLowerCase();
  if (/^[a-z]+:\/\//.test(host) || host.includes("/")) {
    throw new UsageError(`--domain takes a host name only, e.g. mentorbot.contoso.com (got ${JSON.stringify(value)})`);
  }
  if (!HostName.test(host)) {
    throw new UsageError(
      `--domain ${JSON.stringify(value)} is not a public host name such as mentorbot.contoso.com ` +
        "(Teams loads the dashboard tab over https from that host; no port, no localhost)");
  }
  return host;
}

function fill(template, options) {
  let text = template;
  if (options.domain) {
    text = text.replaceAll(DomainToken, options.domain);
  }
  const manifest = JSON.parse(text);
  manifest.bots[0].botId = options["bot-id"];
  if (manifest.webApplicationInfo && options.domain) {
    // The dashboard tab's single sign-on: Teams issues the tab a token for the bot's own app registration, whose
    // Application ID URI is api://<host>/<app id> (decision 0200).
    manifest.webApplicationInfo.id = options["bot-id"];
    manifest.webApplicationInfo.resource = `api://${options.domain}/${options["bot-id"]}`;
  }
  if (options["app-id"]) {
    manifest.id = options["app-id"];
  }
  if (options.version) {
    manifest.version = options.version;
  }
  if (!options.domain) {
    // Without a host the dashboard tab would point nowhere; ship the bot alone rather than a broken tab.
    manifest.staticTabs = (manifest.staticTabs ?? []).filter((tab) => !JSON.stringify(tab).includes(DomainToken));
    manifest.validDomains = (manifest.validDomains ?? []).filter((domain) => !domain.includes(DomainToken));
    delete manifest.webApplicationInfo;
    for (const key of ["staticTabs", "validDomains"]) {
      if (manifest[key].length === 0) {
        delete manifest[key];
      }
    }
  }
  const leftover = JSON.stringify(manifest).match(/\$\{\{[A-Z0-9_]+\}\}/);
  if (leftover) {
    throw new Error(`the manifest still holds the placeholder ${leftover[0]} that this script does not fill`);
  }
  return manifest;
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, "..");
  const options = parseArguments(process.argv.slice(2));
  if (options.help) {
    console.log(Usage);
    return 0;
  }
  if (!options["bot-id"]) {
    throw new UsageError("--bot-id is required (the Microsoft App ID of your Azure Bot)");
  }
  options["bot-id"] = checkedGuid("bot-id", options["bot-id"]);
  if (options["app-id"]) {
    options["app-id"] = checkedGuid("app-id", options["app-id"]);
  }
  if (options.domain) {
    options.domain = checkedHost(options.domain);
  }
  if (options.version && !SemVer.test(options.version)) {
    throw new UsageError(`--version ${JSON.stringify(options.version)} must look like 1.2.3`);
  }

  const manifestFolder = join(root, "manifest");
  const manifest = fill(readFileSync(join(manifestFolder, "manifest.json"), "utf8"), options);
  // Language files lose the keys of parts the filled-in manifest left out (no --domain: no tab), then are checked.
  const localizations = readLocalizations(manifestFolder, manifest);
  const languageFiles = localizations.files.map(({ file, strings }) => ({ file, strings: pruneLocalization(manifest, strings) }));
  const errors = [...validateManifest(manifest), ...checkIcons(manifestFolder, manifest), ...localizations.errors,
    ...languageFiles.flatMap(({ file, strings }) => checkLocalization(manifest, file, strings))];
  if (errors.length > 0) {
    console.error(`The filled-in manifest is not valid; no package written:\n  ${errors.join("\n  ")}`);
    return 1;
  }

  const entries = [
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8") },
    ...[manifest.icons.color, manifest.icons.outline].map((name) => ({
      name,
      data: readFileSync(join(manifestFolder, name)),
    })),
    // The language files sit at the package root beside manifest.json, as "localizationInfo" names them.
    ...languageFiles.map(({ file, strings }) => ({
      name: file,
      data: Buffer.from(`${JSON.stringify(strings, null, 2)}\n`, "utf8"),
    })),
  ];
  const out = resolve(options.out ?? join(root, "artifacts", "MentorBot.zip"));
  mkdirSync(dirname(out), { recursive: true });
  // Write beside the target and rename, so a failed run never leaves a half-written package behind.
  const partial = `${out}.partial`;
  try {
    writeFileSync(partial, createZip(entries));
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }

  const shown = relative(process.cwd(), out);
  console.log(`Wrote ${shown.startsWith("..") ? out : shown}`);
  console.log(`  Teams app ${manifest.id} version ${manifest.version}, manifest v${declaredSchema(manifest).version}`);
  console.log(`  bot ${options["bot-id"]}`);
  console.log(options.domain
    ? `  dashboard tab https://${options.domain}/dashboard`
    : "  no --domain given: packaged without the dashboard tab");
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${Usage}`);
    process.exitCode = 2;
  } else {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  }
}
