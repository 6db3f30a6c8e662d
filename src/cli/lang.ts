// The language of the human-facing lines: --lang, else EVALFORM_LANG, else English only for an English locale.
import { MESSAGES, type Lang, type Messages } from '../report/messages.js';
import type { Io } from './io.js';

export const LANGS: readonly Lang[] = ['zh', 'en'];

function asLang(value: string | undefined): Lang | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (v.startsWith('en')) return 'en';
  if (v.startsWith('zh')) return 'zh';
  return undefined;
}

/** The value of --lang in argv (`--lang en` or `--lang=en`), read before commander so help is in that language too. */
function langArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') found = argv[i + 1];
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

export function chooseLang(argv: readonly string[], env: Io['env']): Lang {
  const fromArg = asLang(langArg(argv));
  if (fromArg) return fromArg;
  const fromEnv = asLang(env.EVALFORM_LANG);
  if (fromEnv) return fromEnv;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return locale?.startsWith('en') ? 'en' : 'zh';
}

export function messagesFor(io: Pick<Io, 'messages'>): Messages {
  return io.messages ?? MESSAGES.zh;
}

/** The language of a set of messages. */
export function langOf(messages: Messages): Lang {
  return messages === MESSAGES.en ? 'en' : 'zh';
}
