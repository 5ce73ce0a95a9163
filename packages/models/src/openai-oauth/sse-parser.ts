/** One Server-Sent Event: its `event:` name (when sent) and its `data:` lines joined by '\n'. */
export interface SseMessage {
  event: string | undefined;
  data: string;
}

const LF = 10;

/**
 * An incremental SSE parser (HTML spec framing: lines end in LF, CR or CRLF, a blank line
 * ends an event, one space after the colon is dropped, `:` lines are comments). Feed it
 * decoded text as it arrives; each call returns the events completed by that text. Work is
 * linear in the input: a line split across chunks is kept as parts and joined once.
 */
export class SseParser {
  private partial: string[] = [];
  private event: string | undefined;
  private data: string | undefined;
  private extraData: string[] | undefined;
  private skipLeadingLF = false;

  /** Parses `text`; returns the events it completed (often none or one). */
  feed(text: string): SseMessage[] {
    const out: SseMessage[] = [];
    const length = text.length;
    let start = 0;
    if (this.skipLeadingLF && length > 0) {
      this.skipLeadingLF = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    let nextCR = text.indexOf('\r', start);
    while (start < length) {
      const nextLF = text.indexOf('\n', start);
      if (nextCR !== -1 && nextCR < start) nextCR = text.indexOf('\r', start);
      let end: number;
      let after: number;
      if (nextCR !== -1 && (nextLF === -1 || nextCR < nextLF)) {
        end = nextCR;
        if (end + 1 === length) {
          this.skipLeadingLF = true;
          after = length;
        } else {
          after = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        }
      } else if (nextLF !== -1) {
        end = nextLF;
        after = nextLF + 1;
      } else {
        this.partial.push(start === 0 ? text : text.slice(start));
        break;
      }
      let line = text.slice(start, end);
      if (this.partial.length > 0) {
        this.partial.push(line);
        line = this.partial.join('');
        this.partial.length = 0;
      }
      this.line(line, out);
      start = after;
    }
    return out;
  }

  /**
   * Ends the input. Per the spec an event not yet closed by a blank line is dropped, so a
   * connection cut mid-event never yields half an event.
   */
  end(): SseMessage[] {
    this.partial.length = 0;
    this.event = undefined;
    this.data = undefined;
    this.extraData = undefined;
    return [];
  }

  private line(line: string, out: SseMessage[]): void {
    if (line.length === 0) {
      if (this.data !== undefined) {
        const data = this.extraData ? [this.data, ...this.extraData].join('\n') : this.data;
        out.push({ event: this.event, data });
      }
      this.event = undefined;
      this.data = undefined;
      this.extraData = undefined;
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return;
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = '';
    if (colon !== -1) {
      const valueStart = line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
      value = line.slice(valueStart);
    }
    if (field === 'data') {
      if (this.data === undefined) this.data = value;
      else if (this.extraData === undefined) this.extraData = [value];
      else this.extraData.push(value);
    } else if (field === 'event') {
      this.event = value;
    }
  }
}
