/**
 * Bench child: the QA checks' speed, in a fresh process. Arguments: keys (of a 10-language fake project), trials.
 *
 * - Throughput: every translation of the fake's project (realistic texts from test/fake-lokalise/dataset.ts, with a
 *   defect planted in one in ten so the paths that report issues run too) checked on one thread, as the background
 *   scan will; the median trial gives translations per second and the estimate for a million.
 * - Keystroke: a translation of typical length typed one character at a time, every prefix checked as the editor
 *   will (the source stays the same, as it does while typing); p50, p95 and max of single calls.
 *
 * Prints one JSON line with the figures and the issues found per check.
 */
import { checkTranslation, type QaInput } from '../../common/qa';
import { Dataset } from '../fake-lokalise/dataset';

const [keyArgument = '2000', trialArgument = '1'] = process.argv.slice(2);
const keyCount = Number(keyArgument);
const trials = Number(trialArgument);

/** Mistakes translators make, planted in every tenth translation (its index picks which). */
const defects: readonly ((text: string) => string)[] = [
  (text) => text.replace(/%\d?\$?[sd]|\{\w+\}|\[%i:count\]|\[%s:name\]/, ''),
  (text) => text.replace(' ', '  '),
  (text) => `${text} `,
  (text) => text.replace('</b>', ''),
  (text) => `${text}.`,
  (text) => text.replace(/\d/, '7'),
  (text) => `(${text}`,
  (text) => text.replace('https://example.com', 'https://example.org'),
];

function plant(value: string, index: number): string {
  if (index % 10 !== 0 || value === '') return value;
  return defects[Math.floor(index / 10) % defects.length]?.(value) ?? value;
}

function projectInputs(): QaInput[] {
  const dataset = new Dataset({ seed: 1, projects: 1, keysPerProject: keyCount, languages: 10 });
  const project = dataset.projects[0]!;
  const inputs: QaInput[] = [];
  for (let index = 0; index < project.keyCount; index += 1) {
    const key = dataset.key(project, index);
    const [source, ...targets] = key.translations;
    if (source === undefined) continue;
    for (const target of targets) {
      const position = inputs.length;
      const plural = target.plural === null ? null : Object.fromEntries(Object.entries(target.plural).map(([form, text]) => [form, plant(text, position)]));
      inputs.push({
        sourceLanguage: source.language.iso,
        targetLanguage: target.language.iso,
        source: source.plural ?? source.value,
        target: plural ?? plant(target.value, position),
        isPlural: key.isPlural,
        charLimit: key.charLimit,
        targetPluralForms: target.language.pluralForms,
      });
    }
  }
  return inputs;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 1000) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

const inputs = projectInputs();
const issuesByCheck: Record<string, number> = {};
let translationsWithIssues = 0;
for (const input of inputs) {
  const issues = checkTranslation(input);
  if (issues.length > 0) translationsWithIssues += 1;
  for (const issue of issues) issuesByCheck[issue.checkId] = (issuesByCheck[issue.checkId] ?? 0) + 1;
}

// Each pass is timed by the wall clock and by this process's CPU time, and counts by the smaller. Both overstate
// the checks' cost in their own way: the wall clock includes waiting for a core on this shared 2-core machine (other
// builds run beside the bench), CPU time includes V8's helper threads (concurrent GC and compilation) working in
// parallel with the pass. Both raw series are in the output.
const passMs: number[] = [];
const passCpuMs: number[] = [];
for (let trial = 0; trial < trials; trial += 1) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const input of inputs) checkTranslation(input);
  const cpu = process.cpuUsage(cpuBefore);
  passMs.push(performance.now() - started);
  passCpuMs.push((cpu.user + cpu.system) / 1000);
}
const wallMs = median(passMs);
const cpuMs = median(passCpuMs);
const passCostMs = median(passMs.map((wall, index) => Math.min(wall, passCpuMs[index] ?? wall)));
const perSecond = Math.round(inputs.length / (passCostMs / 1000));

/** A translation of typical UI length (about 110 characters) with a placeholder, an ICU argument, a tag and a link. */
const typed: readonly QaInput[] = [
  {
    sourceLanguage: 'en',
    targetLanguage: 'de',
    source: 'Hi %s, your trial ends in <b>{days} days</b>. Upgrade at https://example.com/pricing to keep your 3 projects.',
    target: 'Hallo %s, Ihre Testphase endet in <b>{days} Tagen</b>. Upgraden Sie unter https://example.com/pricing, um Ihre 3 Projekte zu behalten.',
    isPlural: false,
    charLimit: 160,
  },
  {
    sourceLanguage: 'en',
    targetLanguage: 'ja',
    source: 'Delete “%s”? This removes its 12 translations and cannot be undone.',
    target: '「%s」を削除しますか？12件の翻訳が削除され、元に戻すことはできません。',
    isPlural: false,
  },
];
const keystrokeMs: number[] = [];
for (let round = 0; round < 25; round += 1) {
  for (const input of typed) {
    const text = input.target as string;
    for (let length = 1; length <= text.length; length += 1) {
      const started = performance.now();
      checkTranslation({ ...input, target: text.slice(0, length) });
      keystrokeMs.push(performance.now() - started);
    }
  }
}

process.stdout.write(
  `${JSON.stringify({
    translations: inputs.length,
    passMs: passMs.map(Math.round),
    passCpuMs: passCpuMs.map(Math.round),
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs),
    passCostMs: Math.round(passCostMs),
    wallTranslationsPerSecond: Math.round(inputs.length / (wallMs / 1000)),
    translationsPerSecond: perSecond,
    project1mEstimateS: Math.round((1_000_000 / perSecond) * 10) / 10,
    keystrokes: keystrokeMs.length,
    keystrokeP50Ms: percentile(keystrokeMs, 0.5),
    keystrokeP95Ms: percentile(keystrokeMs, 0.95),
    keystrokeMaxMs: percentile(keystrokeMs, 1),
    translationsWithIssues,
    issuesByCheck,
  })}\n`,
);
