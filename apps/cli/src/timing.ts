/**
 * `FLYNN_TIMING=1`: phase timings on stderr at exit, measured from process start
 * (`performance.now()` counts from the time origin of the process).
 */
const enabled = Boolean(process.env.FLYNN_TIMING);
// Shared by the entry (dist/flynn.cjs) and the command bundle (dist/main.cjs), which each
// have their own copy of this module.
const MARKS = Symbol.for('flynn.timing.marks');
const shared = globalThis as { [MARKS]?: Array<[string, number]> };
shared[MARKS] ??= [];
const marks = shared[MARKS];

/** Records that `phase` ended now. Costs nothing when FLYNN_TIMING is unset. */
export function markPhase(phase: string): void {
  if (!enabled) return;
  if (marks.length === 0) process.once('exit', printTimings);
  marks.push([phase, performance.now()]);
}

function printTimings(): void {
  markPhase('exit');
  let previous = 0;
  const lines = marks.map(([phase, at]) => {
    const line = `flynn timing: ${phase.padEnd(22)} +${(at - previous).toFixed(1).padStart(6)} ms  (at ${at.toFixed(1)} ms)`;
    previous = at;
    return line;
  });
  process.stderr.write(`${lines.join('\n')}\n`);
}
