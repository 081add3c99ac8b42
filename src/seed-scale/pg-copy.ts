import type pg from 'pg';

// `COPY … FROM STDIN` through node-postgres without pg-copy-streams: the client accepts any object
// with `submit(connection)` as a query, and its connection can send CopyData and CopyDone messages.
// Only what the scale seed needs: text format, rows produced by an async generator of chunks.

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyIn {
  rowCount = 0;
  callback: ((error: Error | null, result?: { rowCount: number }) => void) | undefined;
  private failed: Error | undefined;

  constructor(
    readonly text: string,
    private readonly chunks: AsyncIterable<string>,
  ) {}

  submit(connection: Connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection) {
    void this.pump(connection);
  }

  private async pump(connection: Connection) {
    try {
      for await (const chunk of this.chunks) {
        if (chunk.length === 0) continue;
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        // Back-pressure: PostgreSQL ingests slower than the generator writes.
        if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once('drain', resolve));
      }
      connection.endCopyFrom();
    } catch (error) {
      this.failed = error instanceof Error ? error : new Error(String(error));
      connection.sendCopyFail(this.failed.message);
    }
  }

  handleCommandComplete(message: { text?: string }) {
    this.rowCount = Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
  }

  handleReadyForQuery() {
    if (this.failed) this.callback?.(this.failed);
    else this.callback?.(null, { rowCount: this.rowCount });
  }

  handleError(error: Error) {
    this.failed ??= error;
  }

  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Streams text-format rows into `COPY <table> (<columns>) FROM STDIN`; resolves with the row count. */
export function copyFrom(client: pg.ClientBase, table: string, columns: readonly string[], chunks: AsyncIterable<string>): Promise<number> {
  const copy = new CopyIn(`copy ${table} (${columns.join(', ')}) from stdin`, chunks);
  return new Promise((resolve, reject) => {
    copy.callback = (error, result) => (error ? reject(error) : resolve(result?.rowCount ?? 0));
    // node-postgres types do not know custom submittables; it accepts them at run time.
    (client as unknown as { query(q: CopyIn): void }).query(copy);
  });
}

/** One value in COPY's text format: \N for null, and the characters COPY treats specially escaped. */
export function copyValue(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}
