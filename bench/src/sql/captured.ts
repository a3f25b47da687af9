/** One statement the API sent while the capture was on. */
export interface CapturedStatement {
  /** Which of the process's connections sent it (1, 2, … in order of first use). */
  connection: number;
  text: string;
  /** Parameters as they went on the wire: text, bytes, or NULL. */
  values: Array<string | { base64: string } | null>;
  /** Milliseconds since the capture was switched on. */
  startMs: number;
  /** When its answer came; null if it had not come when the capture was switched off. */
  endMs: number | null;
}
