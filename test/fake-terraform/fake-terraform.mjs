// A fake `terraform` for tests of the migration scripts: workspaces and states are JSON files,
// backends are directories. It implements what the scripts use (init, workspace, state
// pull/push/mv/list/rm, plan, show, version) with Terraform's rules and messages where the
// scripts depend on them: backend initialization required, state migration on init, lineage and
// serial checks on push, state mv between files. Modelled on Terraform 1.10's
// internal/command/meta_backend*.go, state_*.go, workspace_*.go and statemgr.
//
// Environment:
//   FAKE_TF_S3    directory that stands for S3: objects are files at <bucket>/<key>
//   FAKE_TF_LOG   file that gets one JSON array (the argv) per invocation
//   FAKE_TF_FAIL  prefix: the first invocation whose argv, joined by spaces, starts with it
//                 exits 1 before doing anything (it is remembered in FAKE_TF_FAIL_MARKER,
//                 default <FAKE_TF_LOG>.fail, so a later invocation with the same prefix runs)
//   TF_WORKSPACE, TF_DATA_DIR, TF_VAR_name, AWS_REGION as in Terraform.
// plan compares resource instances: the configuration is rendered for the current workspace by
// tfcodemod's own renderer (dist/, so the project must be built), with the variables Terraform
// would use; `moved` blocks move state instances first, as Terraform does.
// Simplifications: no providers or refresh; a plan compares instance addresses, not attributes,
// and root output names; data sources and module calls are not planned; prompts are never
// answered (as with -input=false): a step that would ask needs -force-copy.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const VERSION = '1.10.5';

class Exit extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
  }
}

const out = (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n');
const err = (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n');
function fail(summary, detail = '', code = 1) {
  err(`\nError: ${summary}\n${detail ? `\n${detail}\n` : ''}`);
  throw new Exit(code);
}

// ---------------------------------------------------------------------------------------------
// Flags, Go's flag package style: -name, -name=value, -name value; stops at the first argument
// that is not a flag.

function parseFlags(args, spec) {
  const flags = {};
  const order = []; // repeatable flags as [name, value], in the order given
  for (const [name, kind] of Object.entries(spec)) flags[name] = kind === 'multi' ? [] : undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const kind = spec[name];
    if (!kind) fail(`flag provided but not defined: -${name}`);
    let value = eq < 0 ? undefined : body.slice(eq + 1);
    if (kind === 'bool') {
      if (value === undefined) value = 'true';
      if (!['true', 'false', '1', '0'].includes(value)) fail(`invalid boolean value "${value}" for -${name}`);
      flags[name] = value === 'true' || value === '1';
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= args.length) fail(`flag needs an argument: -${name}`);
      value = args[++i];
    }
    if (kind === 'multi') {
      flags[name].push(value);
      order.push([name, value]);
    } else flags[name] = value;
  }
  return { flags, rest: args.slice(i), order };
}

// ---------------------------------------------------------------------------------------------
// Files.

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

