import { computed, effect, signal } from '@preact/signals';
import { buyerMessages } from './buyer-messages';
import { coreMessages } from './messages';
import { minorToDecimalString, type Money } from './money';

export type Lang = 'fr' | 'en' | 'ar';
export const LANGS: readonly Lang[] = ['fr', 'en', 'ar'];
export type Messages = Record<string, string>;
export type MessageBundle = Partial<Record<Lang, Messages>>;

const LANG_KEY = 'tickr.lang';
/** BCP 47 tags used for Intl formatting (Tunisian conventions; Latin digits in Arabic, as in Tunisia). */
const LOCALES: Record<Lang, string> = { fr: 'fr-TN', en: 'en-GB', ar: 'ar-TN-u-nu-latn' };

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {
    // Storage unavailable: default.
  }
  return 'fr';
}

/** The interface language (fr by default). Reading `.value` in a component re-renders it on change. */
export const lang = signal<Lang>(initialLang());
export const dir = computed(() => (lang.value === 'ar' ? 'rtl' : 'ltr'));
export const locale = computed(() => LOCALES[lang.value]);

effect(() => {
  const root = document.documentElement;
  root.lang = lang.value;
  root.dir = dir.value;
  try {
    localStorage.setItem(LANG_KEY, lang.value);
  } catch {
    // ignore
  }
});

const catalog: Record<Lang, Messages> = { fr: {}, en: {}, ar: {} };
/** Bumped by registerMessages so components rendered before a lazy module's messages arrived re-render. */
const revision = signal(0);

/** Adds messages (a lazily loaded module registers its own keys when it loads). Later keys win. */
export function registerMessages(bundle: MessageBundle): void {
  for (const l of LANGS) Object.assign(catalog[l], bundle[l] ?? {});
  revision.value++;
}

registerMessages(coreMessages);
registerMessages(buyerMessages);

/**
 * The message for key in the current language (then French, then the key itself), with {name} placeholders
 * replaced by params.
 */
export function t(key: string, params?: Record<string, string | number>): string {
  void revision.value;
  const template = catalog[lang.value][key] ?? catalog.fr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export { minorToDecimalString, type Money } from './money';

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  const digits = money.minorUnitDigits;
  const cacheKey = `${locale.value}|${money.currency}|${digits}`;
  let format = moneyFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale.value, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(cacheKey, format);
  }
  // Intl accepts a decimal string and formats it exactly.
  return format.format(minorToDecimalString(money.minorUnits, digits) as Intl.StringNumericLiteral);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale.value, options).format(value);
}

/** A date-time in the given IANA zone (the event's) or the browser's. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string, style: 'long' | 'short' = 'long'): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(locale.value, timeZone ? { ...options, timeZone } : options).format(date);
}

export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(locale.value, timeZone ? { ...options, timeZone } : options).format(new Date(iso));
}
