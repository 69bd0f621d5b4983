/**
 * Splits a byte stream into lines. It cuts on the newline BYTE and decodes only whole lines: a newline
 * byte never occurs inside a multi-byte UTF-8 character, so a chunk boundary inside a character (or
 * inside a line) can never produce half a character or half an event.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private decoder = new TextDecoder('utf-8', { fatal: true });

  /** Feeds a chunk; returns the lines it completed (without their newline, blank lines skipped). */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      const head = buf.subarray(0, nl);
      const whole = this.pending.length > 0 ? Buffer.concat([...this.pending, head]) : head;
      this.pending = [];
      const line = this.decoder.decode(whole).replace(/\r$/, '');
      if (line.trim() !== '') lines.push(line);
      buf = buf.subarray(nl + 1);
    }
    // Copy: the caller may reuse the chunk's memory.
    if (buf.length > 0) this.pending.push(Buffer.from(buf));
    return lines;
  }

  /** Bytes received after the last newline: anything but whitespace means the stream was cut mid-line. */
  remainder(): string {
    return Buffer.concat(this.pending).toString('utf8');
  }
}
