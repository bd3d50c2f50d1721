#!/usr/bin/env node
// The CLI is written in TypeScript; tsx compiles it on the fly so `npx pkh` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../cli/pkh.ts');
