// Limits a user can meet, in one place: `render --help` prints them and render.ts enforces them.

/** The most forms in one document, refused before any work. A .docx is built whole in memory, about 1.7 MB per
 * form (measured: 400 forms peaked at 0.77 GB, 1,000 at 1.8 GB, and 3,000 ran out of memory); 500 stay under
 * 1 GB. An HTML page costs about 0.1 MB per form (3,000: 370 MB), and past 5,000 tables it is no longer a page
 * anyone opens. An .xlsx costs about 0.2 MB per form (500 sheets: 216 MB, 19 s on two shared cores); past 500
 * sheets a workbook is no longer one anyone browses. */
export const MAX_RENDER_FORMS: Readonly<Record<'docx' | 'xlsx' | 'html', number>> = { docx: 500, xlsx: 500, html: 5000 };
