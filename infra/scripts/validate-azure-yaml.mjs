#!/usr/bin/env node
// Validates azure.yaml against the Azure Developer CLI's own JSON schema, offline.
//
// Usage: node infra/scripts/validate-azure-yaml.mjs [path]      (default: <repo>/azure.yaml)
// Exit codes: 0 valid, 1 invalid (YAML or schema errors are printed), 2 usage or setup error
// (schema folder missing, file unreadable).
//
// The schemas are data copied from Azure/azure-dev (see their README). They live outside the
// repository, in ../shared/schemas/azure-dev relative to the repository root; the environment
// variable AZURE_DEV_SCHEMAS overrides that folder. v1.0/azure.yaml.json is JSON Schema
// draft 2019-09 and $refs extension schemas (draft-07) by their raw-GitHub URL, so every
// extension schema is registered under that URL (or its own $id) before compiling.
//
// One check goes beyond the schema: the schema types `services.<name>.host` as any string (an
// azd extension may register a host), so a typo such as `host: funtcion` passes it and fails
// only at `azd deploy`. The script therefore also requires each service's host to be one the
// schema itself lists (its `examples`: the built-in hosts and those of azd's own extensions).

import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const Ajv2019 = require("ajv/dist/2019").default;
const addFormats = require("ajv-formats").default;
const draft07MetaSchema = require("ajv/dist/refs/json-schema-draft-07.json");
const { parseDocument } = require("yaml");

const RAW_BASE = "https://raw.githubusercontent.com/Azure/azure-dev/main/";
const MAIN_SCHEMA = join("schemas", "v1.0", "azure.yaml.json");
const EXTENSIONS_DIR = join("cli", "azd", "extensions");
const MAX_ERRORS = 20;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function fail(code, message) {
  console.error(`validate-azure-yaml: ${message}`);
  process.exit(code);
}

function listJsonFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listJsonFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".json")) files.push(path);
  }
  return files.sort();
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return fail(2, `cannot read schema ${path}: ${error.message}`);
  }
}

function createValidator(schemaRoot) {
  const mainPath = join(schemaRoot, MAIN_SCHEMA);
  if (!existsSync(mainPath)) {
    fail(2, `azd schema not found at ${mainPath} (set AZURE_DEV_SCHEMAS to the folder that holds schemas/v1.0/azure.yaml.json)`);
  }

  // Non-strict: the azd schema uses keywords outside the spec (e.g. "comment").
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft07MetaSchema);

  const extensionsDir = join(schemaRoot, EXTENSIONS_DIR);
  if (existsSync(extensionsDir)) {
    for (const file of listJsonFiles(extensionsDir)) {
      const schema = readJson(file);
      const url = RAW_BASE + relative(schemaRoot, file).split(sep).join("/");
      // A schema with its own $id is found under it; one without is keyed by its raw-GitHub
      // URL, which also becomes the base its relative $refs ("FileRef.json") resolve against.
      if (schema.$id) ajv.addSchema(schema);
      else ajv.addSchema(schema, url);
      if (schema.$id && schema.$id !== url && !ajv.getSchema(url)) {
        ajv.addSchema({ $ref: schema.$id }, url);
      }
    }
  }

  const schema = readJson(mainPath);
  return { validate: ajv.compile(schema), knownHosts: knownHostsOf(schema) };
}

function knownHostsOf(schema) {
  const examples = schema?.properties?.services?.additionalProperties?.properties?.host?.examples;
  return Array.isArray(examples) ? examples.filter((h) => typeof h === "string") : [];
}

function unknownHosts(data, knownHosts) {
  if (knownHosts.length === 0 || data === null || typeof data !== "object") return [];
  const services = data.services;
  if (services === null || typeof services !== "object" || Array.isArray(services)) return [];
  return Object.entries(services)
    .filter(([, service]) => typeof service?.host === "string" && !knownHosts.includes(service.host))
    .map(([name, service]) =>
      `  /services/${name}/host '${service.host}' is not a host azd knows (one of: ${knownHosts.join(", ")})`);
}

function describe(error) {
  const where = error.instancePath === "" ? "(root)" : error.instancePath;
  let detail = error.message ?? "is invalid";
  if (error.keyword === "additionalProperties") detail += `: '${error.params.additionalProperty}'`;
  if (error.keyword === "enum") detail += `: ${error.params.allowedValues.join(", ")}`;
  if (error.keyword === "const") detail += `: '${error.params.allowedValue}'`;
  return `  ${where} ${detail}`;
}

const args = process.argv.slice(2);
if (args.length > 1 || args.some((a) => a === "-h" || a === "--help")) {
  console.error("usage: node infra/scripts/validate-azure-yaml.mjs [path/to/azure.yaml]");
  process.exit(args.length > 1 ? 2 : 0);
}

const target = resolve(args[0] ?? join(repoRoot, "azure.yaml"));
if (!existsSync(target) || !statSync(target).isFile()) fail(2, `no such file: ${target}`);

const schemaRoot = resolve(process.env.AZURE_DEV_SCHEMAS || join(repoRoot, "..", "shared", "schemas", "azure-dev"));
const { validate, knownHosts } = createValidator(schemaRoot);

const document = parseDocument(readFileSync(target, "utf8"), { prettyErrors: true });
if (document.errors.length > 0) {
  console.error(`${target}: not valid YAML`);
  for (const error of document.errors) console.error(`  ${error.message}`);
  process.exit(1);
}

const data = document.toJS() ?? {};
const valid = validate(data);
const hostErrors = unknownHosts(data, knownHosts);
if (valid && hostErrors.length === 0) {
  console.log(`${target}: valid against azd's azure.yaml schema (${relative(process.cwd(), schemaRoot) || "."})`);
  process.exit(0);
}

// allErrors reports every failed branch of oneOf/anyOf/if; show distinct messages, most specific first.
const lines = [...new Set((validate.errors ?? []).map(describe))];
lines.sort((a, b) => b.split("/").length - a.split("/").length);
lines.unshift(...hostErrors);
console.error(`${target}: not a valid azure.yaml (azd schema${hostErrors.length > 0 ? " and host check" : ""})`);
for (const line of lines.slice(0, MAX_ERRORS)) console.error(line);
if (lines.length > MAX_ERRORS) console.error(`  ... and ${lines.length - MAX_ERRORS} more`);
process.exit(1);
