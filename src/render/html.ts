// The official tables as one printable HTML page, from a Handlebars template (templates/table.hbs or the user's).
import Handlebars from 'handlebars';
import { gridPercent, type PaperView, paperView, type TableView } from './view.js';
import { printable } from '../report/printable.js';
import { documentTexts } from '../xml.js';

/** What a template receives: `forms` in the order given, each a TableView of ready-made strings. */
export interface HtmlData {
  /** The page title: the table title, with the project when there is one form. */
  title: string;
  /** Each form laid out on A4 (view.ts PaperView): its columns sized from the content and its printed pages. */
  forms: readonly PaperView[];
  /** Widths of the central layout's own ten grid columns as CSS percentages (each form's sized grid is in its
   * `columns.gridPercent`, the same as its .docx). */
  columns: string[];
  generator: string;
}

/** The data of a page; every text already without the characters no document may hold (src/xml.ts), for the
 * default template and the user's alike. */
export function htmlData(forms: readonly TableView[]): HtmlData {
  const views = documentTexts(forms).map(paperView);
  const first = views[0];
  const title = views.length === 1 && first ? `${first.title}：${first.project}` : (first?.title ?? '项目支出绩效自评表');
  return { title, forms: views, columns: gridPercent(), generator: 'evalform' };
}

/** Renders `template` (Handlebars source) with the forms. `{{ }}` escapes all user text; no prototype access. */
export function renderHtml(views: readonly TableView[], template: string, templateName = 'template'): string {
  const hb = Handlebars.create();
  let compiled: HandlebarsTemplateDelegate<HtmlData>;
  try {
    compiled = hb.compile<HtmlData>(template, { strict: false, noEscape: false });
    return compiled(htmlData(views));
  } catch (e) {
    // Printed on the terminal: Handlebars quotes the template's text in its message; its line breaks are kept.
    throw new TemplateError(printable(`${templateName}: ${(e as Error).message}`, { keepLineBreaks: true }));
  }
}

/** A template that does not compile or render; the CLI reports it as a usage error. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}
