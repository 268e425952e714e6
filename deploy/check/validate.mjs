// Offline checks of what an operator deploys, run by deploy/check/run (and so by CI):
//  1. docker-compose.yml against the Compose Specification's JSON schema (dclint), and against the
//     no-Docker launcher's settings (same topics file, broker settings and ports);
//  2. every kustomize overlay of deploy/k8s, rendered by `kubectl kustomize`, against the Kubernetes and
//     KEDA JSON schemas (kubernetes-models), strictly (an unknown field is an error, as with the API
//     server's strict field validation), plus the rules Trainyard relies on (probes, resources, secrets,
//     the KEDA replica cap equal to the partition count, selectors, PDBs);
//  3. docs/asyncapi.yaml with the AsyncAPI parser, and that it documents every topic.
// Exits 1 on the first section with errors, after printing all of them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const modules = path.join(here, "node_modules");
const errors = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);

// ---- the one topic list ------------------------------------------------------------------------------
function readTopics(file) {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [name, partitions, policy] = line.split(/\s+/);
      return { name, partitions: Number(partitions), policy };
    });
}
const topicsFile = path.join(root, "deploy/local/topics.conf");
const topics = readTopics(topicsFile);
const requestPartitions = topics.find((t) => t.name === "generation-requests")?.partitions;

// ---- 1. docker-compose.yml ---------------------------------------------------------------------------
function checkCompose() {
  const file = path.join(root, "docker-compose.yml");
  try {
    execFileSync(
      path.join(modules, ".bin/dclint"),
      [file, "-c", path.join(here, ".dclintrc.yaml"), "--color", "false", "--max-warnings", "0"],
      { stdio: "pipe" },
    );
  } catch (e) {
    fail("docker-compose.yml", `dclint (Compose Specification schema):\n${e.stdout}${e.stderr}`);
  }
  const compose = yaml.load(fs.readFileSync(file, "utf8"));
  const services = compose.services ?? {};
  const init = services["kafka-init"];
  if (!init?.volumes?.some((v) => v.startsWith("./deploy/local/topics.conf:"))) {
    fail("docker-compose.yml", "kafka-init must create the topics of deploy/local/topics.conf");
  }
  compareBrokerSettings(services.kafka?.environment ?? {});
  const ports = { "claude-simulator": 8090, "batch-api": 8080, "generation-worker": 8081, "training-file-builder": 8082 };
  for (const [name, port] of Object.entries(ports)) {
    const env = services[name]?.environment ?? {};
    if (String(env.PORT) !== String(port)) {
      fail("docker-compose.yml", `${name} must listen on ${port} as in deploy/local (PORT is ${env.PORT})`);
    }
    if (!JSON.stringify(services[name]?.healthcheck?.test ?? "").includes("/q/health/ready")) {
      fail("docker-compose.yml", `${name} needs a health check on /q/health/ready`);
    }
  }
  for (const [name, service] of Object.entries(services)) {
    const env = service.environment ?? {};
    for (const [key, value] of Object.entries(env)) {
      if (/KEY|PASSWORD|TOKEN|SECRET/.test(key) && typeof value === "string" && !value.includes("${")) {
        if (!(key === "ANTHROPIC_API_KEY" && value === "simulator-key")) {
          fail("docker-compose.yml", `${name}.${key} holds a literal secret; take it from the environment`);
        }
      }
    }
  }
}

// The broker settings the launcher writes (deploy/local/trainyard) and compose's KAFKA_* must agree.
function compareBrokerSettings(env) {
  const launcher = fs.readFileSync(path.join(root, "deploy/local/trainyard"), "utf8");
  const keys = [
    "process.roles",
    "offsets.topic.replication.factor",
    "offsets.topic.num.partitions",
    "transaction.state.log.replication.factor",
    "transaction.state.log.min.isr",
    "min.insync.replicas",
    "default.replication.factor",
    "group.initial.rebalance.delay.ms",
    "auto.create.topics.enable",
    "log.retention.hours",
  ];
  for (const key of keys) {
    const match = launcher.match(new RegExp(`^${key.replaceAll(".", "\\.")}=(.*)$`, "m"));
    const composeKey = "KAFKA_" + key.toUpperCase().replaceAll(".", "_");
    if (!match) {
      fail("deploy/local/trainyard", `writes no ${key}`);
    } else if (String(env[composeKey]) !== match[1]) {
      fail("docker-compose.yml", `kafka ${composeKey}=${env[composeKey]} but deploy/local uses ${key}=${match[1]}`);
    }
  }
}

