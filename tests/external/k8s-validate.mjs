#!/usr/bin/env node
// k8s-validate.mjs — independent check of Kubernetes YAML against the API of one Kubernetes minor version.
//
// Usage:
//   node tests/external/k8s-validate.mjs [--k8s 1.30] [--skip GLOB]... [--no-default-skip]
//                                        [--no-helm-lint] [--quiet] [--tools DIR] PATH...
//
// PATH is a file or a directory (walked recursively for *.yaml / *.yml). Files met while walking a
// directory are skipped when their path relative to that directory, or their base name, matches a
// --skip glob; by default values.yaml (Helm values, not an API object) and kustomization.yaml (a
// kustomize config, checked by `kubectl kustomize` instead) are skipped. Files named on the command
// line are always checked. Output: one `ok <file> <kind>/<name>` line per valid object, one
// `error <file> <kind>/<name> <json-path>: <message> [<checker>]` line per problem, then a summary
// on stderr. Exit status: 0 all objects valid; 1 any invalid object, unparsable YAML, object whose
// apiVersion/kind has no schema for that version, or no object at all; 2 usage error or missing tools.
//
// This file is glue only: every verdict comes from third-party code and data installed by
// .ci/install-tools into .tools/ (pinned in .ci/tools/package-lock.json):
//
//  [schema]  ajv 8 compiling the Kubernetes OpenAPI-derived JSON schemas shipped by kubernetes-models.
//            Only some kubernetes-models releases ship the raw per-version schemas (later ones ship
//            precompiled validators only, which cannot be made strict): 3.1.0 = Kubernetes 1.22.0,
//            4.1.0 = 1.25.2, 4.3.1 = 1.27.1 (the k8s version is the one the package's README states).
//            Checks types, required fields, enums, and the formats the package defines (byte = base64,
//            quantity, int32/int64, date-time, ...). "Strict" (unknown fields are errors) is done the way
//            openapi2jsonschema --strict / kubeconform's -strict schemas do it: every object schema that
//            lists `properties` and says nothing about `additionalProperties` gets
//            additionalProperties:false. Free-form maps (labels, data, capacity) keep their
//            additionalProperties schema and stay open.
//  [types]   the TypeScript 5 compiler checking each object as a literal of the matching interface of
//            kubernetes-types, which is generated from the OpenAPI spec of exactly one Kubernetes
//            version (1.25.0, 1.26.0, 1.29.0, 1.30.0 are installed) and lists only the API groups/versions
//            that version serves. TypeScript's excess-property check makes it strict; it also checks
//            required fields and primitive types (Quantity is `string` there, so a bare-number quantity
//            is rejected although the API server would accept it).
//  [helm]    `helm lint --kube-version` (helm 3.17, built on the Kubernetes 1.32 Go libraries) on a
//            throwaway chart holding the files verbatim: metadata.name must satisfy the API server's
//            per-kind name rules (RFC 1123 subdomain / label), and an apiVersion that the target version
//            no longer serves is an error (one that is only deprecated there is printed as a warning).
//
// How close to "the schema of Kubernetes minor X" this gets (see pickSources):
//   exact field set:  1.22 (schema), 1.25 (schema), 1.26 (types), 1.27 (schema), 1.29 (types), 1.30 (types).
//   approximate:      1.23, 1.24 use 1.22.0; 1.28 uses 1.27.1; 1.31+ use 1.30.0 — all older, so a field
//                     added after that release is rejected (never wrongly accepted); a warning says so.
//   When the exact source is [types], [schema] still runs (non-strict) with the newest older schema set,
//   for formats and value checks that TypeScript cannot express. Versions below 1.22 are refused.
//   Not covered by any source here: API-server-only semantics (immutable fields, cross-field rules such
//   as "PDB sets exactly one of minAvailable/maxUnavailable", label-value syntax, admission).
//   kubernetes-models keeps API versions that Kubernetes removed; at versions checked by [schema] alone,
//   removed apiVersions are caught by [helm] (its deprecation table covers the built-in APIs).
// YAML is read as YAML 1.1, as Kubernetes' own decoder does: `yes`/`on` are booleans, so
// `stringData: {enabled: yes}` is rejected exactly like the API server would; timestamps stay strings.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_SKIP = ["values.yaml", "values.yml", "kustomization.yaml", "kustomization.yml", "Kustomization"];
const SCHEMA_SETS = [ // [schema] sources: kubernetes-models releases that ship raw JSON schemas.
  { minor: 22, k8s: "1.22.0", pkg: "km-1.22", from: "kubernetes-models@3.1.0" },
  { minor: 25, k8s: "1.25.2", pkg: "km-1.25", from: "kubernetes-models@4.1.0" },
  { minor: 27, k8s: "1.27.1", pkg: "km-1.27", from: "kubernetes-models@4.3.1" },
];
const TYPE_SETS = [ // [types] sources: kubernetes-types, one package version per Kubernetes version.
  { minor: 25, k8s: "1.25.0", pkg: "kt-1.25", from: "kubernetes-types@1.25.0" },
  { minor: 26, k8s: "1.26.0", pkg: "kt-1.26", from: "kubernetes-types@1.26.0" },
  { minor: 29, k8s: "1.29.0", pkg: "kt-1.29", from: "kubernetes-types@1.29.0" },
  { minor: 30, k8s: "1.30.0", pkg: "kt-1.30", from: "kubernetes-types@1.30.0" },
];

