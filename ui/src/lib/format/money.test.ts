import { describe, expect, it } from 'vitest';
import { dollarsToCents, formatMoney, minorUnits } from './money';

describe('formatMoney', () => {
  it('reads minor units in the currency, and a dash when there is none', () => {
    expect(formatMoney({ amount: '137', currency: 'USD' }, 'en-US')).toBe('$1.37');
    expect(formatMoney({ amount: '5', currency: 'USD' }, 'en-US')).toBe('$0.05');
    expect(formatMoney({ amount: '5', currency: 'JPY' }, 'en-US')).toBe('¥5');
    expect(formatMoney({ amount: '-250', currency: 'EUR' }, 'en-US')).toBe('-€2.50');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });

  it('is exact past what a float holds', () => {
    expect(formatMoney({ amount: '900719925474099312', currency: 'USD' }, 'en-US')).toBe(
      '$9,007,199,254,740,993.12',
    );
  });

  it('shows an amount or a currency it cannot read as sent', () => {
    expect(formatMoney({ amount: '1.5', currency: 'USD' })).toBe('1.5 USD');
    expect(formatMoney({ amount: '137', currency: 'dollars' })).toBe('137 dollars (minor units)');
  });

  it('keeps minor units as an integer', () => {
    expect(minorUnits({ amount: '137', currency: 'USD' })).toBe(137n);
    expect(minorUnits({ amount: 'x', currency: 'USD' })).toBeNull();
  });
});

describe('dollarsToCents', () => {
  it('turns dollars as typed into whole cents', () => {
    expect(dollarsToCents('25')).toBe('2500');
    expect(dollarsToCents('2.5')).toBe('250');
    expect(dollarsToCents('$0.07')).toBe('7');
    expect(dollarsToCents('1.999')).toBeNull();
    expect(dollarsToCents('ten')).toBeNull();
  });
});
