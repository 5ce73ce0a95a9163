#!/usr/bin/env node
// The chat TUI's first prompt (issue 6: within 1.5x of `node -e 0`): time from spawn
// on a real pseudo-terminal until `flynn chat` shows its prompt with tier and model,
// against a `node -e` one-liner that writes a prompt on the same kind of pty. Both
// are timed the same way (until the text appears), interleaved.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { benchHome, FLYNN, interleave, median, ROOT, report } from './lib.mjs';

const pty = createRequire(join(ROOT, 'apps/cli/package.json'))('node-pty');
const runs = Number(process.env.RUNS ?? 20);

/** Milliseconds from spawn until `marker` appears on the pty; the process is then killed. */
function timeToText(args, env, marker) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = pty.spawn(process.execPath, args, {
      name: 'xterm-256color',
      cols: 120,
      rows: 30,
      env: { ...env, TERM: 'xterm-256color' },
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${marker}" after 10 s:\n${output}`));
    }, 10_000);
    child.onData((data) => {
      output += data;
      if (output.includes(marker)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
  });
}

const home = benchHome();
try {
  const prompt = 'default (claude-sonnet-4-5) › ';
  const samples = await interleave(
    {
      node: () =>
        timeToText(['-e', `process.stdout.write(${JSON.stringify(prompt)})`], home.env, prompt),
      chat: () => timeToText([FLYNN, 'chat'], home.env, prompt),
    },
    { runs },
  );
  const node = median(samples.node);
  console.log(
    `TUI first prompt (${runs} interleaved runs on a pty; node one-liner median ${node.toFixed(1)} ms)`,
  );
  report({
    name: 'flynn chat first prompt / node -e',
    value: median(samples.chat) / node,
    unit: 'x',
    budget: 1.5,
    detail: `(median ${median(samples.chat).toFixed(1)} ms, prompt with tier and model)`,
  });
} finally {
  home.cleanup();
}
