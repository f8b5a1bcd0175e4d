// Money as the API sends it: an integer count of minor units (a string on the wire) and a
// currency code. It stays an integer until it is shown, so sums and comparisons are exact.
import type { Money } from '$lib/ipc/bindings';

/** The amount in minor units, or null when it is not an integer (then it is shown as sent). */
export function minorUnits(money: Money): bigint | null {
  return /^-?\d+$/.test(money.amount) ? BigInt(money.amount) : null;
}

/** How many minor units a currency has (2 for USD, 0 for JPY); null for a malformed code. */
function minorDigits(currency: string): number | null {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return null;
  }
}

/**
 * "$1.37" for `{amount: "137", currency: "USD"}`, in `locale` (the person's by default); "—" when
 * there is none. An amount that is not an integer, or a currency code that is not one, is shown
 * as sent: unknown is data.
 */
export function formatMoney(money: Money | null | undefined, locale?: string): string {
  if (!money) return '—';
  const units = minorUnits(money);
  if (units === null) return `${money.amount} ${money.currency}`;
  const digits = minorDigits(money.currency);
  if (digits === null) return `${money.amount} ${money.currency} (minor units)`;
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = digits > 0 ? text.slice(0, -digits) : text;
  const fraction = digits > 0 ? text.slice(-digits) : '';
  const decimal = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  // A decimal string is formatted as it is: no float on the way, so no rounding.
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
  }).format(decimal as unknown as number);
}

const DOLLARS = /^\d+(\.\d{1,2})?$/;

/** Whole cents from a dollar amount as typed, or null when it is not one (`1.999`, `abc`). */
export function dollarsToCents(text: string): string | null {
  const value = text.trim().replace(/^\$/, '');
  if (!DOLLARS.test(value)) return null;
  const [whole = '0', fraction = ''] = value.split('.');
  const cents = `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+/, '');
  return cents === '' ? '0' : cents;
}
