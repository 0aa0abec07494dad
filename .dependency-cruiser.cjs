// The layers of docs/architecture.md, checked by `npm run check:layers` (part of `npm test`).
// checks/layers.test.ts runs this file on fixtures with a wrong and a right import.

/**
 * The contexts' public-API rule ("import another context only through its index.ts"): an error.
 * CIVITAS_INDEX_RULE=warn lowers it while a new context is being shaped (never in CI).
 */
const INDEX_RULE_SEVERITY = process.env.CIVITAS_INDEX_RULE ?? 'error';

/**
 * Lowest first: a layer may import its own and lower layers, never a higher one. Layers that
 * share a rank (registers, identity and access) may import each other, as siblings do.
 */
const LAYERS = [
  { name: 'packages', rank: 0, path: '^packages/[^/]+/' },
  { name: 'kernel', rank: 1, path: '^server/src/kernel/' },
  { name: 'db', rank: 1, path: '^server/src/db/' },
  // The one layout of the platform's PDFs (pdfkit, fonts): imports nothing of the platform.
  { name: 'documents', rank: 1, path: '^server/src/documents/' },
  { name: 'http', rank: 2, path: '^server/src/http/' },
  { name: 'exchange', rank: 3, path: '^server/src/exchange/' },
  { name: 'registers', rank: 4, path: '^server/src/registers/' },
  { name: 'identity', rank: 4, path: '^server/src/identity/' },
  { name: 'access', rank: 4, path: '^server/src/access/' },
  // The signing CA, JAdES and PAdES signatures, e-seals and their validation (issue 18).
  { name: 'signing', rank: 4, path: '^server/src/signing/' },
  { name: 'audit', rank: 5, path: '^server/src/audit/' },
  { name: 'capabilities', rank: 5, path: '^server/src/capabilities/' },
  // The composition root: main.ts, app.ts, bootstrap.ts, migrations.ts, the CLI's commands.
  { name: 'composition', rank: 6, path: '^server/src/(?:[^/]+\\.ts|cli/)' },
];

const TESTS = '\\.test\\.tsx?$';

const upwardRules = LAYERS.map((layer) => {
  const higher = LAYERS.filter((other) => other.rank > layer.rank).map((other) => other.path);
  return {
    name: `no-upward-import-from-${layer.name}`,
    comment: `${layer.name} may import only its own and lower layers (docs/architecture.md, "Layers")`,
    severity: 'error',
    // A test wires what it tests as a composition root does (a token from identity for an HTTP
    // test): tests are exempt here, but not from the cycle, packages and web rules.
    from: { path: layer.path, pathNot: TESTS },
    to: { path: higher },
  };
}).filter((rule) => rule.to.path.length > 0);

/**
 * A context: server/src/<folder>/, except that each capability is its own
 * (server/src/capabilities/<capability>/). The registers are one context: they share
 * generators, parameters and the seed.
 */
const CONTEXT_INDEX = '^server/src/(?:capabilities/[^/]+|[^/]+)/index\\.ts$';

const indexRules = [
  {
    // A capability importing anything outside itself.
    from: { path: '^server/src/(capabilities/[^/]+)/', pathNot: TESTS },
    to: { path: '^server/src/', pathNot: ['^server/src/$1/', CONTEXT_INDEX] },
  },
  {
    // Any other context.
    from: { path: '^server/src/(?!capabilities/|cli/)([^/]+)/', pathNot: TESTS },
    to: { path: '^server/src/', pathNot: ['^server/src/$1/', CONTEXT_INDEX] },
  },
  {
    // The composition root reaches contexts through their public API too; a capability's migration
    // list is public to it as well (a process that only migrates need not load the capability).
    from: { path: '^server/src/(?:[^/]+\\.ts|cli/)', pathNot: TESTS },
    to: {
      path: '^server/src/[^/]+/',
      pathNot: ['^server/src/cli/', CONTEXT_INDEX, '^server/src/capabilities/[^/]+/migrations\\.ts$'],
    },
  },
].map((rule) => ({
  name: 'context-through-index',
  comment: 'another context is imported only through its index.ts (its public API), never its files',
  severity: INDEX_RULE_SEVERITY,
  ...rule,
}));

/** Any context's table types: server/src/<context>/…/tables.ts. */
const TABLES = '^server/src/.+/tables\\.ts$';

/**
 * A context's tables.ts is its own, tests included: another context (or a test of it, the
 * composition root, an end-to-end test) reads and writes those rows through the owner's
 * index.ts, so a table can change without a hunt through other contexts' tests.
 */
const tablesRules = [
  {
    // A capability, or a test of it, reaching another context's tables.
    from: { path: '^server/src/(capabilities/[^/]+)/' },
    to: { path: TABLES, pathNot: '^server/src/$1/' },
  },
  {
    // Any other context (the CLI's folder has no tables of its own).
    from: { path: '^server/src/(?!capabilities/)([^/]+)/' },
    to: { path: TABLES, pathNot: '^server/src/$1/' },
  },
  {
    // Everything outside the contexts: the composition root, the test harness, e2e, bench.
    from: { pathNot: '^server/src/[^/]+/' },
    to: { path: TABLES },
  },
].map((rule) => ({
  name: 'tables-only-in-own-context',
  comment: "a context's tables.ts is imported only inside that context, tests included",
  severity: 'error',
  ...rule,
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'packages-import-no-app',
      comment: 'packages/* are shared by the server and the web: they import nothing from either',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(?:server|web)/' },
    },
    {
      name: 'web-imports-no-server',
      comment: 'the web shares code with the server only through packages/* (contracts, tlog)',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'every-folder-in-a-layer',
      comment: 'a new folder in server/src gets its place in LAYERS (.dependency-cruiser.cjs) first',
      severity: 'error',
      from: { path: '^server/src/', pathNot: LAYERS.map((layer) => layer.path) },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'import cycles make the layers meaningless and the start order fragile',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing (a typo, a moved file) fails here, not at run time',
      severity: 'error',
      from: {},
      // @medplum/fhirtypes ships only type declarations (no main): its imports are type-only.
      to: { couldNotResolve: true, pathNot: '^@medplum/fhirtypes$' },
    },
    ...indexRules,
    ...tablesRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '(^|/)dist/'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
