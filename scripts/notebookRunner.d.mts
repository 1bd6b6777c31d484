// Types for scripts/notebookRunner.mjs (used from test/*.test.ts).
export declare const ROOT: string;
export declare const NOTEBOOK_DIR: string;
export declare const JUPYTER_DATA_DIR: string;
export declare const DEFAULT_CELL_TIMEOUT_S: number;

export interface RunOptions {
  outDir?: string;
  /** null: no HTML export. */
  htmlDir?: string | null;
  figureDir?: string;
  cellTimeoutS?: number;
  timeoutMs?: number;
  sign?: boolean;
  env?: Record<string, string>;
  /** Socket of a shared renderer (startRenderService) for the kernel's figures. */
  renderSocket?: string;
}

export interface NotebookFailure {
  /** Index of the failing cell in nb.cells, when found. */
  cell: number | null;
  /** 1-based number among code cells. */
  codeCell: number | null;
  source: string | null;
  message: string;
}

export interface NotebookResult {
  name: string;
  notebook: string;
  ok: boolean;
  seconds: number;
  executed: string | null;
  html: string | null;
  figures: string[];
  cells: { index: number; seconds: number }[];
  error: NotebookFailure | null;
  signed?: boolean;
  /**
   * Seconds spent in each phase (null when not measured): start = nbconvert and kernel start up
   * to the first cell, cells = first cell busy to last cell idle, stop = kernel shutdown and
   * nbconvert exit, html = HTML export, sign = nbformat.sign.
   */
  phases: { start: number | null; cells: number | null; stop: number | null; html: number | null; sign: number | null };
}

export interface RenderService {
  socketPath: string;
  close(): Promise<void>;
}

export declare function jupyterCommand(): string;
export declare function jupyterAvailable(): boolean;
export declare function jupyterPython(): string;
export declare function notebookEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function listNotebooks(only?: string[]): string[];
export declare function run(
  cmd: string,
  args: string[],
  opts?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }>;
export declare function cellTimings(nb: unknown): { index: number; seconds: number }[];
export declare function runNotebook(nbPath: string, opts?: RunOptions): Promise<NotebookResult>;
export declare function formatFailure(res: NotebookResult): string;
export declare function startRenderService(): Promise<RenderService | null>;
export declare function defaultConcurrency(): number;
export declare function limitConcurrency(n: number): <T>(fn: () => T | Promise<T>) => Promise<T>;
export declare function runNotebooks(
  nbPaths: string[],
  opts?: RunOptions,
  run?: { concurrency?: number; onResult?: (result: NotebookResult, index: number) => void; sharedRenderer?: boolean },
): Promise<NotebookResult[]>;
export declare const HTML_DISPLAY_PRIORITY: string[];
export declare function nbconvertHtmlArgs(executed: string, htmlDir: string): string[];