function usage(msg) {
  if (msg) process.stderr.write(`k8s-validate: ${msg}\n`);
  process.stderr.write("usage: k8s-validate.mjs [--k8s 1.30] [--skip GLOB]... [--no-default-skip] [--no-helm-lint] [--quiet] [--tools DIR] PATH...\n");
  process.exit(2);
}

function parseArgs(argv) {
  const o = { k8s: "1.30", skip: [], defaultSkip: true, helm: true, quiet: false, tools: null, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === "--k8s") o.k8s = val();
    else if (a.startsWith("--k8s=")) o.k8s = a.slice(6);
    else if (a === "--skip") o.skip.push(val());
    else if (a === "--no-default-skip") o.defaultSkip = false;
    else if (a === "--no-helm-lint") o.helm = false;
    else if (a === "--quiet") o.quiet = true;
    else if (a === "--tools") o.tools = val();
    else if (a === "-h" || a === "--help") usage();
    else if (a === "--") o.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else o.paths.push(a);
  }
  if (!o.paths.length) usage("no PATH given");
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(String(o.k8s).trim());
  if (!m) usage(`--k8s must look like 1.30, got ${JSON.stringify(o.k8s)}`);
  o.minor = Number(m[1]);
  if (o.defaultSkip) o.skip.push(...DEFAULT_SKIP);
  o.tools = path.resolve(o.tools || process.env.PULSARC_TOOLS_DIR || path.join(HERE, "..", "..", ".tools"));
  return o;
}

// ---- files and documents ---------------------------------------------------------------------

function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") { re += ".*"; i++; if (glob[i + 1] === "/") i++; }
    else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function collectFiles(opts) {
  const skips = opts.skip.map(globToRegExp);
  const files = [];
  const skipped = [];
  for (const p of opts.paths) {
    let st;
    try { st = fs.statSync(p); } catch { usage(`no such file or directory: ${p}`); }
    if (st.isFile()) { files.push(p); continue; }
    const walk = (dir) => {
      for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, ent.name);
        if (ent.isDirectory()) { walk(full); continue; }
        if (!/\.ya?ml$/i.test(ent.name) && ent.name !== "Kustomization") continue;
        const rel = path.relative(p, full).split(path.sep).join("/");
        if (skips.some((r) => r.test(rel) || r.test(ent.name))) skipped.push(full);
        else files.push(full);
      }
    };
    walk(p);
  }
  return { files, skipped };
}

