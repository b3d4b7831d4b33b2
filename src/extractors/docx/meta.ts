// Document properties: docProps/core.xml (Dublin Core: title, subject,
// creator, dates) and docProps/app.xml (Company, often the reporting body).
// These parts are a few hundred bytes of flat XML with no nesting among the
// elements read, so a pattern per element is enough; values stay verbatim
// apart from XML entity decoding.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? _;
  });
}

/** Text of the first `<prefix:local>` element (any prefix), or undefined when absent or blank. */
function element(xml: string, local: string): string | undefined {
  const m = new RegExp(`<(?:[A-Za-z]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z]+:)?${local}>`).exec(xml);
  const v = m?.[1] !== undefined ? decodeXml(m[1]).trim() : '';
  return v === '' ? undefined : v;
}

const CORE: Record<string, string> = {
  title: 'title',
  subject: 'subject',
  creator: 'creator',
  lastModifiedBy: 'lastModifiedBy',
  created: 'created',
  modified: 'modified',
  keywords: 'keywords',
  description: 'description',
};

/** Metadata from core.xml and app.xml; either may be missing. */
export function readDocMeta(coreXml: string | undefined, appXml: string | undefined): Record<string, string> {
  const meta: Record<string, string> = {};
  if (coreXml) {
    for (const [key, local] of Object.entries(CORE)) {
      const v = element(coreXml, local);
      if (v !== undefined) meta[key] = v;
    }
  }
  if (appXml) {
    const company = element(appXml, 'Company');
    if (company !== undefined) meta.company = company;
    const app = element(appXml, 'Application');
    if (app !== undefined) meta.application = app;
  }
  return meta;
}
