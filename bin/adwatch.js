#!/usr/bin/env node
// The `adwatch` command. Sources are TypeScript, loaded through tsx so that no build step stands
// between a fresh clone and a running system.
import { register } from 'tsx/esm/api';

register();
await import('./adwatch.cli.ts');
