/**
 * Group commit for check-ins (issue 15): concurrent calls of one statement go to the database together, as ONE
 * multi-row statement (one round trip, one transaction, one commit), while every caller still gets its own answer.
 *
 * - Nothing waits on a timer: a call goes out at once while fewer than `maxInFlight` batches are in flight (a lone
 *   check-in on an idle server is sent immediately, alone); otherwise it queues, and when a batch comes back the
 *   queue (at most `maxBatch` calls) leaves as the next batch. The wait is therefore at most one statement's time.
 * - `runMany` answers one result per input, in order. If the batch statement fails as a whole (anything but a lock
 *   race, which `runMany` retries itself), nothing of it was committed (one statement), so every call of the batch
 *   is sent again alone with `runOne`: each caller gets exactly the answer or the error it would have had alone, and
 *   one failing call never fails the others.
 */
export class StatementBatcher<I, R> {
  private readonly queue: { input: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly runOne: (input: I) => Promise<R>,
    private readonly runMany: (inputs: I[]) => Promise<R[]>,
    private readonly maxBatch: number,
    private readonly maxInFlight: number,
  ) {}

  submit(input: I): Promise<R> {
    if (this.maxBatch <= 1) return this.runOne(input);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.inFlight < this.maxInFlight) this.flush();
    });
  }

  private flush() {
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.inFlight++;
    void this.send(batch).finally(() => {
      this.inFlight--;
      this.flush();
    });
  }

  private async send(batch: { input: I; resolve: (r: R) => void; reject: (e: unknown) => void }[]) {
    if (batch.length > 1) {
      let results: R[] | undefined;
      try {
        results = await this.runMany(batch.map((b) => b.input));
      } catch {
        results = undefined; // each call again, alone (below)
      }
      if (results && results.length === batch.length) {
        batch.forEach((b, i) => b.resolve(results[i]));
        return;
      }
    }
    await Promise.all(batch.map((b) => this.runOne(b.input).then(b.resolve, b.reject)));
  }
}
