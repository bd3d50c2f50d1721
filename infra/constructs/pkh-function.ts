/**
 * One Lambda function of the pipeline, built the same way for every handler: latest Node.js
 * runtime, arm64 (unless the function ships a binary built for x86_64 only: the report function's
 * Chromium), an ESM bundle made locally by the installed esbuild (never Docker), its own log
 * group and its own role with no managed policy — each construct adds exactly the statements
 * its function needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Size } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Latest Node.js runtime this aws-cdk-lib knows (cdk-nag AwsSolutions-L1 checks the same). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const METRICS_NAMESPACE = 'PantauPKH';
/** Where the bundle ships the wilayah reference CSVs. */
export const WILAYAH_DIR_IN_LAMBDA = '/var/task/wilayah';
/** Where the bundle ships the `.sql` files (read at run time by `functions/lib/query-engine`). */
export const SQL_DIR_IN_LAMBDA = '/var/task/sql';
export const WILAYAH_FILES = ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv'] as const;
export const PARQUET_WASM_FILE = 'parquet_wasm_bg.wasm';

/** Repository root (this file is `infra/constructs/pkh-function.ts`). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const requireFromHere = createRequire(import.meta.url);

/**
 * ESM bundles have no `require`, `__filename` or `__dirname`; CommonJS dependencies bundled into
 * them need those. Set on `globalThis` under private import names so no top-level declaration in
 * the bundle can collide with them.
 */
export const ESM_BANNER = [
  "import { createRequire as __pkhCreateRequire } from 'node:module';",
  "import { fileURLToPath as __pkhFileURLToPath } from 'node:url';",
  "import { dirname as __pkhDirname } from 'node:path';",
  'globalThis.require ??= __pkhCreateRequire(import.meta.url);',
  'globalThis.__filename ??= __pkhFileURLToPath(import.meta.url);',
  'globalThis.__dirname ??= __pkhDirname(globalThis.__filename);',
].join(' ');

/**
 * Shell commands run after esbuild, copying the data files a bundle reads at run time, each only
 * when the bundle's code uses it: the wilayah CSVs (`PKH_WILAYAH_DIR`), the `.sql` files
 * (`PKH_SQL_DIR`), and the parquet-wasm binary (the ESM build, loaded from the bundle's folder).
 */
export function afterBundlingCommands(outputDir: string): string[] {
  const wilayahSrc = join(dirname(requireFromHere.resolve('idn-area-data/package.json')), 'data');
  const wasmSrc = requireFromHere.resolve(`parquet-wasm/esm/${PARQUET_WASM_FILE}`);
  const bundle = q(join(outputDir, 'index.mjs'));
  const wilayahOut = join(outputDir, 'wilayah');
  return [
    `if grep -q PKH_WILAYAH_DIR ${bundle}; then mkdir -p ${q(wilayahOut)} && cp ${WILAYAH_FILES.map((f) => q(join(wilayahSrc, f))).join(' ')} ${q(wilayahOut)}; fi`,
    `if grep -q PKH_SQL_DIR ${bundle}; then cp -R ${q(join(REPO_ROOT, 'sql'))} ${q(join(outputDir, 'sql'))}; fi`,
    `if grep -q ${PARQUET_WASM_FILE} ${bundle}; then cp ${q(wasmSrc)} ${q(join(outputDir, PARQUET_WASM_FILE))}; fi`,
  ];
}

/**
 * Commands copying packages and their dependencies from the repository's node_modules into the
 * bundle's node_modules: for code esbuild cannot bundle (a compressed browser binary and the
 * driver that starts it), loaded at run time from /var/task/node_modules.
 */
export function shippedPackageCommands(outputDir: string, packages: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
  };
  for (const p of packages) visit(p);
  return [...seen].sort().map((name) => {
    const target = join(outputDir, 'node_modules', name);
    return `mkdir -p ${q(dirname(target))} && cp -R ${q(join(REPO_ROOT, 'node_modules', name))} ${q(target)}`;
  });
}

function q(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

export interface PkhFunctionProps {
  /** Handler file relative to the repository root; it exports `handler`. */
  entry: string;
  /** Short name: `ingest`, `report`, `planner`, `compact`. */
  service: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  reservedConcurrency: number;
  ephemeralStorageMiB?: number;
  environment?: Record<string, string>;
  /** Default arm64. */
  architecture?: lambda.Architecture;
  /** npm packages loaded from node_modules at run time instead of being bundled (with their dependencies). */
  shippedPackages?: readonly string[];
}

export class PkhFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PkhFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.SIX_MONTHS });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Pantau PKH ${props.service} function`,
    });
    // Only this function's log group, instead of the AWSLambdaBasicExecutionRole managed policy.
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      ephemeralStorageSize: props.ephemeralStorageMiB ? Size.mebibytes(props.ephemeralStorageMiB) : undefined,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        POWERTOOLS_SERVICE_NAME: `pantau-pkh-${props.service}`,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        PKH_WILAYAH_DIR: WILAYAH_DIR_IN_LAMBDA,
        PKH_SQL_DIR: SQL_DIR_IN_LAMBDA,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        banner: ESM_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK versions the tests ran against, not whatever the runtime ships.
        bundleAwsSDK: true,
        // DuckDB is the local engine only; on AWS the SQL runs on Athena.
        externalModules: ['@duckdb/*', ...(props.shippedPackages ?? [])],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            ...afterBundlingCommands(outputDir),
            ...shippedPackageCommands(outputDir, props.shippedPackages ?? []),
          ],
        },
      },
    });
  }
}
