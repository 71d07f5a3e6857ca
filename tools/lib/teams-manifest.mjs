// Checks a Teams app manifest the way the Developer Portal would, offline: against the official JSON schema of the
// version the manifest declares (shipped in @microsoft/app-manifest), plus the icon rules the schema cannot express.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodePng } from "./png.mjs";

const require = createRequire(import.meta.url);
// The schemas declare draft-04 but use "const"; ajv's draft-04 build enforces it, NJsonSchema 10.7 does not.
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const SchemaFolder = join(
  dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "@microsoft", "app-manifest", "build",
  "json-schemas", "teams");
// The docs use both the plain URL and one with a locale segment (…/en-us/json-schemas/…).
const SchemaUrl = new RegExp(
  "^https://developer\\.microsoft\\.com/(?:[a-z]{2}-[a-z]{2}/)?json-schemas/teams/v(\\d+\\.\\d+)/MicrosoftTeams\\.schema\\.json$");

/** The schema version a manifest declares in "$schema", or an error message. */
export function declaredSchema(manifest) {
  const url = manifest?.$schema;
  const match = typeof url === "string" ? SchemaUrl.exec(url) : null;
  if (!match) {
    return {
      error: `"$schema" must be https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json ` +
        `(found ${JSON.stringify(url)})`,
    };
  }
  const path = join(SchemaFolder, `v${match[1]}`, "MicrosoftTeams.schema.json");
  if (!existsSync(path)) {
    return { error: `no offline schema for Teams manifest v${match[1]} (looked for ${path}); run npm ci in tools/` };
  }
  return { version: match[1], path };
}

const compiled = new Map();

function validatorFor(path) {
  if (!compiled.has(path)) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled.set(path, ajv.compile(JSON.parse(readFileSync(path, "utf8"))));
  }
  return compiled.get(path);
}

// ajv's messages already quote patterns and limits; other params (the extra property, the allowed value) do not.
const QuotedInMessage = new Set(["pattern", "limit", "format", "missingProperty", "type"]);

function describe(error) {
  const where = error.instancePath || "(root)";
  const details = Object.fromEntries(Object.entries(error.params).filter(([key]) => !QuotedInMessage.has(key)));
  return `${where}: ${error.message}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ""}`;
}

/** Schema errors for a parsed manifest, one readable line each; empty when valid. */
export function validateManifest(manifest) {
  const schema = declaredSchema(manifest);
  if (schema.error) {
    return [schema.error];
  }
  const errors = [];
  if (manifest.manifestVersion !== schema.version) {
    errors.push(
      `/manifestVersion: is ${JSON.stringify(manifest.manifestVersion)} but "$schema" points at v${schema.version}`);
  }
  const validate = validatorFor(schema.path);
  if (!validate(manifest)) {
    errors.push(...validate.errors.map(describe));
  }
  return errors;
}

const compiledLocalization = new Map();

// The localization schema's activityTypes pattern does not compile with the "u" flag ("Lone quantifier brackets"),
// so it gets its own ajv with unicodeRegExp off (teams-typeahead-and-localization.md §2.2).
function localizationValidatorFor(path) {
  if (!compiledLocalization.has(path)) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    compiledLocalization.set(path, ajv.compile(JSON.parse(readFileSync(path, "utf8"))));
  }
  return compiledLocalization.get(path);
}

/** The language files "localizationInfo" names, parsed: { files: [{ languageTag, file, strings }], errors }. */
export function readLocalizations(folder, manifest) {
  const info = manifest?.localizationInfo;
  const errors = [];
  const files = [];
  const named = info ? [...(info.defaultLanguageFile ? [{ languageTag: info.defaultLanguageTag, file: info.defaultLanguageFile }] : []),
    ...(info.additionalLanguages ?? [])] : [];
  for (const { languageTag, file } of named) {
    const path = join(folder, file ?? "");
    if (!file || !existsSync(path)) {
      errors.push(`localization ${languageTag}: ${JSON.stringify(file)} not found next to the manifest`);
      continue;
    }
    try {
      files.push({ languageTag, file, strings: JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, "")) });
    } catch (error) {
      errors.push(`localization ${file}: cannot read: ${error.message}`);
    }
  }
  return { files, errors };
}

/**
 * One language file checked against the localization schema of the manifest's version, and for keys that point at
 * nothing in the manifest (a command it does not have).
 */
export function checkLocalization(manifest, file, strings) {
  const schema = declaredSchema(manifest);
  if (schema.error) {
    return [];
  }
  const errors = [];
  const validate = localizationValidatorFor(join(dirname(schema.path), "MicrosoftTeams.Localization.schema.json"));
  if (!validate(strings)) {
    errors.push(...validate.errors.map((error) => `${file}: ${describe(error)}`));
  }
  for (const key of Object.keys(strings).filter((k) => k !== "$schema")) {
    if (valueAt(manifest, key) === undefined) {
      errors.push(`${file}: "${key}" names nothing in the manifest`);
    }
  }
  return errors;
}

/** Every language file of the manifest in <folder>, checked; empty when all are valid. */
export function validateLocalizations(folder, manifest) {
  const { files, errors } = readLocalizations(folder, manifest);
  return [...errors, ...files.flatMap(({ file, strings }) => checkLocalization(manifest, file, strings))];
}

/** A copy without the keys whose manifest part a filled-in package left out (the dashboard tab without --domain). */
export function pruneLocalization(manifest, strings) {
  return Object.fromEntries(Object.entries(strings).filter(([key]) => key === "$schema" || valueAt(manifest, key) !== undefined));
}

// "bots[0].commandLists[1].commands[2].title" → that value in the manifest, or undefined.
function valueAt(manifest, key) {
  let value = manifest;
  for (const part of key.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    value = value?.[part];
  }
  return value;
}

function readIcon(folder, relativePath, errors) {
  const path = join(folder, relativePath ?? "");
  if (!relativePath || !existsSync(path)) {
    errors.push(`icon ${JSON.stringify(relativePath)} not found next to the manifest`);
    return null;
  }
  try {
    return decodePng(readFileSync(path));
  } catch (error) {
    errors.push(`icon ${relativePath}: ${error.message}`);
    return null;
  }
}

/** Icon rules from the Teams docs that the schema leaves out: sizes, and a white/transparent-only outline. */
export function checkIcons(folder, manifest) {
  const errors = [];
  const color = readIcon(folder, manifest?.icons?.color, errors);
  if (color && (color.width !== 192 || color.height !== 192)) {
    errors.push(`icon ${manifest.icons.color}: must be 192×192, is ${color.width}×${color.height}`);
  }
  const outline = readIcon(folder, manifest?.icons?.outline, errors);
  if (outline) {
    if (outline.width !== 32 || outline.height !== 32) {
      errors.push(`icon ${manifest.icons.outline}: must be 32×32, is ${outline.width}×${outline.height}`);
    }
    const { rgba } = outline;
    let offending = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const transparent = rgba[i + 3] === 0;
      const white = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255 && rgba[i + 3] === 255;
      if (!transparent && !white) {
        offending++;
      }
    }
    if (offending > 0) {
      errors.push(
        `icon ${manifest.icons.outline}: ${offending} pixel(s) are neither white (255,255,255) nor fully transparent`);
    }
  }
  return errors;
}
