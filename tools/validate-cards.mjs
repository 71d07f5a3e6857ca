// Validates Adaptive Card JSON files with the official Adaptive Cards library (npm `adaptivecards`), the same code
// that renders cards in the Agents Playground and web clients.
//
//   node tools/validate-cards.mjs <folder-or-file>...
//
// Prints one JSON object on stdout: { "<file name>": ["<problem>", ...], ... } (an empty list means valid) and exits
// 0 when every card is valid, 1 when any card has a problem, 2 on bad usage. Runs offline; no DOM is needed to parse
// and validate.
//
// Problems reported, per card:
//  - parse events (unknown element or action types, invalid values…) with the target version set to 1.5, so elements
//    newer than 1.5 are reported too;
//  - validateProperties() events (duplicate ids, missing required properties such as Action.OpenUrl.url…);
//  - properties the library does not know: it drops them when it serializes the parsed card again, so a property
//    present in the input but absent after a parse/serialize round trip, and not in the library's schema for that
//    type (it also drops values equal to their default), is a typo or unsupported (host-specific properties Teams
//    defines, like the card's `msteams`, are allowed);
//  - Action.ToggleVisibility targets that no element has as id (the library does not check this);
//  - the same checks for every action `fallback` (the library parses it but never writes it back out).

import { createRequire } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js");

// Properties Teams defines on top of the Adaptive Cards schema, by JSON path.
const hostProperties = new Set(["$.msteams"]);

// Teams' dynamic type-ahead: `choices.data` on Input.ChoiceSet in cards declared 1.5 (Teams renders up to 1.5; the
// Adaptive Cards schema dates Data.Query to 1.6). It is not skipped: it is parsed and re-serialized by the library's
// own Data.Query class (ChoiceSetInputDataQuery) at 1.6 and must come back whole, with type Data.Query and a dataset.
function validateDataQuery(value, path, problems) {
  const context = new AC.SerializationContext(AC.Versions.v1_6);
  const query = new AC.ChoiceSetInputDataQuery();
  query.parse(value, context);
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(`parse: ${path}: ${context.getEventAt(i).message}`);
  }

  const roundTripped = query.toJSON(new AC.SerializationContext(AC.Versions.v1_6)) ?? {};
  for (const key of Object.keys(value ?? {})) {
    if (!(key in roundTripped)) {
      problems.push(`unknown: ${path}.${key} is not a property the library knows for Data.Query.`);
    }
  }

  if (roundTripped.type !== "Data.Query" || typeof roundTripped.dataset !== "string" || roundTripped.dataset.length === 0) {
    problems.push(`validate: ${path} needs type "Data.Query" and a dataset.`);
  }
}

function validateCard(json) {
  const problems = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    // Teams takes choices.data in 1.5 cards (see validateDataQuery, which checks it at 1.6).
    if (!/^Property "choices\.data" is supported in version 1\.6/.test(message)) {
      problems.push(`parse: ${message}`);
    }
  }

  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }

  const roundTripped = card.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  const fallbacks = [];
  compare(json, roundTripped, "$", problems, fallbacks);

  const ids = new Set();
  collectIds(json, ids);
  for (const targets of findToggleTargets(json)) {
    for (const target of targets) {
      const id = typeof target === "string" ? target : target?.elementId;
      if (!ids.has(id)) {
        problems.push(`validate: Action.ToggleVisibility targets "${id}", which no element has as id.`);
      }
    }
  }

  for (const { path, action } of fallbacks) {
    const wrapper = { type: "AdaptiveCard", version: "1.5", body: [{ type: "ActionSet", actions: [action] }] };
    for (const problem of validateCard(wrapper)) {
      problems.push(`${path}: ${problem}`);
    }
  }

  return problems;
}

