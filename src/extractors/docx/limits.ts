// Size limits of the DOCX reader shared by its passes.

/**
 * Largest part read as text (XML, chunks). mammoth holds a document's whole
 * element tree: measured 1.3 GB and 25 s for an 8 MiB document.xml of
 * 200,000 paragraphs. Reports take 20 to 2,000 KB; the ZIP limits are wider
 * because media entries are never inflated.
 */
export const MAX_TEXT_PART_BYTES = 8 * 1024 * 1024;
