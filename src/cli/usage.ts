export const MAIN_USAGE = `gkreport — 政府信息公开工作年度报告 → checked data

Usage:
  gkreport extract <file|dir|URL>... [--out DIR] [options]  reports/*.json, reports.csv, values.csv, findings.csv
  gkreport inspect <file.pdf> --page N [--out DIR]           picture of the detected rules, cells and fields
  gkreport compliance --db FILE|URL [--out DIR]              compliance.csv, agencies.csv, regions.csv
  gkreport export --db FILE|URL [--out DIR]                  reports.csv, values.csv, findings.csv from the store
  gkreport enqueue <file-or-dir|URL>... --db postgres://…    one queue job per input (docs/scale.md)
  gkreport worker --db postgres://… [--jobs N]               extract queued jobs into the store, on any machine
  gkreport status --db postgres://…                          queued / active / done / failed, oldest waiting
  gkreport serve --db FILE|URL [--port 8080] [--host H]      the review app (overview, report pages, corrections)

Run "gkreport <command> --help" for a command's options; "gkreport --version" (-V) for the version.
Field ids and rule ids: docs/fields.md; files, columns and exit status: docs/output.md
(in the package, and in the repository).
`;

export const EXTRACT_USAGE = `Usage: gkreport extract <file|dir|URL>... [--manifest FILE.csv] [--out DIR] [options]

Reads PDF, DOCX, DOC/WPS (with LibreOffice), HTML (UTF-8 or GBK), text copies
and scans (PNG, JPEG, TIFF; scanned PDF pages by OCR) of annual reports; the
format is decided by the bytes. Directories are recursed. http(s) URLs are
fetched; a rerun into the same --out asks the server only for what changed
(If-None-Match / If-Modified-Since) and keeps the rest.

Options:
  --out DIR             where to write (default: output/)
  --jobs N              parallel workers (default: number of cores; at most 2 per core)
  --timeout SEC         per-file time limit, 0.001 to 86400 (default: 120)
  --ocr MODE            auto (default): read scanned pages, image files and table
                        pictures by OCR where there is no text or table to read;
                        off: never (scans stay failed); force: every page and picture
  --max-memory MB       memory ceiling per worker, 64 to the machine's (default: 2048)
  --workers KIND        process (default) or thread
  --force               redo inputs whose results are already in --out
  --db FILE|URL         also keep reports in a store: an SQLite file or a postgres:// URL
  --manifest FILE.csv   inputs listed in a CSV: a column url or path, optional
                        agency, year, region hints (used where the report's text
                        does not state them); may be given more than once
  --fetch-timeout SEC   time limit per HTTP request, body included (default: 60)
  --fetch-max-mb MB     largest download (default: 100, at most 200)
  --max-redirects N     redirects followed per URL (default: 5)
  --per-host N          requests at once to one host (default: 2)
  --host-pause MS       pause before a host's freed slot is used again (default: 500)
  --quiet               no progress on stderr, only the closing summary and errors
  --log-format FORMAT   text (default) or json: one JSON event per file on stderr
  -h, --help            this text

The CSVs cover every report in DIR/reports/, this run's and earlier runs'.

Exit status: 0 every input produced a report; 1 at least one input failed, or an
input folder holds no report files; 2 bad usage (also an --out that cannot be written).
`;
