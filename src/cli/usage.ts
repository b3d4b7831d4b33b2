export const MAIN_USAGE = `gkreport — 政府信息公开工作年度报告 → checked data

Usage:
  gkreport extract <file-or-dir>... [--out DIR] [options]   reports/*.json, reports.csv, values.csv, findings.csv
  gkreport inspect <file.pdf> --page N [--out DIR]           picture of the detected rules, cells and fields
  gkreport compliance --db FILE [--out DIR]                  compliance.csv, agencies.csv
  gkreport export --db FILE [--out DIR]                      reports.csv, values.csv, findings.csv from the store

Run "gkreport <command> --help" for a command's options; "gkreport --version" (-V) for the version.
Field ids and rule ids: docs/fields.md; files, columns and exit status: docs/output.md
(in the package, and in the repository).
`;

export const EXTRACT_USAGE = `Usage: gkreport extract <file-or-dir>... [--out DIR] [options]

Reads PDF, DOCX, DOC/WPS (with LibreOffice), HTML (UTF-8 or GBK) and text copies
of annual reports; the format is decided by the bytes. Directories are recursed.

Options:
  --out DIR             where to write (default: output/)
  --jobs N              parallel workers (default: number of cores; at most 2 per core)
  --timeout SEC         per-file time limit, 0.001 to 86400 (default: 120)
  --max-memory MB       memory ceiling per worker, 64 to the machine's (default: 2048)
  --workers KIND        process (default) or thread
  --force               redo inputs whose results are already in --out
  --db FILE             also keep reports in an SQLite store
  --quiet               no progress on stderr, only the closing summary and errors
  --log-format FORMAT   text (default) or json: one JSON event per file on stderr
  -h, --help            this text

The CSVs cover every report in DIR/reports/, this run's and earlier runs'.

Exit status: 0 every input produced a report; 1 at least one input failed, or an
input folder holds no report files; 2 bad usage (also an --out that cannot be written).
`;
