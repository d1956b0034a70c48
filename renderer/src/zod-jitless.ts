/**
 * Imported first by main.tsx, so it runs before any module that uses zod. The shared QA rules (common/qa) bring
 * zod's schemas into the page; zod compiles object parsers with `new Function` unless told not to, and merely probing
 * for that is a script-src violation under the strict CSP. The page parses little, so the interpreted path costs
 * nothing noticeable.
 */
import { config } from 'zod';

config({ jitless: true });
