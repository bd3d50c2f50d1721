/**
 * The compaction Lambda as CloudFormation's custom resource after a deploy (deploy-hook.ts): it
 * answers on the pre-signed URL first (a local HTTP server here), then compacts; on Delete it
 * only answers. The schedule's event still just compacts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.LAKE_BUCKET = 'pkh-lake';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.POWERTOOLS_SERVICE_NAME = 'pantau-pkh-compact';
});

import type { handler as Handler } from '../../functions/compact/handler.js';
import { captureOutput, lambdaContext } from './events.js';
import { fakeS3, type FakeS3 } from './fake-s3.js';

interface Answer {
  method: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

let handler: typeof Handler;
let server: Server;
let url: string;
const answers: Answer[] = [];
let refuse = false;

beforeAll(async () => {
  vi.resetModules();
  ({ handler } = await import('../../functions/compact/handler.js'));
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      answers.push({ method: req.method ?? '', contentType: req.headers['content-type'], body: JSON.parse(text) });
      res.statusCode = refuse ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/presigned`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

function request(type: 'Create' | 'Update' | 'Delete') {
  return {
    RequestType: type,
    ResponseURL: url,
    StackId: 'arn:aws:cloudformation:ap-southeast-3:123456789012:stack/PantauPkh/1',
    RequestId: `req-${type}`,
    LogicalResourceId: 'CompactionAfterDeploy',
    ResourceType: 'Custom::PantauLakeLayout',
    ResourceProperties: { ServiceToken: 'arn:fn', PartitionKeys: '{}' },
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'CompactionAfterDeploy-lake-compaction' }),
  };
}

describe('compaction Lambda after a deploy (CloudFormation custom resource)', () => {
  let s3: FakeS3;
  beforeEach(() => {
    s3 = fakeS3();
    answers.length = 0;
    refuse = false;
  });
  afterEach(() => s3.restore());

  it('Create: menjawab SUCCESS dulu, lalu memadatkan / answers SUCCESS first, then compacts', async () => {
    const { result, lines } = await captureOutput(() => handler(request('Create'), lambdaContext()));
    expect(answers).toHaveLength(1);
    expect(answers[0].method).toBe('PUT');
    expect(answers[0].contentType).toBe('');
    expect(answers[0].body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'CompactionAfterDeploy-lake-compaction',
      StackId: request('Create').StackId,
      RequestId: 'req-Create',
      LogicalResourceId: 'CompactionAfterDeploy',
    });
    expect(result).toEqual({ partitions: 0, objectsMerged: 0, stoppedEarly: false });
    const messages = lines.map((l) => JSON.parse(l).message);
    expect(messages.indexOf('deploy hook')).toBeLessThan(messages.indexOf('compaction finished'));
  });

  it('Update: id fisik tetap / the physical id is kept', async () => {
    await captureOutput(() => handler(request('Update'), lambdaContext()));
    expect(answers[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'CompactionAfterDeploy-lake-compaction', RequestId: 'req-Update' });
  });

  it('Delete: hanya menjawab, tanpa pemadatan / only answers', async () => {
    const { lines } = await captureOutput(() => handler(request('Delete'), lambdaContext()));
    expect(answers.map((a) => a.body.Status)).toEqual(['SUCCESS']);
    expect(lines.some((l) => JSON.parse(l).message === 'compaction finished')).toBe(false);
  });

  it('jawaban ditolak: dicatat, pemadatan tetap berjalan / a refused answer is logged and compaction still runs', async () => {
    refuse = true;
    const { lines } = await captureOutput(() => handler(request('Create'), lambdaContext()));
    const messages = lines.map((l) => JSON.parse(l).message);
    expect(messages).toContain('answer to CloudFormation failed');
    expect(messages).toContain('compaction finished');
  });

  it('jadwal harian: tanpa jawaban ke CloudFormation / the daily schedule answers nobody', async () => {
    const { lines } = await captureOutput(() => handler({ source: 'schedule' }, lambdaContext()));
    expect(answers).toHaveLength(0);
    expect(lines.some((l) => JSON.parse(l).message === 'compaction finished')).toBe(true);
  });
});
