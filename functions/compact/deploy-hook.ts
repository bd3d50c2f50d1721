/**
 * The compaction Lambda also answers a CloudFormation custom resource (infra/constructs/
 * compaction.ts, `AfterDeploy`), created again whenever the lake layout (lake-layout.ts
 * `PARTITION_KEYS`) changes: a deploy that changes the layout starts the migration at once
 * instead of at the next 02:00 run, so Athena never reads a table half moved until then.
 * CloudFormation waits for the answer on the event's pre-signed URL, so the handler answers
 * first and runs afterwards (a migration may take minutes; a deploy must not wait for it).
 */

export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties?: Record<string, unknown>;
}

/** A CloudFormation custom resource request (rather than the schedule's event). */
export function isCustomResourceEvent(event: unknown): event is CustomResourceEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return (
    ['Create', 'Update', 'Delete'].includes(String(e.RequestType)) &&
    typeof e.ResponseURL === 'string' &&
    typeof e.StackId === 'string' &&
    typeof e.RequestId === 'string' &&
    typeof e.LogicalResourceId === 'string'
  );
}

/** The answer CloudFormation expects for `event` (its physical id kept across updates). */
export function customResourceAnswer(event: CustomResourceEvent, status: 'SUCCESS' | 'FAILED', reason?: string): Record<string, unknown> {
  return {
    Status: status,
    Reason: reason ?? (status === 'SUCCESS' ? 'Lake compaction started' : 'Lake compaction could not start'),
    PhysicalResourceId: event.PhysicalResourceId ?? `${event.LogicalResourceId}-lake-compaction`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: false,
    Data: {},
  };
}

/** PUTs the answer to the event's pre-signed URL (no content type: the URL is signed without one). */
export async function answerCustomResource(event: CustomResourceEvent, status: 'SUCCESS' | 'FAILED', reason?: string): Promise<void> {
  const body = JSON.stringify(customResourceAnswer(event, status, reason));
  const response = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!response.ok) throw new Error(`CloudFormation answer refused: HTTP ${response.status}`);
}
