/**
 * CDK app: `npx cdk synth` / `npx cdk deploy [-c alarmEmail=ops@example.go.id]`.
 * The AwsSolutions cdk-nag pack runs as a validation plugin, so synth fails on any finding that
 * is not acknowledged with a reason.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from './constructs/nag.js';
import { PantauPkhStack } from './pantau-pkh-stack.js';

const app = new App();
const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;

new PantauPkhStack(app, 'PantauPkh', { alarmEmail: alarmEmail || undefined });
addNagChecks(app);
app.synth();