function writeText(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.fake-tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

// HashiCorp's parser runs as WebAssembly and takes a while to start, so results are cached on
// disk by content: most invocations never load it.
const HCL_CACHE = path.join(os.tmpdir(), 'fake-terraform-hcl-cache');
async function parseHcl(file, text) {
  const cached = path.join(HCL_CACHE, createHash('sha256').update(`${path.basename(file)}\0${text}`).digest('hex') + '.json');
  const hit = readText(cached);
  if (hit !== null) return JSON.parse(hit);
  let json;
  try {
    json = await createRequire(import.meta.url)('@cdktf/hcl2json').parse(file, text);
  } catch (e) {
    fail('Invalid HCL', String(e.message ?? e));
  }
  writeText(cached, JSON.stringify(json));
  return json;
}

// ---------------------------------------------------------------------------------------------
// Configuration: the .tf files of the working directory, override files last.

const isOverride = (name) => name === 'override.tf' || name.endsWith('_override.tf');

let configCache = null;
async function loadConfig() {
  if (configCache) return configCache;
  const names = fs.readdirSync('.').filter((n) => n.endsWith('.tf') && fs.statSync(n).isFile()).sort();
  const files = [];
  for (const n of [...names.filter((n) => !isOverride(n)), ...names.filter(isOverride)]) {
    const text = fs.readFileSync(n, 'utf8');
    files.push({ name: n, text, json: await parseHcl(n, text) });
  }
  let backend = null;
  const variables = new Map();
  const outputs = new Set();
  for (const f of files) {
    const override = isOverride(f.name);
    const backends = (f.json.terraform ?? []).flatMap((t) =>
      Object.entries(t.backend ?? {}).flatMap(([type, blocks]) => blocks.map((config) => ({ type, config }))),
    );
    if (backends.length > 1) fail('Duplicate backend configuration', `A module may have only one backend configuration (${f.name}).`);
    if (backends.length === 1) {
      if (backend && !override) fail('Duplicate backend configuration', `A module may have only one backend configuration (${f.name}).`);
      backend = backends[0];
    }
    if (override) continue;
    for (const [name, blocks] of Object.entries(f.json.variable ?? {})) {
      const line = f.text.split('\n').findIndex((l) => new RegExp(`^\\s*variable\\s+"${name}"`).test(l)) + 1;
      const type = typeof blocks[0].type === 'string' ? blocks[0].type.replace(/^\$\{(.*)\}$/s, '$1') : null;
      variables.set(name, { hasDefault: 'default' in blocks[0], type, file: f.name, line, source: f.text.split('\n')[line - 1] ?? '' });
    }
    for (const name of Object.keys(f.json.output ?? {})) outputs.add(name);
  }
  configCache = { backend, variables, outputs };
  return configCache;
}

const stable = (v) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
        .join(',')}}`
    : Array.isArray(v)
      ? `[${v.map(stable).join(',')}]`
      : JSON.stringify(v);
/** Backend configuration without null attributes (Terraform records every schema attribute). */
const normalise = (config) => Object.fromEntries(Object.entries(config ?? {}).filter(([, v]) => v !== null && v !== undefined));
const backendHash = (b) => createHash('sha256').update(stable({ type: b.type, config: normalise(b.config) })).digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------------
// Working directory: the backend record and the selected workspace.

const dataDir = () => process.env.TF_DATA_DIR || '.terraform';
const recordPath = () => path.join(dataDir(), 'terraform.tfstate');

function readRecord() {
  const text = readText(recordPath());
  if (text === null || text.trim() === '') return null;
  const json = JSON.parse(text);
  return json.backend ?? null;
}

function writeRecord(backend) {
  writeText(recordPath(), JSON.stringify({ version: 3, terraform_version: VERSION, backend }, null, 2) + '\n');
}

function currentWorkspace() {
  if (process.env.TF_WORKSPACE) return process.env.TF_WORKSPACE;
  const text = readText(path.join(dataDir(), 'environment'));
  return text && text.trim() ? text.trim() : 'default';
}

function setWorkspace(name) {
  writeText(path.join(dataDir(), 'environment'), name);
}

// ---------------------------------------------------------------------------------------------
// Backends: where each workspace's state lives.

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function localStore(config) {
  const statePath = config.path || 'terraform.tfstate';
  const wsDir = config.workspace_dir || 'terraform.tfstate.d';
  const file = (ws) => (ws === 'default' ? statePath : path.join(wsDir, ws, 'terraform.tfstate'));
  const list = () => ['default', ...(isDir(wsDir) ? fs.readdirSync(wsDir).filter((d) => isDir(path.join(wsDir, d))).sort() : [])];
  return {
    type: 'local',
    files: () => list().map(file),
    file,
    list,
    read: (ws) => readText(file(ws)),
    write(ws, text) {
      // Like the local backend: a backup of the snapshot it replaces, beside it.
      const before = readText(file(ws));
      if (before && before !== text) writeText(`${file(ws)}.backup`, before);
      writeText(file(ws), text);
    },
    ensure(ws) {
      if (ws !== 'default') fs.mkdirSync(path.join(wsDir, ws), { recursive: true });
    },
    remove(ws) {
      fs.rmSync(path.join(wsDir, ws), { recursive: true, force: true });
    },
  };
}

function s3Store(config) {
  const root = process.env.FAKE_TF_S3;
  if (!root) fail('fake terraform: FAKE_TF_S3 is not set', 'It names the directory that stands for S3.');
  if (!config.bucket) fail('Invalid Value', 'The "bucket" attribute value must not be empty.');
  if (!config.key) fail('Invalid Value', 'The "key" attribute value must not be empty.');
  if (!config.region && !process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) {
    fail('Missing region value', 'The "region" attribute or the "AWS_REGION" or "AWS_DEFAULT_REGION" environment variables must be set.');
  }
  const prefix = config.workspace_key_prefix ?? 'env:';
  const bucket = path.join(root, config.bucket);
  const file = (ws) => (ws === 'default' ? path.join(bucket, config.key) : path.join(bucket, prefix, ws, config.key));
  const list = () => {
    const base = path.join(bucket, prefix);
    const names = isDir(base) ? fs.readdirSync(base).filter((d) => fs.existsSync(path.join(base, d, config.key))) : [];
    return ['default', ...names.sort()];
  };
  return {
    type: 's3',
    files: () => list().map(file),
    file,
    list,
    read: (ws) => readText(file(ws)),
    write: (ws, text) => writeText(file(ws), text),
    ensure(ws) {
      // The S3 backend writes an empty state for a workspace it does not list.
      if (!list().includes(ws)) writeText(file(ws), serialise({ ...emptyState(), serial: 1 }));
    },
    remove(ws) {
      fs.rmSync(file(ws), { force: true });
    },
  };
}

function makeStore(backend) {
  if (!backend || backend.type === 'local') return localStore(normalise(backend?.config));
  if (backend.type === 's3') return s3Store(normalise(backend.config));
  fail(`fake terraform: backend "${backend.type}" is not supported`);
}

function initRequired(reason, colon = false) {
  fail(
    `Backend initialization required${colon ? ':' : ','} please run "terraform init"`,
    `Reason: ${reason}\n\nThe "backend" is the interface that Terraform uses to store state,\nperform operations, etc. If this message is showing up, it means that the\nTerraform configuration you're using is using a custom configuration for\nthe Terraform backend.\n\nChanges to backend configurations require reinitialization. This allows\nTerraform to set up the new configuration, copy existing state, etc. Please run\n"terraform init" with either the "-reconfigure" or "-migrate-state" flags to\nuse the current configuration.`,
  );
}

/** The backend every command but init uses; fails when the configuration needs an init. */
async function activeStore() {
  const { backend } = await loadConfig();
  const record = readRecord();
  if (!backend && !record) return makeStore(null);
  if (!backend) initRequired(`Unsetting the previously set backend "${record.type}"`);
  if (!record) initRequired(`Initial configuration of the requested backend "${backend.type}"`);
  const same =
    record.hash === backendHash(backend) || (record.type === backend.type && stable(normalise(record.config)) === stable(normalise(backend.config)));
  if (!same) {
    initRequired(record.type !== backend.type ? `Backend type changed from "${record.type}" to "${backend.type}"` : 'Backend configuration block has changed', true);
  }
  return makeStore(record);
}

// ---------------------------------------------------------------------------------------------
// States: Terraform's v4 JSON.

const emptyState = () => ({ version: 4, terraform_version: VERSION, serial: 0, lineage: randomUUID(), outputs: {}, resources: [], check_results: null });
const serialise = (state) => JSON.stringify(state, null, 2) + '\n';

function parseState(text, what) {
  if (text === null || text.trim() === '') return null;
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`Failed to load state: ${what}`, `Unsupported state file format: ${e.message}`);
  }
  if (json.version !== 4) fail(`Failed to load state: ${what}`, `Unsupported state file format: version ${json.version}`);
  json.resources ??= [];
  json.outputs ??= {};
  return json;
}

