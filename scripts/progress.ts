/**
 * Progress for long work: a redrawn bar on a terminal, a line every tenth otherwise (CI logs),
 * and a summary line at the end.
 */
export function progress(label: string, total: number) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  let lastTenth = -1;
  const draw = () => {
    const share = total ? done / total : 1;
    if (tty) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(`\r${label.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${label}: ${done}/${total} (${Math.round(share * 100)}%)\n`);
    }
  };
  draw();
  return {
    advance(n = 1) {
      done += n;
      draw();
    },
    finish(): number {
      if (tty) process.stderr.write('\n');
      return (performance.now() - started) / 1000;
    },
  };
}