function loadDocuments(files, YAML) {
  const objects = [];
  const problems = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    let docs;
    try {
      // Kubernetes decodes manifests as YAML 1.1 (sigs.k8s.io/yaml over go-yaml v2): `yes`/`on` are
      // booleans and 0755 is octal there, but timestamps and 1:20 (base 60) stay strings.
      docs = YAML.parseAllDocuments(text, {
        version: "1.1", uniqueKeys: true, prettyErrors: true,
        customTags: (tags) => tags.filter((t) => t.tag !== "tag:yaml.org,2002:timestamp" && t.format !== "TIME"),
      });
    } catch (e) {
      problems.push({ file, what: "-", path: "", msg: `YAML parse error: ${e.message}`, by: "yaml" });
      continue;
    }
    if (!Array.isArray(docs)) docs = [docs];
    docs.forEach((doc, index) => {
      const errs = [...doc.errors, ...doc.warnings.filter((w) => w.code === "DUPLICATE_KEY")];
      if (errs.length) {
        for (const e of errs) problems.push({ file, what: `#${index}`, path: "", msg: `YAML: ${e.message.split("\n")[0]}`, by: "yaml" });
        return;
      }
      const obj = doc.toJS({ maxAliasCount: 100 });
      if (obj === null || obj === undefined) return; // empty document (e.g. a trailing ---)
      objects.push({ file, index, obj, errors: [] });
    });
  }
  return { objects, problems };
}

function describe(o) {
  const kind = o.obj && typeof o.obj.kind === "string" ? o.obj.kind : "?";
  const name = o.obj && o.obj.metadata && typeof o.obj.metadata === "object" && typeof o.obj.metadata.name === "string" ? o.obj.metadata.name : `#${o.index}`;
  return `${kind}/${name}`;
}

function splitApiVersion(apiVersion) {
  const i = apiVersion.lastIndexOf("/");
  return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

// ---- source selection -------------------------------------------------------------------------

function pickSources(minor) {
  const older = (sets) => sets.filter((s) => s.minor <= minor).at(-1);
  const schemaSet = older(SCHEMA_SETS);
  if (!schemaSet) return { error: `no schema for Kubernetes 1.${minor}: the oldest installed is ${SCHEMA_SETS[0].k8s}` };
  const exactSchema = schemaSet.minor === minor;
  const exactTypes = TYPE_SETS.find((s) => s.minor === minor);
  if (exactSchema) return { schemaSet, strictBy: "schema", typeSet: null, exact: true };
  if (exactTypes) return { schemaSet, strictBy: "types", typeSet: exactTypes, exact: true };
  const olderTypes = older(TYPE_SETS);
  if (olderTypes && olderTypes.minor > schemaSet.minor) return { schemaSet, strictBy: "types", typeSet: olderTypes, exact: false };
  return { schemaSet, strictBy: "schema", typeSet: null, exact: false };
}

// ---- [schema]: kubernetes-models JSON schemas + ajv ----------------------------------------------

function loadSchemaSet(tools, set) {
  const pkgDir = path.join(tools, "node_modules", set.pkg);
  const req = createRequire(path.join(pkgDir, "index.js"));
  // kubernetes-models registers each schema with a private ajv instance (not exported by every
  // release) through `if (!ajv.getSchema(id)) ajv.addSchema(schema, id)`. While its modules load, the
  // ajv methods they reach are wrapped to record each (id, schema) and format instead of compiling
  // them there; the same schemas and formats are compiled below by an ajv instance of our own.
  const schemas = new Map();
  const formats = new Map();
  const patched = [];
  const patch = (fromFile) => {
    const mod = createRequire(fromFile)("ajv");
    const Ajv = mod.default || mod;
    if (patched.some((p) => p.Ajv === Ajv)) return;
    const { addSchema, getSchema, addFormat } = Ajv.prototype;
    patched.push({ Ajv, saved: { addSchema, getSchema, addFormat } });
    Ajv.prototype.addSchema = function (schema, key, ...rest) {
      if (typeof key === "string" && !key.includes("://") && schema && typeof schema === "object" && !Array.isArray(schema)) {
        schemas.set(key, schema);
        return this;
      }
      return addSchema.call(this, schema, key, ...rest);
    };
    Ajv.prototype.getSchema = function (key) {
      return schemas.has(key) ? () => true : getSchema.call(this, key);
    };
    Ajv.prototype.addFormat = function (name, format) {
      formats.set(name, format);
      return addFormat.call(this, name, format);
    };
  };
  try {
    patch(req.resolve("@kubernetes-models/validate"));
    const apiMachineryReq = createRequire(req.resolve("@kubernetes-models/apimachinery"));
    patch(apiMachineryReq.resolve("@kubernetes-models/validate"));
    const dir = path.join(pkgDir, "_schemas");
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".js")).sort()) {
      const m = req(path.join(dir, f));
      if (typeof m.addSchema === "function") m.addSchema();
    }
  } finally {
    for (const p of patched) Object.assign(p.Ajv.prototype, p.saved);
  }
  const gvk = new Map(); // "apiVersion kind" -> schema id
  for (const [id, s] of schemas) {
    const p = s.properties;
    const av = p && p.apiVersion && p.apiVersion.enum;
    const k = p && p.kind && p.kind.enum;
    if (Array.isArray(av) && Array.isArray(k) && av.length === 1 && k.length === 1) gvk.set(`${av[0]} ${k[0]}`, id);
  }
  if (!schemas.size || !gvk.size) throw new Error(`${set.from}: no schemas found under ${pkgDir}`);
  return { schemas, formats, gvk };
}