// ---- 2. Kubernetes ---------------------------------------------------------------------------------
// Strict field check: walks an object along the interfaces of kubernetes-models' (and KEDA's) type
// declarations, which are generated from the same OpenAPI schemas, and reports fields no schema knows.
const interfaces = new Map();

function loadInterface(file) {
  if (interfaces.has(file)) return interfaces.get(file);
  const text = fs.readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    const target = m[2].startsWith(".")
      ? path.join(path.dirname(file), m[2].replace(/\.js$/, ".d.ts"))
      : path.join(modules, m[2] + ".d.ts");
    imports.set(m[1], target);
  }
  const block = text.match(/export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/);
  const fields = new Map();
  if (block) {
    for (const m of block[1].matchAll(/^ {4}"([^"]+)"\??: (.*)$/gm)) {
      fields.set(m[1], m[2].replace(/;$/, ""));
    }
  }
  const shape = block ? { fields, imports } : null;
  interfaces.set(file, shape);
  return shape;
}

function checkFields(where, value, file) {
  const shape = fs.existsSync(file) ? loadInterface(file) : null;
  if (!shape || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const type = shape.fields.get(key);
    if (type === undefined) {
      fail(where, `unknown field "${key}"`);
      continue;
    }
    const element = type.match(/^Array<(\w+)>$/)?.[1];
    const target = shape.imports.get(element ?? type);
    if (!target) continue;
    if (element) {
      (child ?? []).forEach((item, i) => checkFields(`${where}.${key}[${i}]`, item, target));
    } else {
      checkFields(`${where}.${key}`, child, target);
    }
  }
}

async function modelFor(doc) {
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : [null, doc.apiVersion];
  const dir = group === "keda.sh"
    ? path.join(modules, "@kubernetes-models/keda/keda.sh", version)
    : path.join(modules, "kubernetes-models", group ?? "", version);
  const module = await import(path.join(dir, "index.js"));
  return { Model: module[doc.kind], declaration: path.join(dir, `${doc.kind}.d.ts`) };
}

