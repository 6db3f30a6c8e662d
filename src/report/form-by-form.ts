// Reports printed form by form (FormByForm in types.ts): put together as they come, or all at once.
import { countAll } from './summary.js';
import type { FormByForm, Reporter, ReportContext, Shown } from './types.js';

/** Puts a form-by-form report together, passing each piece to `write` as it comes. */
export class FormByFormText {
  private parts = 0;
  constructor(
    private readonly reporter: FormByForm,
    private readonly write: (text: string) => void,
  ) {}

  add(part: string): void {
    this.write(`${this.parts === 0 ? this.reporter.start : this.reporter.between}${part}`);
    this.parts++;
  }

  end(ctx: ReportContext, shown: Shown): void {
    this.write(this.reporter.end(ctx, shown, this.parts));
  }
}

/** The whole report of a form-by-form reporter, at once (`score`, and `check` when it cannot print as it goes). */
export function formByFormReporter(reporter: FormByForm): Reporter {
  return (evals, ctx) => {
    const out: string[] = [];
    const text = new FormByFormText(reporter, (t) => out.push(t));
    const shown: Shown = { errors: 0, warnings: 0 };
    // The run's counts when the caller has them (--quiet hides warnings they still count), else these forms'.
    const whole = ctx.counts ? ctx : { ...ctx, counts: countAll(evals) };
    for (const ev of evals) {
      for (const f of ev.findings) shown[f.severity === 'error' ? 'errors' : 'warnings']++;
      text.add(reporter.part(ev, ctx));
    }
    text.end(whole, shown);
    return out.join('');
  };
}