const isEmpty = (s) => !s || (s.resources.every((r) => (r.instances ?? []).length === 0) && Object.keys(s.outputs).length === 0);
const sameContent = (a, b) => stable({ r: a?.resources ?? [], o: a?.outputs ?? {} }) === stable({ r: b?.resources ?? [], o: b?.outputs ?? {} });
const resourceAddr = (r) => `${r.module ? r.module + '.' : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
const keyText = (k) => (k === undefined ? '' : typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`);
const instanceAddrs = (s) =>
  sortResources(s.resources).flatMap((r) => (r.instances ?? []).map((i) => resourceAddr(r) + keyText(i.index_key)));
const sortResources = (rs) => [...rs].sort((a, b) => (resourceAddr(a) < resourceAddr(b) ? -1 : resourceAddr(a) > resourceAddr(b) ? 1 : 0));

const ADDRESS = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?\.)*)(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/;

/** `[module.x.][data.]type.name[key]` → parts (the key is a number or a string), or null. */
function matchAddress(text) {
  const m = ADDRESS.exec(text);
  if (!m) return null;
  let key;
  if (m[5] !== undefined) {
    try {
      key = JSON.parse(m[5]);
    } catch {
      return null;
    }
  }
  return { module: m[1] ? m[1].slice(0, -1) : undefined, mode: m[2] ? 'data' : 'managed', type: m[3], name: m[4], key, hasKey: m[5] !== undefined };
}

const MODULE_ADDRESS = /^module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?(?:\.module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?)*$/;
/** Resources in module `m` or in a module nested in it. */
const inModule = (r, m) => r.module === m || (r.module ?? '').startsWith(`${m}.`);

/** `state mv module.a module.b`: every resource of the module (nested ones too) moves along. */
function moveModule(from, to, src, dst, dryRun) {
  if (!MODULE_ADDRESS.test(dst)) fail('Invalid target address', `Cannot move ${src} to ${dst}: a module can only move to a module address.`);
  const res = from.resources.filter((r) => inModule(r, src));
  if (res.length === 0) fail('Invalid source address', `Cannot move ${src}: does not match anything in the current state.`);
  if (to.resources.some((r) => inModule(r, dst))) fail('Invalid target address', `Cannot move to ${dst}: there is already a module at that address in the current state.`);
  if (dryRun) return;
  from.resources = from.resources.filter((r) => !res.includes(r));
  for (const r of res) to.resources.push({ ...r, module: dst + r.module.slice(src.length) });
}

function parseAddress(text) {
  const a = matchAddress(text);
  if (a) return a;
  if (ADDRESS.test(text)) fail('Invalid address', `Invalid index key in "${text}".`);
  fail('Invalid address', `"${text}" is not a resource or resource instance address this fake understands.`);
}

const sameResource = (r, a) => (r.module ?? undefined) === a.module && (r.mode ?? 'managed') === a.mode && r.type === a.type && r.name === a.name;
const findResource = (s, a) => s.resources.find((r) => sameResource(r, a));

/** A file named with -state: read directly, no backend involved. */
function readStateFile(file) {
  return parseState(readText(file), file);
}

/** Writes a changed state: serial + 1, backup of the old file like `terraform state` commands. */
function writeStateFile(file, state, before) {
  if (before !== null) writeText(`${file}.${Math.floor(Date.now() / 1000)}.backup`, before);
  writeText(file, serialise({ ...state, serial: state.serial + 1 }));
}

const stateNotFound = () =>
  fail(
    'No state file was found!',
    'State management commands require a state file. Run this command\nin a directory where Terraform has been run or use the -state flag\nto point the command to a specific state location.',
  );

// ---------------------------------------------------------------------------------------------
// init

async function backendConfigOverrides(values) {
  const merged = {};
  for (const v of values) {
    if (fs.existsSync(v)) Object.assign(merged, await parseHcl(v, fs.readFileSync(v, 'utf8')));
    else if (v.includes('=')) merged[v.slice(0, v.indexOf('='))] = v.slice(v.indexOf('=') + 1);
    else fail('Failed to read file', `The file "${v}" could not be read.`);
  }
  return merged;
}

/** Copies states between backends the way backendMigrateState does; returns the copied workspaces. */
function migrateStates(from, to, fromType, toType, { force, input }) {
  const cannotAsk = (question) =>
    fail(
      input ? `fake terraform cannot answer the prompt "${question}"` : 'Error asking for state migration action: input is disabled',
      input ? 'Run it with -force-copy.' : "Can't ask approval for state migration when interactive input is disabled.",
    );
  const workspaces = from.list();
  const multi = !(workspaces.length === 1 && workspaces[0] === 'default');
  if (multi && !force) cannotAsk(`Do you want to migrate all workspaces to "${toType}"?`);
  const copied = [];
  for (const ws of [...workspaces].sort()) {
    const src = parseState(from.read(ws), `${fromType} workspace ${ws}`);
    if (isEmpty(src)) continue;
    to.ensure(ws);
    const dst = parseState(to.read(ws), `${toType} workspace ${ws}`);
    if (dst && sameContent(src, dst) && src.lineage === dst.lineage) continue;
    if (!multi && !force) {
      cannotAsk(isEmpty(dst) ? 'Do you want to copy existing state to the new backend?' : 'Do you want to overwrite the state in the new backend with the previous state?');
    }
    to.write(ws, serialise(src));
    copied.push(ws);
  }
  return copied;
}

function checkSelectedWorkspace(store, input) {
  const ws = currentWorkspace();
  const list = store.list();
  if (list.includes(ws)) return;
  if (list.length === 1) return setWorkspace(list[0]);
  if (!input) fail(`Currently selected workspace "${ws}" does not exist`);
  fail(`fake terraform cannot prompt: currently selected workspace "${ws}" does not exist`);
}

async function cmdInit(args) {
  const { flags, rest } = parseFlags(args, {
    input: 'bool', 'migrate-state': 'bool', 'force-copy': 'bool', reconfigure: 'bool', 'backend-config': 'multi', backend: 'bool',
    upgrade: 'bool', lock: 'bool', 'lock-timeout': 'string', get: 'bool', 'no-color': 'bool',
  });
  if (rest.length) fail('Too many command line arguments', 'Did you mean to use -chdir?');
  if (flags['migrate-state'] && flags.reconfigure) fail('Invalid init options', 'The -migrate-state and -reconfigure options are mutually-exclusive.');
  const input = flags.input !== false;
  const force = !!flags['force-copy'];
  const migrate = !!flags['migrate-state'] || force; // -force-copy implies -migrate-state
  const { backend: block } = await loadConfig();
  const saved = flags.reconfigure ? null : readRecord();
  const overrides = await backendConfigOverrides(flags['backend-config']);
  out('Initializing the backend...');
  if (flags.backend === false) {
    out('\nTerraform has been successfully initialized!');
    return 0;
  }
  const changed = () => fail(
    'Backend configuration changed',
    'A change in the backend configuration has been detected, which may require migrating existing state.\n\nIf you wish to attempt automatic migration of the state, run "terraform init -migrate-state".\nIf you wish to store the current configuration with no changes to the state, run "terraform init -reconfigure".',
  );

  if (!block && !saved) {
    // Pure local state: nothing to record.
  } else if (!block) {
    // Unsetting a backend: copy its states to the implied local backend, forget it.
    if (!migrate) changed();
    migrateStates(makeStore(saved), makeStore(null), saved.type, 'local', { force, input });
    writeRecord(null);
    out(`Terraform has detected you're unconfiguring your previously set "${saved.type}" backend.`);
  } else {
    const next = { type: block.type, config: { ...normalise(block.config), ...overrides }, hash: backendHash(block) };
    if (saved && saved.hash === next.hash && Object.keys(overrides).length === 0) {
      // Unchanged block, no -backend-config: the saved configuration stands.
    } else if (!saved) {
      // First configuration (or -reconfigure): the implied local backend's states move over.
      const store = makeStore(next);
      const local = makeStore(null);
      const copied = migrateStates(local, store, 'local', next.type, { force, input });
      const samePaths = local.files().some((f) => store.files().map((g) => path.resolve(g)).includes(path.resolve(f)));
      if (!samePaths) for (const ws of copied) local.write(ws, '');
      writeRecord(next);
      out(`\nSuccessfully configured the backend "${next.type}"! Terraform will automatically\nuse this backend unless the backend configuration changes.`);
    } else if (saved.type === next.type && stable(normalise(saved.config)) === stable(next.config)) {
      // The same configuration, partly moved to or from -backend-config: new hash only.
      if (saved.hash !== next.hash) writeRecord(next);
    } else {
      if (!migrate) changed();
      const store = makeStore(next);
      if (saved.type !== next.type) out(`Terraform detected that the backend type changed from "${saved.type}" to "${next.type}".`);
      migrateStates(makeStore(saved), store, saved.type, next.type, { force, input });
      writeRecord(next);
      out(`\nSuccessfully configured the backend "${next.type}"! Terraform will automatically\nuse this backend unless the backend configuration changes.`);
    }
    checkSelectedWorkspace(makeStore(readRecord()), input);
  }
  out('\nTerraform has been successfully initialized!');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// workspace

async function cmdWorkspace(args) {
  const [sub, ...rest] = args;
  const overridden = () =>
    fail('The selected workspace is currently overridden using the TF_WORKSPACE\nenvironment variable.', 'To select a new workspace, either update this environment variable or unset\nit and then run this command again.');
  const doesNotExist = (name) =>
    fail(`Workspace "${name}" doesn't exist.`, 'You can create this workspace with the "new" subcommand \nor include the "-or-create" flag with the "select" subcommand.');
  switch (sub) {
    case 'show':
      out(currentWorkspace());
      return 0;
    case 'list': {
      const store = await activeStore();
      const current = currentWorkspace();
      out(store.list().map((w) => `${w === current ? '*' : ' '} ${w}`).join('\n') + '\n\n');
      return 0;
    }
    case 'select': {
      const { flags, rest: names } = parseFlags(rest, { 'or-create': 'bool' });
      if (names.length !== 1) fail('Expected a single argument: NAME.');
      if (process.env.TF_WORKSPACE) overridden();
      const store = await activeStore();
      const name = names[0];
      if (name === currentWorkspace()) return 0;
      if (!store.list().includes(name)) {
        if (!flags['or-create']) doesNotExist(name);
        store.ensure(name);
        setWorkspace(name);
        out(`Created and switched to workspace "${name}"!`);
        return 0;
      }
      setWorkspace(name);
      out(`Switched to workspace "${name}".`);
      return 0;
    }
    case 'new': {
      const { rest: names } = parseFlags(rest, { lock: 'bool', 'lock-timeout': 'string' });
      if (names.length !== 1) fail('Expected a single argument: NAME.');
      if (process.env.TF_WORKSPACE && process.env.TF_WORKSPACE !== names[0]) overridden();
      const store = await activeStore();
      if (store.list().includes(names[0])) fail(`Workspace "${names[0]}" already exists`);
      store.ensure(names[0]);
      setWorkspace(names[0]);
      out(`Created and switched to workspace "${names[0]}"!`);
      return 0;
    }
    case 'delete': {
      const { flags, rest: names } = parseFlags(rest, { force: 'bool', lock: 'bool', 'lock-timeout': 'string' });
      if (names.length !== 1) fail('Expected a single argument: NAME.');
      const store = await activeStore();
      const name = names[0];
      if (!store.list().includes(name)) doesNotExist(name);
      if (name === currentWorkspace()) fail(`Workspace "${name}" is your active workspace.`, 'You cannot delete the currently active workspace. Please switch\nto another workspace and try again.');
      if (name === 'default') fail('Cannot delete the default workspace');
      const state = parseState(store.read(name), name);
      const managed = state ? instanceAddrs({ resources: state.resources.filter((r) => (r.mode ?? 'managed') === 'managed') }) : [];
      if (managed.length > 0 && !flags.force) {
        fail('Workspace is not empty', `Workspace "${name}" is currently tracking the following resource instances:${managed.map((a) => `\n  - ${a}`).join('')}\n\nIf you want to delete this workspace anyway, and have Terraform forget about these managed objects, use the -force option to disable this safety check.`);
      }
      store.remove(name);
      out(`Deleted workspace "${name}"!`);
      return 0;
    }
    default:
      fail(`fake terraform: unsupported workspace subcommand: ${sub ?? '(none)'}`);
  }
}

// ---------------------------------------------------------------------------------------------
// state

/** The state a `terraform state` command reads: -state (local backend only) or the workspace. */
async function workspaceState(statePath) {
  const store = await activeStore();
  // -state is a legacy option of the local backend: other backends ignore it.
  if (statePath && store.type === 'local') return { state: readStateFile(statePath), file: statePath };
  const ws = currentWorkspace();
  return { state: parseState(store.read(ws), `workspace ${ws}`), store, ws };
}

async function cmdState(args) {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      const { flags, rest: filters } = parseFlags(rest, { state: 'string', id: 'string' });
      const { state } = await workspaceState(flags.state);
      if (!state) stateNotFound();
      let addrs = instanceAddrs(state);
      if (filters.length) {
        const wanted = filters.map(parseAddress);
        addrs = sortResources(state.resources).flatMap((r) =>
          (r.instances ?? [])
            .filter((i) => wanted.some((a) => sameResource(r, a) && (!a.hasKey || stable(a.key) === stable(i.index_key))))
            .map((i) => resourceAddr(r) + keyText(i.index_key)),
        );
        if (addrs.length === 0) fail('No matching objects found', `None of ${filters.join(', ')} exist in the state.`);
      }
      if (addrs.length) out(addrs.join('\n'));
      return 0;
    }
    case 'pull': {
      const store = await activeStore();
      const state = parseState(store.read(currentWorkspace()), currentWorkspace());
      if (state) out(serialise(state).trimEnd());
      return 0;
    }
    case 'push': {
      const { flags, rest: files } = parseFlags(rest, { force: 'bool', lock: 'bool', 'lock-timeout': 'string', 'ignore-remote-version': 'bool' });
      if (files.length !== 1) fail('Exactly one argument expected.', 'Usage: terraform [global options] state push [options] PATH');
      const text = files[0] === '-' ? fs.readFileSync(0, 'utf8') : readText(files[0]);
      if (text === null) fail(`open ${files[0]}: no such file or directory`);
      if (text.trim() === '') fail(`Error reading source state "${files[0]}": no state`);
      const pushed = parseState(text, files[0]);
      const store = await activeStore();
      const ws = currentWorkspace();
      store.ensure(ws);
      const existing = parseState(store.read(ws), ws);
      if (!flags.force && !isEmpty(existing)) {
        // statemgr.CheckValidImport
        if (pushed.lineage !== existing.lineage) {
          fail(`Failed to write state: cannot import state with lineage "${pushed.lineage}" over unrelated state with lineage "${existing.lineage}"`);
        }
        if (pushed.serial < existing.serial) fail(`Failed to write state: cannot import state with serial ${pushed.serial} over newer state with serial ${existing.serial}`);
        if (pushed.serial === existing.serial && !sameContent(pushed, existing)) {
          fail(`Failed to write state: cannot overwrite existing state with serial ${pushed.serial} with a different state that has the same serial`);
        }
      }
      // The pushed snapshot keeps its lineage; the serial moves on when the content changed.
      const bump = !existing || !sameContent(existing, pushed) ? 1 : 0;
      store.write(ws, serialise({ ...pushed, serial: pushed.serial + bump }));
      return 0;
    }
    case 'mv':
      return stateMv(rest);
    case 'rm':
      return stateRm(rest);
    default:
      fail(`fake terraform: unsupported state subcommand: ${sub ?? '(none)'}`);
  }
}

