/**
 * Regression (fixed: the handler logs error codes and names only): the report Lambda logs a failed report with the error's message,
 * and for an Athena query that failed that message carries Athena's StateChangeReason verbatim.
 * Athena's reasons can quote the data it choked on (HIVE_BAD_DATA "Error parsing field value
 * '…'"), so a cell value reaches CloudWatch; SYSTEM.md: logs carry ids and counts, never row
 * contents. (The ingest handler logs error names and codes only.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.REPORTS_BUCKET = 'pkh-reports';
  process.env.ATHENA_WORKGROUP = 'pkh';
  process.env.GLUE_DATABASE = 'pkh_lake';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.POWERTOOLS_SERVICE_NAME = 'pantau-pkh-report';
});

import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { previousMonth } from '../../functions/generator/index.js';
import { handler } from '../../functions/report/handler.js';
import { captureOutput, lambdaContext, sqsEvent, sqsRecord } from '../handlers/events.js';
import { fakeS3, type FakeS3 } from '../handlers/fake-s3.js';

const CELL = 'Siti Rahasia Binti Penerima';

describe('report Lambda logs', () => {
  let s3: FakeS3;
  const athena = mockClient(AthenaClient);

  beforeEach(() => {
    s3 = fakeS3();
    athena.reset();
  });

  afterEach(() => {
    s3.restore();
    athena.restore();
  });

  it('a failed Athena query quoting a cell value: the value is not logged', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        QueryExecutionId: 'q-1',
        Status: { State: 'FAILED', StateChangeReason: `HIVE_BAD_DATA: Error parsing field value '${CELL}' for field 2: For input string: "${CELL}"` },
      },
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    const body = JSON.stringify({ report: 'scorecard', kabupaten: '64.02', period: previousMonth(Date.now()) });
    // Act
    const { result, lines } = await captureOutput(() => handler(sqsEvent(sqsRecord('m-1', body)), lambdaContext()));
    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(lines.some((l) => l.includes('athena_query_failed'))).toBe(true);
    expect(lines.filter((l) => l.includes(CELL))).toEqual([]);
  });
});