// Walks the input and the library's re-serialized copy side by side; arrays are matched by position.
function compare(input, output, path, problems, fallbacks) {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) {
      problems.push(`unknown: ${path} was dropped by the library.`);
      return;
    }

    input.forEach((item, i) => compare(item, output[i], `${path}[${i}]`, problems, fallbacks));
    return;
  }

  if (input === null || typeof input !== "object") {
    return;
  }

  if (output === null || typeof output !== "object") {
    problems.push(`unknown: ${path} (${input.type ?? "object"}) was dropped by the library.`);
    return;
  }

  // Action and Submit data is free-form and echoed back to the bot; nothing inside it is card schema.
  const opaque = new Set(["data"]);
  for (const [key, value] of Object.entries(input)) {
    const childPath = `${path}.${key}`;
    if (opaque.has(key) || hostProperties.has(childPath)) {
      continue;
    }

    if (key === "choices.data" && input.type === "Input.ChoiceSet") {
      validateDataQuery(value, childPath, problems);
      continue;
    }

    if (key === "fallback" && value && typeof value === "object") {
      fallbacks.push({ path: childPath, action: value });
      continue;
    }

    // The library leaves out empty arrays (and arrays whose every item it dropped); their items are checked below.
    if (Array.isArray(value) && !(key in output)) {
      compare(value, [], childPath, problems, fallbacks);
      continue;
    }

    if (!(key in output) && !schemaHas(input.type, key)) {
      problems.push(`unknown: ${childPath} is not a property the library knows for ${input.type ?? "this object"}.`);
      continue;
    }

    compare(value, output[key], childPath, problems, fallbacks);
  }
}

// Property names the library's schema defines for an element or action type (empty for untyped objects).
const schemaCache = new Map();
function schemaHas(type, key) {
  if (typeof type !== "string") {
    return false;
  }

  if (!schemaCache.has(type)) {
    const instance = AC.GlobalRegistry.elements.createInstance(type, AC.Versions.v1_5)
      ?? AC.GlobalRegistry.actions.createInstance(type, AC.Versions.v1_5);
    const names = new Set();
    const schema = instance?.getSchema();
    for (let i = 0; schema && i < schema.getCount(); i++) {
      const property = schema.getItemAt(i);
      if (property.targetVersion.compareTo(AC.Versions.v1_5) <= 0) {
        names.add(property.name);
      }
    }

    schemaCache.set(type, names);
  }

  return schemaCache.get(type).has(key);
}

function collectIds(node, ids) {
  if (Array.isArray(node)) {
    node.forEach(child => collectIds(child, ids));
  } else if (node && typeof node === "object") {
    if (typeof node.id === "string" && !String(node.type ?? "").startsWith("Action.")) {
      ids.add(node.id);
    }

    for (const [key, value] of Object.entries(node)) {
      if (key !== "data") {
        collectIds(value, ids);
      }
    }
  }
}

function* findToggleTargets(node) {
  if (Array.isArray(node)) {
    for (const child of node) {
      yield* findToggleTargets(child);
    }
  } else if (node && typeof node === "object") {
    if (node.type === "Action.ToggleVisibility") {
      yield node.targetElements ?? [];
    }

    for (const [key, value] of Object.entries(node)) {
      if (key !== "data") {
        yield* findToggleTargets(value);
      }
    }
  }
}

function cardFiles(argument) {
  return statSync(argument).isDirectory()
    ? readdirSync(argument).filter(name => name.endsWith(".json")).sort().map(name => join(argument, name))
    : [argument];
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error("usage: node tools/validate-cards.mjs <folder-or-file>...");
  process.exit(2);
}

const results = {};
for (const file of targets.flatMap(cardFiles)) {
  let json;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    results[basename(file)] = [`json: ${error.message}`];
    continue;
  }

  results[basename(file)] = json?.type === "AdaptiveCard"
    ? validateCard(json)
    : [`json: the root is not an AdaptiveCard (type is ${JSON.stringify(json?.type)}).`];
}

process.stdout.write(JSON.stringify(results, null, 2) + "\n");
process.exit(Object.values(results).some(problems => problems.length > 0) ? 1 : 0);