async function stateMv(args) {
  const { flags, rest } = parseFlags(args, {
    state: 'string', 'state-out': 'string', backup: 'string', 'backup-out': 'string', 'dry-run': 'bool', lock: 'bool', 'lock-timeout': 'string', 'ignore-remote-version': 'bool',
  });
  if (rest.length !== 2) fail('Exactly two arguments expected.', 'Usage: terraform [global options] state mv [options] SOURCE DESTINATION');
  // With -state, state mv reads that file directly; without it, the workspace's state.
  let source;
  if (flags.state) source = { file: flags.state, before: readText(flags.state) };
  else {
    const store = await activeStore();
    const ws = currentWorkspace();
    source = { store, ws, before: store.read(ws) };
  }
  const from = parseState(source.before, flags.state ?? 'workspace state');
  if (!from) stateNotFound();
  let target = null;
  let to = from;
  if (flags['state-out']) {
    const before = readText(flags['state-out']);
    target = { file: flags['state-out'], before };
    to = parseState(before, flags['state-out']) ?? emptyState();
  }
  if (MODULE_ADDRESS.test(rest[0])) {
    moveModule(from, to, rest[0], rest[1], flags['dry-run']);
    out(`${flags['dry-run'] ? 'Would move' : 'Move'} "${rest[0]}" to "${rest[1]}"`);
    if (flags['dry-run']) return 0;
    if (source.file) writeStateFile(source.file, from, source.before);
    else source.store.write(source.ws, serialise({ ...from, serial: from.serial + 1 }));
    if (target) writeStateFile(target.file, to, target.before && target.before.trim() ? target.before : null);
    out('Successfully moved 1 object(s).');
    return 0;
  }
  const src = parseAddress(rest[0]);
  const dst = parseAddress(rest[1]);
  if (src.type !== dst.type) fail('Invalid state move request', `Cannot move ${rest[0]} to ${rest[1]}: resource types don't match.`);
  const res = findResource(from, src);
  const moved = [];
  // As Terraform's sourceObjectAddrs: an index-less source whose resource has
  // a no-key instance means that instance, so `a.b` → `a.b[0]` is allowed.
  const wholeResource = !src.hasKey && !res?.instances?.some((i) => i.index_key === undefined);
  if (wholeResource) {
    if (!res) fail('Invalid source address', `Cannot move ${rest[0]}: does not match anything in the current state.`);
    if (dst.hasKey) fail('Invalid target address', `Cannot move ${rest[0]} to ${rest[1]}: the source is a whole resource (not a resource instance) so the target must also be a whole resource.`);
    if (findResource(to, dst)) fail('Invalid target address', `Cannot move to ${rest[1]}: there is already a resource at that address in the current state.`);
    moved.push([rest[0], rest[1]]);
    if (!flags['dry-run']) {
      from.resources = from.resources.filter((r) => r !== res);
      to.resources.push({ ...res, module: dst.module, name: dst.name });
      if (!dst.module) delete to.resources.at(-1).module;
    }
  } else {
    const inst = res?.instances?.find((i) => (src.hasKey ? stable(i.index_key) === stable(src.key) : i.index_key === undefined));
    if (!inst) fail('Invalid source address', `Cannot move ${rest[0]}: does not match anything in the current state.`);
    const dstKey = dst.hasKey ? dst.key : undefined;
    if (findResource(to, dst)?.instances?.some((i) => stable(i.index_key) === stable(dstKey))) {
      fail('Invalid target address', `Cannot move to ${rest[1]}: there is already a resource instance at that address in the current state.`);
    }
    moved.push([rest[0], rest[1]]);
    if (!flags['dry-run']) {
      res.instances = res.instances.filter((i) => i !== inst);
      if (res.instances.length === 0) from.resources = from.resources.filter((r) => r !== res);
      // Looked up after the removal: within one state the target may be the source's own resource.
      let dres = findResource(to, dst);
      if (!dres) {
        dres = { ...(dst.module ? { module: dst.module } : {}), mode: res.mode, type: dst.type, name: dst.name, provider: res.provider, instances: [] };
        if (dstKey !== undefined) dres.each = typeof dstKey === 'number' ? 'list' : 'map';
        to.resources.push(dres);
      }
      const copy = { ...inst };
      if (dstKey === undefined) delete copy.index_key;
      else copy.index_key = dstKey;
      dres.instances.push(copy);
    }
  }
  for (const [a, b] of moved) out(`${flags['dry-run'] ? 'Would move' : 'Move'} "${a}" to "${b}"`);
  if (flags['dry-run']) return 0;
  if (source.file) writeStateFile(source.file, from, source.before);
  else source.store.write(source.ws, serialise({ ...from, serial: from.serial + 1 }));
  if (target) writeStateFile(target.file, to, target.before && target.before.trim() ? target.before : null);
  out(`Successfully moved ${moved.length} object(s).`);
  return 0;
}

