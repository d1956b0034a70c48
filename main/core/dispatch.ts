/**
 * Runs one contract call against the core, the way every transport must: arguments parsed by the contract schema,
 * the result checked against its schema, and every failure turned into a safe `{code, message}` envelope.
 *
 * The Electron IPC helper and the browser harnesses both call this after their own sender check, so validation
 * lives in exactly one place and cannot differ between the app and its tests.
 */
import { listCalls, listEvents, type CoreApi, type Envelope } from '../../common/contract';
import type { CoreEvent } from './event-bus';
import { toSafeError } from './errors';
import { plainCheck, type PlainCheck } from './plain-check';

type Call = ReturnType<typeof listCalls>[number];
const callsByChannel: ReadonlyMap<string, Call> = new Map(listCalls().map((call) => [call.spec.channel, call]));
const eventsByName = new Map(listEvents().map((event) => [`${event.domain}.${event.name}`, event]));

/** Each channel's plain check of its result (plain-check.ts), built on the channel's first reply; null: zod only. */
const resultChecks = new Map<string, PlainCheck | null>();

/**
 * The reply for `value`, as the contract lets it out: the value itself when it already has exactly the result
 * schema's shape (the plain check), else what the schema's parse answers (it throws on a wrong shape). The two agree:
 * the plain check passes only values zod would answer unchanged, so the cheap path never lets through what zod
 * would refuse or strip.
 */
function checkedResult(call: Call, value: unknown): unknown {
  let check = resultChecks.get(call.spec.channel);
  if (check === undefined) {
    check = plainCheck(call.spec.result);
    resultChecks.set(call.spec.channel, check);
  }
  return check?.(value) === true ? value : call.spec.result.parse(value);
}

/** Looks up the call behind a channel name, or undefined for a channel the contract does not know. */
export function findCall(channel: string): Call | undefined {
  return callsByChannel.get(channel);
}

/** Validates `rawArguments` for `channel`, runs the core method and returns the reply envelope. Never throws. */
export async function dispatchCall(api: CoreApi, channel: string, rawArguments: unknown): Promise<Envelope<unknown>> {
  const call = callsByChannel.get(channel);
  if (call === undefined) return { ok: false, error: { code: 'ipc.unknown_call', message: `Locdesk has no call named "${channel}".` } };
  const parsed = call.spec.args.safeParse(rawArguments);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    const message = `${call.domain}.${call.method} received an invalid argument${where}: ${issue?.message ?? 'not accepted'}.`;
    return { ok: false, error: { code: 'ipc.invalid_argument', message } };
  }
  try {
    const domain = (api as unknown as Record<string, Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>>)[call.domain];
    const method = domain?.[call.method];
    if (method === undefined) throw new Error(`The core does not implement ${call.domain}.${call.method}.`);
    const value = await method.apply(domain, parsed.data as unknown[]);
    return { ok: true, value: checkedResult(call, value) };
  } catch (error) {
    return { ok: false, error: toSafeError(error) };
  }
}

/** The channel and validated payload for a core event, ready to send to a renderer. */
export function eventMessage(event: CoreEvent): { channel: string; payload: unknown } {
  const spec = eventsByName.get(`${event.domain}.${event.name}`);
  if (spec === undefined) throw new Error(`The contract has no event ${event.domain}.${event.name}.`);
  return { channel: spec.channel, payload: spec.payload.parse(event.payload) };
}
