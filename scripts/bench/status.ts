/** One progress line: rewritten in place on a terminal, a plain line every few seconds in a log. */
class Status {
  #last = "";
  #lastPrinted = 0;
  readonly #tty = Boolean(process.stdout.isTTY);

  update(line: string) {
    this.#last = line;
    if (this.#tty) process.stdout.write(`\r\x1b[K${line}`);
    else if (Date.now() - this.#lastPrinted > 5000) {
      console.log(line);
      this.#lastPrinted = Date.now();
    }
  }

  /** A line that stays: the step finished, or something worth reading. */
  log(line: string) {
    if (this.#tty && this.#last) process.stdout.write("\r\x1b[K");
    console.log(line);
    this.#last = "";
    this.#lastPrinted = 0;
  }
}

export const status = new Status();