function strictify(node) {
  if (Array.isArray(node)) return node.map(strictify);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "enum" || k === "default" || k === "example" ? v : strictify(v);
  if (out.properties && typeof out.properties === "object" && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}

function buildAjv(tools, loaded, strict) {
  const req = createRequire(path.join(tools, "node_modules", "ajv", "package.json"));
  const mod = req("ajv");
  const Ajv = mod.default || mod;
  const ajv = new Ajv({ strict: false, strictTypes: false, allErrors: true, verbose: true, validateSchema: false });
  for (const [name, f] of loaded.formats) ajv.addFormat(name, f);
  for (const [id, s] of loaded.schemas) ajv.addSchema(strict ? strictify(s) : s, id);
  return ajv;
}

// Drops the noise of `oneOf: [{$ref}, {type: null}]` (how the package spells "nullable reference"):
// the failed-null branch and the oneOf summary, leaving the errors of the referenced schema.
function ajvMessages(errors) {
  const dropped = new Set();
  const kept = [];
  for (const e of errors) {
    if (e.keyword === "oneOf" && Array.isArray(e.schema)) {
      const n = e.schema.findIndex((x) => x && x.type === "null");
      if (n >= 0) { dropped.add(`${e.schemaPath}/${n}/type`); continue; }
    }
    kept.push(e);
  }
  const seen = new Set();
  const out = [];
  for (const e of kept.filter((x) => !dropped.has(x.schemaPath))) {
    let msg = e.message || e.keyword;
    let where = e.instancePath || "/";
    if (e.keyword === "additionalProperties") {
      msg = `unknown field ${JSON.stringify(e.params.additionalProperty)}`;
      where = `${e.instancePath}/${String(e.params.additionalProperty).replace(/~/g, "~0").replace(/\//g, "~1")}`;
    }
    else if (e.keyword === "required") msg = `missing required field ${JSON.stringify(e.params.missingProperty)}`;
    else if (e.keyword === "format") msg = `${JSON.stringify(e.data)} is not a valid "${e.params.format}"`;
    else if (e.keyword === "enum") msg = `must be one of ${JSON.stringify(e.params.allowedValues)}`;
    const key = `${where} ${msg}`;
    if (!seen.has(key)) { seen.add(key); out.push({ path: where, msg }); }
  }
  return out;
}

function runSchema(objects, ajv, loaded, set, strict) {
  for (const o of objects) {
    const { apiVersion, kind } = o.obj;
    const id = loaded.gvk.get(`${apiVersion} ${kind}`);
    if (!id) {
      if (strict) o.errors.push({ path: "/", msg: `no schema for apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)} in Kubernetes ${set.k8s} (${set.from})`, by: "schema" });
      else o.noSchema = true;
      continue;
    }
    const v = ajv.getSchema(id);
    if (!v(o.obj)) for (const m of ajvMessages(v.errors || [])) o.errors.push({ ...m, by: "schema" });
  }
}

// ---- [types]: kubernetes-types + TypeScript ------------------------------------------------------

const GROUP_DIR = { "": "core", "internal.apiserver.k8s.io": "apiserverinternal" };

function typeModuleFor(tools, set, apiVersion, kind) {
  const { group, version } = splitApiVersion(apiVersion);
  const dir = GROUP_DIR[group] ?? group.split(".")[0];
  if (!/^[a-z0-9]+$/.test(dir) || !/^v[0-9a-z]+$/.test(version) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return null;
  const file = path.join(tools, "node_modules", set.pkg, dir, `${version}.d.ts`);
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, "utf8");
  // Only top-level API objects: the interface must declare `kind?: "<Kind>"`.
  const m = new RegExp(`export interface ${kind} \\{([\\s\\S]*?)\\n\\}`).exec(text);
  if (!m || !new RegExp(`\\bkind\\?: "${kind}"`).test(m[1])) return null;
  return `${set.pkg}/${dir}/${version}`;
}

function runTypes(objects, tools, set) {
  const req = createRequire(path.join(tools, "node_modules", "typescript", "package.json"));
  const ts = req("typescript");
  const imports = [];
  const lineInfo = []; // per generated line: { obj, path }
  // Simple line-oriented writer: every object property and array element starts its own line, and
  // the line remembers its JSON path, so TypeScript's diagnostics (by line) map back to paths.
  const lines = [];
  const write = (text, info) => { lines.push(text); lineInfo[lines.length - 1] = info; };
  const emitValue = (value, p, o, indent, prefix, suffix) => {
    const pad = "  ".repeat(indent);
    if (value && typeof value === "object") {
      const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
      if (!entries.length) { write(`${pad}${prefix}${open}${close}${suffix}`, { obj: o, path: p || "/" }); return; }
      write(`${pad}${prefix}${open}`, { obj: o, path: p || "/" });
      for (const [k, v] of entries) {
        const childPath = `${p}/${String(k).replace(/~/g, "~0").replace(/\//g, "~1")}`;
        emitValue(v, childPath, o, indent + 1, Array.isArray(value) ? "" : `${JSON.stringify(k)}: `, ",");
      }
      write(`${pad}${close}${suffix}`, { obj: o, path: p || "/" });
      return;
    }
    write(`${pad}${prefix}${JSON.stringify(value === undefined ? null : value)}${suffix}`, { obj: o, path: p || "/" });
  };
  const checked = [];
  objects.forEach((o, i) => {
    const mod = typeModuleFor(tools, set, o.obj.apiVersion, o.obj.kind);
    if (!mod) {
      o.errors.push({ path: "/", msg: `apiVersion ${JSON.stringify(o.obj.apiVersion)} kind ${JSON.stringify(o.obj.kind)} is not an API object served by Kubernetes ${set.k8s} (${set.from})`, by: "types" });
      return;
    }
    imports.push(`import type * as M${i} from ${JSON.stringify(mod)};`);
    emitValue(o.obj, "", o, 0, `export const o${i}: M${i}.${o.obj.kind} = `, ";");
    checked.push(o);
  });
  if (!checked.length) return;
  const header = imports.length;
  const source = [...imports, ...lines].join("\n") + "\n";
  const fileName = path.join(tools, "__k8s_validate_check__.ts");
  const options = {
    noEmit: true, strict: false, strictNullChecks: false, skipLibCheck: true, types: [],
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10, lib: ["lib.es5.d.ts"], noErrorTruncation: false,
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    path.resolve(name) === fileName ? ts.createSourceFile(name, source, lang, true) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === fileName || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === fileName ? source : readFile(name));
  const program = ts.createProgram([fileName], options, host);
  const sf = program.getSourceFile(fileName);
  const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  const global = program.getGlobalDiagnostics().concat(program.getOptionsDiagnostics());
  if (global.length) throw new Error(`TypeScript setup: ${ts.flattenDiagnosticMessageText(global[0].messageText, " ")}`);
  for (const d of diags) {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\s+/g, " ");
    const line = d.start === undefined ? -1 : sf.getLineAndCharacterOfPosition(d.start).line - header;
    const info = lineInfo[line];
    if (!info) throw new Error(`TypeScript reported outside the objects: ${msg}`);
    info.obj.errors.push({ path: info.path, msg: shortenTsMessage(msg), by: "types" });
  }
}

