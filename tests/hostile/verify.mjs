// Checks the bundle built from tests/hostile/cases.mjs's accepted configuration:
//   node verify.mjs BUNDLE_DIR EXPECTED_JSON HELM_OUTPUT TOOLS_LOG
// - every YAML file parses without errors or warnings as YAML 1.2 and as YAML 1.1 (the JS `yaml` package,
//   independent of pulsarc), and every value pulsar.toml gave reads back identical, strings as strings;
// - Helm (Go's yaml, in HELM_OUTPUT: the echo chart's dump of .Values) read exactly the same values.yaml;
// - the database password reaches its Secret byte for byte and no other file;
// - nodes.sh and install.sh, run with stand-ins for kubectl and helm (TOOLS_LOG), passed exactly the
//   intended arguments.
// Prints one line per check; exits 1 if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

const require = createRequire(import.meta.url);
const YAML = require(process.env.PULSARC_YAML_MODULE);

const [bundle, expectedPath, helmOutput, toolsLog] = process.argv.slice(2);
const { accepted, hostile } = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
let failures = 0;
function check(what, ok, detail = '') {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${ok || !detail ? '' : `: ${detail}`}`);
  if (!ok) failures += 1;
}
const show = (x) => JSON.stringify(x, (k, v) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300);

function yamlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return p.endsWith('.yaml') ? [p] : [];
  });
}

// ---- every YAML file, in both YAML versions ----
const parsed = { '1.2': {}, '1.1': {} };
for (const file of yamlFiles(bundle)) {
  const rel = path.relative(bundle, file);
  for (const version of ['1.2', '1.1']) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { version, uniqueKeys: true, strict: true });
    const problems = docs.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
    if (problems.length) check(`${rel} parses as YAML ${version}`, false, problems.join('; '));
    parsed[version][rel] = docs.map((d) => d.toJS({ maxAliasCount: -1 }));
  }
}
check(`all ${Object.keys(parsed['1.2']).length} YAML files parse as YAML 1.2 and 1.1`, failures === 0);

function expectIn(version, file, keys, want) {
  let value = parsed[version][file]?.[0];
  for (const key of keys) value = value?.[key];
  const ok = typeof want === 'function' ? want(value) : isDeepStrictEqual(value, want);
  check(`${file}:${keys.join('.')} (YAML ${version})`, ok, `read ${show(value)}, want ${typeof want === 'function' ? 'a match' : show(want)}`);
}

const release = accepted.release;
for (const version of ['1.2', '1.1']) {
  const v = parsed[version]['values.yaml'][0];
  expectIn(version, 'values.yaml', ['namespace'], accepted.namespace);
  expectIn(version, 'values.yaml', ['auth', 'superUsers'], accepted.roles);
  for (const component of ['zookeeper', 'bookkeeper', 'broker', 'proxy']) {
    expectIn(version, 'values.yaml', [component, 'nodeSelector'], { [accepted.labelKey]: accepted.labelValue });
    expectIn(version, 'values.yaml', [component, 'tolerations', 0, 'value'], accepted.tolerationValue);
  }
  for (const volume of ['journal', 'ledgers']) {
    expectIn(version, 'values.yaml', ['bookkeeper', 'volumes', volume, 'storageClassName'], accepted.storageClass);
  }
  const configData = v.broker.configData;
  const wrong = hostile.filter((s, i) => configData[`pulsarc_hostile_${String(i).padStart(3, '0')}`] !== s);
  check(`values.yaml: ${hostile.length} hostile strings read back unchanged (YAML ${version})`, wrong.length === 0,
        `${wrong.length} changed, e.g. ${show(wrong[0])}`);
  const keyed = hostile.filter((s) => Buffer.byteLength(s) <= 1024);
  const wrongKeys = keyed.filter((s, i) => configData[s] !== `key ${i}`);
  check(`values.yaml: ${keyed.length} hostile keys read back unchanged (YAML ${version})`, wrongKeys.length === 0,
        `${wrongKeys.length} changed, e.g. ${show(wrongKeys[0])}`);
  check(`values.yaml: a 1024-byte key reads back (YAML ${version})`, typeof configData['k'.repeat(1024)] === 'string');
  const types = v.pulsarc_types;
  check(`values.yaml: numbers, booleans and dates keep their types (YAML ${version})`,
        types.int_max === 2 ** 53 && types.int_min === -(2 ** 53) && types.float_small === 5e-324 &&
          types.float_large === 1.7976931348623157e308 && Object.is(types.negative_zero, -0) && types.yes_bool === true &&
          typeof types.date_time === 'string' && types.date_time.startsWith('1979-05-27T07:32:00') &&
          isDeepStrictEqual(types.mixed, [1, '1', 1.5, true, 'true', [], {}, [['deep']], { on: 'off' }]),
        show(types));
  expectIn(version, 'namespace.yaml', ['metadata', 'name'], accepted.namespace);
  expectIn(version, 'storageclass.yaml', ['metadata', 'name'], accepted.storageClass);
  const pvs = Object.keys(parsed[version]).filter((f) => f.startsWith('persistentvolumes/'));
  const zkNodes = accepted.nodes.slice(0, 3);
  const bookieNodes = accepted.nodes.slice(2, 5);
  const pvProblems = pvs.filter((file) => {
    const pv = parsed[version][file][0];
    const ordinal = Number(file.match(/-(\d+)\.yaml$/)[1]);
    const zk = file.includes('zookeeper');
    const node = pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0];
    return node !== (zk ? zkNodes : bookieNodes)[ordinal] || pv.spec.storageClassName !== accepted.storageClass ||
           pv.spec.claimRef.namespace !== accepted.namespace || pv.metadata.labels['app.kubernetes.io/instance'] !== release ||
           (zk && pv.spec.local.path !== accepted.zkPath);
  });
  check(`${pvs.length} PersistentVolumes name their node, class, namespace and path exactly (YAML ${version})`,
        pvs.length === 9 && pvProblems.length === 0, pvProblems.join(', '));
}

// ---- Helm read the same values ----
const helmDocs = YAML.parseAllDocuments(fs.readFileSync(helmOutput, 'utf8'));
const echo = helmDocs.map((d) => d.toJS()).find((d) => d?.kind === 'ConfigMap' && d.metadata?.name === 'echo');
const helmValues = echo && JSON.parse(echo.data.values);
const ourValues = parsed['1.2']['values.yaml'][0];
check('Helm reads values.yaml exactly as YAML 1.2 does', isDeepStrictEqual(helmValues, ourValues),
      helmValues ? Object.keys(ourValues).filter((k) => !isDeepStrictEqual(helmValues[k], ourValues[k])).join(', ') : 'no echo');

// ---- the password goes into its Secret, and nowhere else ----
const dbSecret = parsed['1.2'][`secrets/${release}-pulsar-manager-db.yaml`]?.[0];
const decode = (b64) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
check('the database password reaches its Secret byte for byte', decode(dbSecret?.data?.PULSAR_MANAGER_ADMIN_PASSWORD) === accepted.password);
check('the database user reaches the Secret', decode(dbSecret?.data?.PULSAR_MANAGER_ADMIN_USER) === accepted.dbUser);
const leaking = fs.readdirSync(bundle, { recursive: true }).filter((f) => {
  const p = path.join(bundle, f);
  return !f.startsWith('secrets') && fs.statSync(p).isFile() && fs.readFileSync(p, 'utf8').includes(accepted.password.slice(0, 12));
});
check('the password is in no other file', leaking.length === 0, leaking.join(', '));
for (const role of [...Object.values(accepted.roles), ...accepted.tokens]) {
  expectIn('1.2', `secrets/${release}-token-${role}.yaml`, ['metadata', 'name'], `${release}-token-${role}`);
}

// ---- nodes.sh and install.sh gave kubectl and helm exactly the intended arguments ----
const fields = fs.readFileSync(toolsLog, 'utf8').split('\0');
const calls = [];
for (let i = 0; i + 1 < fields.length;) {
  const count = Number(fields[i + 1]);
  calls.push({ tool: fields[i], args: fields.slice(i + 2, i + 2 + count) });
  i += 2 + count;
}
const byName = [...accepted.nodes].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
const wantNodeCalls = byName.flatMap((node) => [
  ['label', 'node', node, '--overwrite', `${accepted.labelKey}=${accepted.labelValue}`, `tier=${accepted.labelValue2}`],
  ['taint', 'node', node, '--overwrite', `${accepted.taintKey}=${accepted.taintValue}:NoSchedule`],
  ['taint', 'node', node, '--overwrite', 'other:NoExecute'],
]);
const nodeCalls = calls.filter((c) => c.tool === 'kubectl' && ['label', 'taint'].includes(c.args[0])).map((c) => c.args);
check('nodes.sh: every label and taint call has exactly the intended arguments', isDeepStrictEqual(nodeCalls, wantNodeCalls),
      `got ${show(nodeCalls)}`);
const applies = calls.filter((c) => c.tool === 'kubectl' && c.args[0] === 'apply').map((c) => c.args);
check('install.sh: kubectl apply -k for the bundle, the node preparation, then its secrets',
      isDeepStrictEqual(applies, [['apply', '-k', '.'], ['apply', '-f', 'node-preparation'], ['apply', '-k', 'secrets']]),
      show(applies));
const preparation = calls.filter((c) => c.tool === 'kubectl' && ['delete', 'wait'].includes(c.args[0])).map((c) => c.args);
check('install.sh: the node preparation is waited for and removed',
      isDeepStrictEqual(preparation, [['delete', '-f', 'node-preparation', '--ignore-not-found', '--wait'],
        ['wait', '--for=condition=complete', '-f', 'node-preparation', '--timeout=600s'],
        ['delete', '-f', 'node-preparation', '--wait']]), show(preparation));
const upgrade = calls.find((c) => c.tool === 'helm' && c.args[0] === 'upgrade')?.args ?? [];
const after = (flag) => upgrade[upgrade.indexOf(flag) + 1];
check('install.sh: helm upgrade --install gets the release, namespace, chart version and first-install flag',
      after('--install') === release && after('--namespace') === accepted.namespace && after('--version') === '2.7.7' &&
        after('--set') === 'initialize=true', show(upgrade));
const status = calls.find((c) => c.tool === 'helm' && c.args[0] === 'status')?.args ?? [];
check('install.sh: helm status asks about the release in its namespace',
      isDeepStrictEqual(status, ['status', release, '--namespace', accepted.namespace]), show(status));

process.exit(failures ? 1 : 0);