async function stateRm(args) {
  const { flags, rest } = parseFlags(args, { state: 'string', backup: 'string', 'dry-run': 'bool', lock: 'bool', 'lock-timeout': 'string', 'ignore-remote-version': 'bool' });
  if (rest.length === 0) fail('At least one address is required.');
  let target;
  if (flags.state) target = { file: flags.state, before: readText(flags.state) };
  else {
    const store = await activeStore();
    target = { store, ws: currentWorkspace(), before: store.read(currentWorkspace()) };
  }
  const state = parseState(target.before, flags.state ?? 'workspace state');
  if (!state) stateNotFound();
  let removed = 0;
  for (const text of rest) {
    if (MODULE_ADDRESS.test(text)) {
      const gone = state.resources.filter((r) => inModule(r, text));
      if (gone.length === 0) fail('Invalid target address', 'No matching objects found. To view the available instances, use "terraform state list". Please modify the address to reference a specific instance.');
      for (const r of gone) for (const i of r.instances ?? []) out(`${flags['dry-run'] ? 'Would remove' : 'Removed'} ${resourceAddr(r)}${keyText(i.index_key)}`);
      removed += gone.reduce((n, r) => n + (r.instances ?? []).length, 0);
      if (!flags['dry-run']) state.resources = state.resources.filter((r) => !gone.includes(r));
      continue;
    }
    const a = parseAddress(text);
    const res = findResource(state, a);
    const gone = (res?.instances ?? []).filter((i) => !a.hasKey || stable(i.index_key) === stable(a.key));
    if (gone.length === 0) fail('Invalid target address', `No matching objects found. To view the available instances, use "terraform state list". Please modify the address to reference a specific instance.`);
    for (const i of gone) out(`${flags['dry-run'] ? 'Would remove' : 'Removed'} ${resourceAddr(res)}${keyText(i.index_key)}`);
    removed += gone.length;
    if (flags['dry-run']) continue;
    res.instances = res.instances.filter((i) => !gone.includes(i));
    if (res.instances.length === 0) state.resources = state.resources.filter((r) => r !== res);
  }
  if (flags['dry-run']) return 0;
  if (target.file) writeStateFile(target.file, state, target.before);
  else target.store.write(target.ws, serialise({ ...state, serial: state.serial + 1 }));
  out(`Successfully removed ${removed} resource instance(s).`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// plan and show

// The desired instances come from tfcodemod's own renderer (the built project: npm run build),
// loaded only by plan.
const DIST = new URL('../../dist/src/', import.meta.url);
async function loadRenderer() {
  try {
    const [render, index, parser, variables, nodes] = await Promise.all(
      ['render/render.js', 'terraform/module-index.js', 'cst/parser.js', 'render/variables.js', 'cst/nodes.js'].map((p) => import(new URL(p, DIST).href)),
    );
    await parser.initParser();
    return { ...render, ...index, ...parser, ...variables, ...nodes };
  } catch (e) {
    fail('fake terraform: cannot load tfcodemod\'s renderer', `Build the project first (npm run build): ${e.message ?? e}`);
  }
}

/** A JSON value (a .tfvars.json file) as a renderer value. */
function jsonValue(v) {
  if (v === null) return { t: 'null' };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (Array.isArray(v)) return { t: 'list', items: v.map(jsonValue) };
  return { t: 'map', entries: new Map(Object.entries(v).map(([k, x]) => [k, jsonValue(x)])) };
}

/** A variables file's values: HCL evaluated by the renderer, or JSON. */
function readVarFile(r, file) {
  const text = readText(file);
  if (text === null) fail('Failed to read variables file', `Given variables file ${file} does not exist.`);
  try {
    if (file.endsWith('.json')) return new Map(Object.entries(JSON.parse(text)).map(([k, v]) => [k, jsonValue(v)]));
    return r.readVarFile(text, file);
  } catch (e) {
    fail('Invalid variables file', `${file}: ${e.message ?? e}`);
  }
}

/**
 * Variable values in Terraform's precedence (later wins): TF_VAR_ environment variables, then
 * terraform.tfvars(.json), *.auto.tfvars(.json) in lexical order, then -var-file and -var in
 * the order given.
 */
function variableValues(r, ordered, declared) {
  const values = new Map();
  const flag = (text, what) => {
    try {
      return r.parseVarFlag(text);
    } catch (e) {
      fail('Invalid value for a variable', `${what}: ${e.message ?? e}`);
    }
  };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('TF_VAR_')) values.set(...flag(`${k.slice(7)}=${v}`, k));
  const names = fs.readdirSync('.');
  const auto = [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)),
    ...names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort(),
  ];
  for (const f of auto) for (const [k, v] of readVarFile(r, f)) values.set(k, v);
  for (const [name, value] of ordered) {
    if (name === 'var-file') for (const [k, v] of readVarFile(r, value)) values.set(k, v);
    else if (name === 'var') values.set(...flag(value, `-var ${value}`));
  }
  // Like Terraform, a value becomes the declared primitive type (-var subnets=2 is a number).
  for (const [k, v] of values) {
    const type = declared.get(k)?.type;
    if (type === 'number' && v.t === 'string' && v.v.trim() !== '' && Number.isFinite(Number(v.v))) values.set(k, { ...v, t: 'number', v: Number(v.v) });
    else if (type === 'bool' && v.t === 'string' && (v.v === 'true' || v.v === 'false')) values.set(k, { ...v, t: 'bool', v: v.v === 'true' });
    else if (type === 'string' && (v.t === 'number' || v.t === 'bool')) values.set(k, { ...v, t: 'string', v: String(v.v) });
  }
  return values;
}