function shortenTsMessage(msg) {
  const known = /Object literal may only specify known properties, and ('[^']*'|"[^"]*") does not exist in type '([^']*)'/.exec(msg);
  if (known) return `unknown field ${known[1].slice(1, -1)} (not in ${known[2]})`;
  const missing = /Property '([^']*)' is missing in type .* but required in type '([^']*)'/.exec(msg);
  if (missing) return `missing required field "${missing[1]}" (required in ${missing[2]})`;
  return msg.length > 300 ? `${msg.slice(0, 297)}...` : msg;
}

// ---- [helm]: helm lint for names and removed APIs ------------------------------------------------

function runHelmLint(files, objects, tools, minor) {
  const helm = path.join(tools, "bin", "helm");
  if (!fs.existsSync(helm)) throw new Error(`${helm} not found (run .ci/install-tools, or pass --no-helm-lint)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-validate-"));
  const problems = [];
  const warnings = [];
  try {
    fs.mkdirSync(path.join(tmp, "chart", "templates"), { recursive: true });
    fs.mkdirSync(path.join(tmp, "chart", "raw"));
    fs.writeFileSync(path.join(tmp, "chart", "Chart.yaml"), "apiVersion: v2\nname: k8s-validate\nversion: 0.0.0\n");
    const byTemplate = new Map();
    const withObjects = new Set(objects.map((o) => o.file));
    files.filter((f) => withObjects.has(f)).forEach((file, i) => {
      const name = `f${String(i).padStart(4, "0")}.yaml`;
      fs.copyFileSync(file, path.join(tmp, "chart", "raw", name));
      // The file goes through verbatim: .Files.Get does not interpret {{ }} inside it.
      fs.writeFileSync(path.join(tmp, "chart", "templates", name), `{{ .Files.Get "raw/${name}" }}\n`);
      byTemplate.set(`templates/${name}`, file);
    });
    const env = { ...process.env, HELM_CACHE_HOME: path.join(tmp, "cache"), HELM_CONFIG_HOME: path.join(tmp, "config"), HELM_DATA_HOME: path.join(tmp, "data") };
    const r = spawnSync(helm, ["lint", "--quiet", "--kube-version", `1.${minor}.0`, path.join(tmp, "chart")], { encoding: "utf8", env });
    if (r.error) throw r.error;
    const out = `${r.stdout}\n${r.stderr}`;
    let sawFinding = false;
    for (const line of out.split("\n")) {
      const m = /^\[(WARNING|ERROR)\] (templates\/f\d+\.yaml|[^:]+): (.*)$/.exec(line.trim());
      if (!m) continue;
      const file = byTemplate.get(m[2]);
      const msg = m[3];
      if (!file) { if (!/icon is recommended|values\.yaml/.test(msg)) problems.push({ file: "(helm lint)", what: "-", path: "", msg: `${m[2]}: ${msg}`, by: "helm" }); continue; }
      sawFinding = true;
      const dep = /is deprecated in v1\.(\d+)\+(?:, unavailable in v1\.(\d+)\+)?/.exec(msg);
      if (dep && !(dep[2] && Number(dep[2]) <= minor)) { warnings.push(`warning ${file}: ${msg} [helm]`); continue; }
      const inFile = objects.filter((o) => o.file === file);
      const target = inFile.find((o) => typeof o.obj?.metadata?.name === "string" && msg.includes(JSON.stringify(o.obj.metadata.name)))
        || inFile.find((o) => o.obj?.apiVersion && msg.startsWith(`${o.obj.apiVersion} ${o.obj.kind} `))
        || (inFile.length === 1 ? inFile[0] : null);
      if (target) target.errors.push({ path: /naming requirements/.test(msg) ? "/metadata/name" : "/apiVersion", msg, by: "helm" });
      else problems.push({ file, what: "-", path: "", msg, by: "helm" });
    }
    if (r.status !== 0 && !sawFinding && !problems.length) {
      problems.push({ file: "(helm lint)", what: "-", path: "", msg: `exited ${r.status}: ${out.trim().split("\n").slice(-5).join(" | ")}`, by: "helm" });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { problems, warnings };
}

// ---- main -------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const nm = path.join(opts.tools, "node_modules");
  if (!fs.existsSync(path.join(nm, "yaml")) || !fs.existsSync(path.join(nm, "ajv"))) {
    process.stderr.write(`k8s-validate: tools not installed under ${opts.tools} (run .ci/install-tools)\n`);
    process.exit(2);
  }
  const sources = pickSources(opts.minor);
  if (sources.error) { process.stderr.write(`k8s-validate: ${sources.error}\n`); process.exit(2); }
  const YAML = createRequire(path.join(nm, "yaml", "package.json"))("yaml");

  const { files, skipped } = collectFiles(opts);
  const { objects, problems } = loadDocuments(files, YAML);
  for (const o of objects) {
    const x = o.obj;
    if (!x || typeof x !== "object" || Array.isArray(x)) { o.errors.push({ path: "/", msg: "document is not a mapping", by: "yaml" }); continue; }
    if (typeof x.apiVersion !== "string" || !x.apiVersion) o.errors.push({ path: "/apiVersion", msg: "missing or not a string", by: "k8s-validate" });
    if (typeof x.kind !== "string" || !x.kind) o.errors.push({ path: "/kind", msg: "missing or not a string", by: "k8s-validate" });
    const meta = x.metadata;
    if (!meta || typeof meta !== "object" || (typeof meta.name !== "string" && typeof meta.generateName !== "string")) {
      o.errors.push({ path: "/metadata/name", msg: "missing (every object needs metadata.name)", by: "k8s-validate" });
    }
  }
  const typed = objects.filter((o) => !o.errors.some((e) => e.path === "/apiVersion" || e.path === "/kind" || e.path === "/"));

  const set = sources.schemaSet;
  const loaded = loadSchemaSet(opts.tools, set);
  const strictSchema = sources.strictBy === "schema";
  runSchema(typed, buildAjv(opts.tools, loaded, strictSchema), loaded, set, strictSchema);
  if (sources.typeSet) runTypes(typed, opts.tools, sources.typeSet);
  let warnings = [];
  if (opts.helm && objects.length) {
    const h = runHelmLint(files, objects, opts.tools, opts.minor);
    problems.push(...h.problems);
    warnings = h.warnings;
  }

  const lines = [];
  let bad = 0;
  for (const p of problems) { bad++; lines.push(`error ${p.file} ${p.what}${p.path ? ` ${p.path}` : ""}: ${p.msg} [${p.by}]`); }
  for (const o of objects) {
    if (!o.errors.length) { if (!opts.quiet) lines.push(`ok ${o.file} ${describe(o)}`); continue; }
    bad++;
    for (const e of o.errors) lines.push(`error ${o.file} ${describe(o)} ${e.path}: ${e.msg} [${e.by}]`);
  }
  if (!objects.length && !problems.length) { bad++; lines.push(`error: no Kubernetes objects found in ${opts.paths.join(" ")}`); }
  process.stdout.write(lines.map((l) => `${l}\n`).join(""));
  for (const w of warnings) process.stderr.write(`${w}\n`);
  const how = sources.strictBy === "schema"
    ? `strict [schema] ${set.from} (k8s ${set.k8s})`
    : `strict [types] ${sources.typeSet.from} (k8s ${sources.typeSet.k8s}) + [schema] ${set.from} (k8s ${set.k8s})`;
  if (!sources.exact) process.stderr.write(`k8s-validate: warning: no exact source for Kubernetes 1.${opts.minor}; nearest older used: ${how}\n`);
  process.stderr.write(`k8s-validate: Kubernetes 1.${opts.minor}: ${objects.length - objects.filter((o) => o.errors.length).length} of ${objects.length} objects valid, ${bad} problem(s); ${files.length} file(s), ${skipped.length} skipped; ${how}${opts.helm ? " + [helm] lint" : ""}\n`);
  process.exit(bad ? 1 : 0);
}

try {
  main();
} catch (e) {
  process.stderr.write(`k8s-validate: internal error: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
}