async function checkOverlay(overlay) {
  const dir = path.join(root, "deploy/k8s/overlays", overlay);
  let rendered;
  try {
    rendered = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    fail(`overlay ${overlay}`, `kubectl kustomize failed: ${e.stderr ?? e.message}`);
    return;
  }
  const docs = yaml.loadAll(rendered).filter(Boolean);
  for (const doc of docs) {
    const where = `${overlay}/${doc.kind}/${doc.metadata?.name}`;
    const { Model, declaration } = await modelFor(doc);
    if (!Model) {
      fail(where, `no schema for ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      fail(where, `schema: ${e.message}`);
    }
    checkFields(where, doc, declaration);
  }
  checkRules(overlay, docs);
}

const byKind = (docs, kind) => docs.filter((d) => d.kind === kind);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function checkRules(overlay, docs) {
  const deployments = byKind(docs, "Deployment");
  for (const d of deployments) checkDeployment(`${overlay}/Deployment/${d.metadata.name}`, d, docs);
  for (const s of byKind(docs, "Service")) {
    const target = deployments.find((d) => matches(s.spec.selector, d.spec.template.metadata.labels));
    if (!target) fail(`${overlay}/Service/${s.metadata.name}`, "selects no Deployment's pods");
  }
  for (const name of ["batch-api", "generation-worker"]) {
    const pdb = byKind(docs, "PodDisruptionBudget").find((p) => p.metadata.name === name);
    const deployment = deployments.find((d) => d.metadata.name === name);
    if (!pdb || !matches(pdb.spec.selector.matchLabels, deployment?.spec.template.metadata.labels)) {
      fail(`${overlay}/${name}`, "needs a PodDisruptionBudget selecting its pods");
    }
  }
  if (byKind(docs, "Secret").length > 0) fail(overlay, "manifests must reference Secrets, never define them");
  checkScaledObject(overlay, docs);
  const topicsMap = byKind(docs, "ConfigMap").find((c) => c.metadata.name.startsWith("trainyard-topics"));
  if (topicsMap?.data?.["topics.conf"] !== fs.readFileSync(topicsFile, "utf8")) {
    fail(`${overlay}/trainyard-topics`, "deploy/k8s/base/topics.conf differs from deploy/local/topics.conf");
  }
}

function checkDeployment(where, deployment, docs) {
  const pod = deployment.spec.template.spec;
  for (const c of pod.containers) {
    if (c.readinessProbe?.httpGet?.path !== "/q/health/ready") fail(where, `${c.name}: readiness probe on /q/health/ready`);
    if (c.livenessProbe?.httpGet?.path !== "/q/health/live") fail(where, `${c.name}: liveness probe on /q/health/live`);
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) {
      fail(where, `${c.name}: needs cpu and memory requests and a memory limit`);
    }
    for (const e of c.env ?? []) {
      if (/KEY|PASSWORD|TOKEN|SECRET/.test(e.name) && !e.valueFrom?.secretKeyRef) {
        fail(where, `${c.name}: ${e.name} must come from a Secret (secretKeyRef)`);
      }
    }
  }
  for (const v of pod.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && !byKind(docs, "PersistentVolumeClaim").some((p) => p.metadata.name === claim)) {
      fail(where, `volume ${v.name} claims ${claim}, which no manifest defines`);
    }
  }
}

function checkScaledObject(overlay, docs) {
  const where = `${overlay}/ScaledObject/generation-worker`;
  const so = byKind(docs, "ScaledObject").find((s) => s.spec.scaleTargetRef.name === "generation-worker");
  if (!so) return fail(where, "generation-worker must be scaled by a KEDA ScaledObject");
  if (so.spec.maxReplicaCount !== requestPartitions) {
    fail(where, `maxReplicaCount ${so.spec.maxReplicaCount} must equal generation-requests' ${requestPartitions} partitions`);
  }
  const behavior = so.spec.advanced?.horizontalPodAutoscalerConfig?.behavior;
  if (!(behavior?.scaleUp?.stabilizationWindowSeconds > 0) || !(behavior?.scaleDown?.stabilizationWindowSeconds > 0)) {
    fail(where, "needs stabilisation windows for scaling up and down");
  }
  const trigger = so.spec.triggers.find((t) => t.type === "kafka");
  if (trigger?.metadata?.topic !== "generation-requests" || trigger?.metadata?.consumerGroup !== "generation-worker") {
    fail(where, "must scale on the lag of group generation-worker on generation-requests");
  }
  if (!byKind(docs, "Deployment").some((d) => d.metadata.name === so.spec.scaleTargetRef.name)) {
    fail(where, "targets no Deployment");
  }
}

// ---- 3. AsyncAPI -------------------------------------------------------------------------------------
async function checkAsyncApi() {
  const file = path.join(root, "docs/asyncapi.yaml");
  if (!fs.existsSync(file)) return fail("docs/asyncapi.yaml", "missing");
  const { Parser, fromFile } = await import("@asyncapi/parser");
  // fromFile resolves the relative $refs to common-model's JSON Schemas.
  const { document, diagnostics } = await fromFile(new Parser(), file).parse();
  for (const d of diagnostics.filter((d) => d.severity === 0)) {
    fail("docs/asyncapi.yaml", `${d.path.join(".")}: ${d.message}`);
  }
  if (!document) return;
  const addresses = new Set(document.channels().all().map((c) => c.address()));
  for (const t of topics) {
    if (!addresses.has(t.name)) fail("docs/asyncapi.yaml", `topic ${t.name} has no channel`);
  }
  // Every event topic's payload must be common-model's schema for it, resolved (not an empty stand-in).
  for (const channel of document.channels().all()) {
    const schemaFile = path.join(root, "common-model/src/main/resources/schemas", `${channel.address()}.schema.json`);
    if (!fs.existsSync(schemaFile)) continue;
    const expected = Object.keys(JSON.parse(fs.readFileSync(schemaFile, "utf8")).properties ?? {}).sort();
    for (const message of channel.messages().all()) {
      const actual = Object.keys(message.payload()?.properties() ?? {}).sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        fail("docs/asyncapi.yaml", `${channel.address()} payload is not ${path.basename(schemaFile)}`);
      }
    }
  }
}

// ---- main --------------------------------------------------------------------------------------------
checkCompose();
const overlays = fs.readdirSync(path.join(root, "deploy/k8s/overlays"));
for (const overlay of overlays) await checkOverlay(overlay);
await checkAsyncApi();

if (errors.length > 0) {
  console.log(errors.map((e) => `FAIL ${e}`).join("\n"));
  console.log(`deploy check: ${errors.length} problem(s)`);
  process.exit(1);
}
console.log(`deploy check: docker-compose.yml, ${overlays.length} Kubernetes overlays (${overlays.join(", ")}) and docs/asyncapi.yaml are valid`);