/** Renders the working directory's configuration (override files aside) for one workspace. */
function renderConfig(r, workspace, variables) {
  const names = fs.readdirSync('.').filter((n) => n.endsWith('.tf') && !isOverride(n) && fs.statSync(n).isFile()).sort();
  const files = names.map((name) => {
    const text = fs.readFileSync(name, 'utf8');
    return { name, text, tree: r.parseHcl(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  });
  try {
    const index = new r.ModuleIndex(files);
    const rendered = r.renderModule(index, { workspace, variables, readFile: (p) => readText(p) });
    const moved = index.blocks
      .filter((b) => b.type === 'moved')
      .map((b) => ['from', 'to'].map((k) => {
        const a = r.attributeOf(b.body, k);
        return matchAddress((a && r.attributeValue(a)?.text.trim()) ?? '');
      }))
      .filter(([from, to]) => from && to && from.mode === 'managed' && to.mode === 'managed' && !from.module && !to.module);
    return { rendered, moved };
  } finally {
    for (const f of files) f.tree.delete();
  }
}

const instanceAddr = (a, key) => `${a.mode === 'data' ? 'data.' : ''}${a.type}.${a.name}${keyText(key)}`;

/**
 * Applies `moved` blocks to the state's instances (address → instance), as Terraform does
 * before planning: an instance at a `from` address moves when nothing is at its `to` address.
 * Returns previous addresses by new address.
 */
function applyMoves(instances, moved) {
  const previous = new Map();
  const move = (from, to) => {
    if (!instances.has(from) || instances.has(to)) return;
    instances.set(to, instances.get(from));
    instances.delete(from);
    previous.set(to, previous.get(from) ?? from);
    previous.delete(from);
  };
  for (const [from, to] of moved) {
    if (from.hasKey || to.hasKey) {
      // An instance, or a resource without count/for_each (its no-key instance), to an instance.
      move(instanceAddr(from, from.key), instanceAddr(to, to.key));
      continue;
    }
    // A whole resource renamed: every instance keeps its key.
    for (const [addr, i] of [...instances]) {
      if (i.resource.type === from.type && i.resource.name === from.name) move(addr, instanceAddr(to, i.instance.index_key));
    }
  }
  return previous;
}

async function cmdPlan(args) {
  const { flags, rest, order } = parseFlags(args, {
    input: 'bool', 'detailed-exitcode': 'bool', out: 'string', 'var-file': 'multi', var: 'multi', lock: 'bool', 'lock-timeout': 'string',
    refresh: 'bool', 'no-color': 'bool', parallelism: 'string', target: 'multi', compact: 'bool',
  });
  if (rest.length) fail('Too many command line arguments', 'To specify a working directory for the plan, use the global -chdir flag.');
  const config = await loadConfig();
  const store = await activeStore();
  const workspace = currentWorkspace();
  const r = await loadRenderer();
  const variables = variableValues(r, order, config.variables);
  for (const [name, v] of config.variables) {
    if (v.hasDefault || variables.has(name)) continue;
    fail(
      'No value for required variable',
      `  on ${v.file} line ${v.line}:\n  ${v.line}: ${v.source}\n\nThe root module input variable "${name}" is not set, and has no default value.\nUse a -var or -var-file command line argument to provide a value for this\nvariable.`,
    );
  }
  const { rendered, moved } = renderConfig(r, workspace, variables);
  if (rendered.problems.length > 0) {
    fail('fake terraform: the configuration cannot be planned', rendered.problems.map((p) => `  - ${p}`).join('\n'));
  }
  const desired = new Map([...rendered.instances].filter(([, i]) => i.mode === 'managed'));

  // The state's managed instances of the root module, by address; then the moves.
  const state = parseState(store.read(workspace), workspace) ?? emptyState();
  const inState = new Map();
  for (const res of sortResources(state.resources)) {
    if ((res.mode ?? 'managed') !== 'managed' || res.module) continue;
    for (const instance of res.instances ?? []) inState.set(resourceAddr(res) + keyText(instance.index_key), { resource: res, instance });
  }
  const previous = applyMoves(inState, moved);

  const change = (address, action) => {
    const a = parseAddress(address);
    return {
      address,
      ...(previous.has(address) ? { previous_address: previous.get(address) } : {}),
      mode: 'managed',
      type: a.type,
      name: a.name,
      ...(a.hasKey ? { index: a.key } : {}),
      change: { actions: [action] },
    };
  };
  const changes = [];
  for (const address of desired.keys()) changes.push(change(address, inState.has(address) ? 'no-op' : 'create'));
  for (const address of inState.keys()) if (!desired.has(address)) changes.push(change(address, 'delete'));

  // Outputs by name; an output whose value is null is not kept in state.
  const isNull = (name) => rendered.outputs.get(name)?.t === 'null';
  const outputChanges = {};
  for (const name of config.outputs) if (!(name in state.outputs) && !isNull(name)) outputChanges[name] = { actions: ['create'] };
  for (const name of Object.keys(state.outputs)) if (!config.outputs.has(name) || isNull(name)) outputChanges[name] = { actions: ['delete'] };

  const adds = changes.filter((c) => c.change.actions[0] === 'create').length;
  const dels = changes.filter((c) => c.change.actions[0] === 'delete').length;
  const moves = changes.filter((c) => c.previous_address !== undefined).length;
  const outs = Object.keys(outputChanges).length;
  if (flags.out) {
    writeText(flags.out, JSON.stringify({ fake_terraform_plan: 1, workspace, resource_changes: changes, output_changes: outputChanges }, null, 2) + '\n');
  }
  if (adds + dels + moves + outs === 0) {
    out('\nNo changes. Your infrastructure matches the configuration.');
    return 0;
  }
  for (const c of changes) {
    const action = c.change.actions[0];
    if (action !== 'no-op') out(`  # ${c.address} will be ${action === 'create' ? 'created' : 'destroyed'}${c.previous_address ? `\n  # (moved from ${c.previous_address})` : ''}`);
    else if (c.previous_address) out(`  # ${c.previous_address} has moved to ${c.address}`);
  }
  if (adds + dels + moves > 0) out(`\nPlan: ${adds} to add, 0 to change, ${dels} to destroy.`);
  if (outs > 0) out(`\nChanges to Outputs:\n${Object.entries(outputChanges).map(([n, c]) => `  ${c.actions[0] === 'create' ? '+' : '-'} ${n}`).join('\n')}`);
  return flags['detailed-exitcode'] ? 2 : 0;
}

async function cmdShow(args) {
  const { flags, rest } = parseFlags(args, { json: 'bool', 'no-color': 'bool' });
  if (rest.length > 1) fail('Too many command line arguments');
  if (rest.length === 1) {
    const text = readText(rest[0]);
    if (text === null) fail('Failed to read the given file as a state or plan file', `File ${rest[0]} does not exist.`);
    const json = JSON.parse(text);
    if (!json.fake_terraform_plan) fail('Failed to read the given file as a plan file', 'This fake only shows plan files it wrote.');
    if (flags.json) {
      out(JSON.stringify({ format_version: '1.2', terraform_version: VERSION, resource_changes: json.resource_changes, output_changes: json.output_changes }));
    } else {
      for (const c of json.resource_changes) out(`  # ${c.address}: ${c.change.actions.join(', ')}`);
    }
    return 0;
  }
  const store = await activeStore();
  const state = parseState(store.read(currentWorkspace()), currentWorkspace());
  if (flags.json) {
    const resources = (state?.resources ?? []).flatMap((r) => (r.instances ?? []).map((i) => ({ address: resourceAddr(r) + keyText(i.index_key), mode: r.mode, type: r.type, name: r.name, values: i.attributes })));
    out(JSON.stringify({ format_version: '1.0', terraform_version: VERSION, values: { root_module: { resources } } }));
  } else out(state ? instanceAddrs(state).join('\n') : 'No state.');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Entry point.

async function main(argv) {
  let args = argv;
  while (args[0]?.startsWith('-chdir=')) {
    process.chdir(args[0].slice('-chdir='.length));
    args = args.slice(1);
  }
  const [command, ...rest] = args;
  switch (command) {
    case 'version':
    case '-version':
    case '-v':
      out(rest.includes('-json') ? JSON.stringify({ terraform_version: VERSION, platform: 'linux_amd64' }) : `Terraform v${VERSION}\non linux_amd64`);
      return 0;
    case 'init':
      return cmdInit(rest);
    case 'workspace':
      return cmdWorkspace(rest);
    case 'state':
      return cmdState(rest);
    case 'plan':
      return cmdPlan(rest);
    case 'show':
      return cmdShow(rest);
    default:
      fail(`fake terraform: unsupported command: ${command ?? '(none)'}`);
  }
}

function failOnPurpose(argv) {
  const prefix = process.env.FAKE_TF_FAIL;
  if (!prefix || !argv.join(' ').startsWith(prefix)) return false;
  const marker = process.env.FAKE_TF_FAIL_MARKER || (process.env.FAKE_TF_LOG ? `${process.env.FAKE_TF_LOG}.fail` : null);
  if (marker) {
    if (readText(marker) === prefix) return false;
    writeText(marker, prefix);
  }
  err(`fake terraform: failing on purpose (FAKE_TF_FAIL=${prefix})`);
  return true;
}

const argv = process.argv.slice(2);
if (process.env.FAKE_TF_LOG) fs.appendFileSync(process.env.FAKE_TF_LOG, JSON.stringify(argv) + '\n');
if (failOnPurpose(argv)) {
  process.exitCode = 1;
} else {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof Exit) process.exitCode = e.code;
    else {
      err(`fake terraform: internal error: ${e.stack ?? e}`);
      process.exitCode = 1;
    }
  }
}
