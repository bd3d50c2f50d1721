/**
 * CDK app: `npx cdk synth` / `npx cdk deploy [-c alarmEmail=ops@example.go.id]`.
 * The AwsSolutions cdk-nag pack runs as a validation plugin, so synth fails on any finding that
 * is not acknowledged with a reason.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from './constructs/nag.js';
import { PantauPkhStack } from './pantau-pkh-stack.js';

const app = new App();
const alarmEmail = (app.node.tryGetContext('alarmEmail') as string | undefined) || undefined;

try {
  new PantauPkhStack(app, 'PantauPkh', { alarmEmail });
} catch (err) {
  // A wrong context value is a usage error: one line, no stack trace.
  console.error((err as Error).message);
  process.exit(2);
}
addNagChecks(app);
app.synth();
