export const MAIN_USAGE = `gkreport — 政府信息公开工作年度报告 → checked data

Usage:
  gkreport extract <file-or-dir>... [--out DIR] [options]   reports/*.json, reports.csv, values.csv, findings.csv
  gkreport inspect <file.pdf> --page N [--out DIR]           picture of the detected rules, cells and fields
  gkreport compliance --db FILE|URL [--out DIR]              compliance.csv, agencies.csv
  gkreport export --db FILE|URL [--out DIR]                  reports.csv, values.csv, findings.csv from the store
  gkreport enqueue <file-or-dir|URL>... --db postgres://…    one queue job per input (docs/scale.md)
  gkreport worker --db postgres://… [--jobs N]               extract queued jobs into the store, on any machine
  gkreport status --db postgres://…                          queued / active / done / failed, oldest waiting
  gkreport serve --db FILE|URL [--port 8080] [--host H]      the review app (overview, report pages, corrections)

Run "gkreport <command> --help" for a command's options.
Field ids and rule ids: see the README ("Fields and rules").
`;

export const EXTRACT_USAGE = `Usage: gkreport extract <file-or-dir>... [--out DIR] [options]

Reads PDF, DOCX, DOC/WPS (with LibreOffice), HTML (UTF-8 or GBK) and text copies
of annual reports; the format is decided by the bytes. Directories are recursed.

Options:
  --out DIR             where to write (default: output/)
  --jobs N              parallel workers (default: number of cores)
  --timeout SEC         per-file time limit (default: 120)
  --max-memory MB       memory ceiling per worker (default: 2048)
  --workers KIND        process (default) or thread
  --force               redo inputs whose results are already in --out
  --db FILE|URL         also keep reports in a store: an SQLite file or a postgres:// URL
  --quiet               no progress on stderr, only the closing summary and errors
  --log-format FORMAT   text (default) or json: one JSON event per file on stderr
  -h, --help            this text

Exit status: 0 every input produced a report; 1 at least one input failed; 2 bad usage.
`;
