#!/usr/bin/env node
// Runs the TypeScript sources in this process (tsx's loader, no second process), so that signals
// reach Loket itself.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
