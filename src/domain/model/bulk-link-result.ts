/**
 * One row's outcome of `links create --from`. Its columns, in this order, are the contract of every
 * machine-readable form of the results (README "Bulk create"): the results file, piped TSV and --csv.
 */
export const BULK_RESULT_COLUMNS = ['row', 'link_reference', 'store', 'result', 'link_id', 'url', 'status', 'error'] as const;

export interface BulkRowResult {
  row: number;
  link_reference: string;
  store: string;
  /**
   * created: made now; existing: a link with this reference already existed (re-run); failed: the
   * provider refused; not_started: the run was stopped (SIGINT/SIGTERM) before this row; unknown: the
   * row's request was still in flight when the stopped run gave up waiting (a re-run finishes it);
   * send_failed: the link was created but a message of it could not be sent (`error` names the resend).
   */
  result: 'created' | 'send_failed' | 'existing' | 'failed' | 'not_started' | 'unknown';
  link_id: string | null;
  url: string | null;
  status: string | null;
  error: string | null;
}

