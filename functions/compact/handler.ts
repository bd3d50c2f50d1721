/**
 * Compaction Lambda, run daily (02:00 WIB) and after a deploy that changes the lake layout
 * (deploy-hook.ts): moves a lake still in the legacy layout to the current one
 * (migrate-layout.ts), then merges the small Parquet objects of every lake
 * partition (see `compact.ts` for why that is safe to re-run and to read during). Stops starting
 * new partitions a minute before its timeout; the next run carries on.
 * Env: LAKE_BUCKET; optional COMPACT_MAX_OBJECTS (input objects per run, default 20,000).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { S3Store } from '../lib/object-store/s3-store.js';
import { compactLake } from './compact.js';
import { answerCustomResource, isCustomResourceEvent } from './deploy-hook.js';
import { migrateLayout } from './migrate-layout.js';

const logger = new Logger();
const STOP_BEFORE_TIMEOUT_MS = 60_000;

export const handler = async (event: unknown, context: Context): Promise<{ partitions: number; objectsMerged: number; stoppedEarly: boolean }> => {
  logger.addContext(context);
  const bucket = process.env.LAKE_BUCKET;
  if (isCustomResourceEvent(event)) {
    // A deploy waits for this answer: given first, and never blocked by the run that follows.
    const status = bucket ? 'SUCCESS' : 'FAILED';
    await answerCustomResource(event, status, bucket ? undefined : 'LAKE_BUCKET is not set').catch((err: unknown) =>
      logger.error('answer to CloudFormation failed', { error: err instanceof Error ? err.message : String(err) }),
    );
    logger.info('deploy hook', { request: event.RequestType, status });
    if (event.RequestType === 'Delete') return { partitions: 0, objectsMerged: 0, stoppedEarly: false };
  }
  if (!bucket) throw new Error('LAKE_BUCKET is not set');
  const maxObjectsPerRun = Number(process.env.COMPACT_MAX_OBJECTS ?? 20_000);
  const store = new S3Store({ bucket });
  const shouldStop = () => context.getRemainingTimeInMillis() < STOP_BEFORE_TIMEOUT_MS;
  // A lake still in the layout before issue 11 is moved first (once; nothing to do afterwards).
  for (const m of await migrateLayout(store, { shouldStop })) {
    logger.info('legacy layout migrated', { dataset: m.dataset, prefix: m.prefix, inputs: m.inputs.length, output: m.output, rows_in: m.rowsIn, rows_out: m.rowsOut });
  }
  if (shouldStop()) {
    logger.info('stopped before the timeout; the next run carries on');
    return { partitions: 0, objectsMerged: 0, stoppedEarly: true };
  }
  const result = await compactLake(store, { maxObjectsPerRun, shouldStop });
  for (const p of result.partitions) {
    logger.info('partition compacted', { prefix: p.prefix, inputs: p.inputs.length, output: p.output, rows_in: p.rowsIn, rows_out: p.rowsOut });
  }
  const summary = { partitions: result.partitions.length, objectsMerged: result.objectsMerged, stoppedEarly: result.stoppedEarly };
  logger.info('compaction finished', summary);
  return summary;
};
