/**
 * Made-up customers for seeded sandbox orders (names, emails, phones), so lookups and `orders list --search`
 * can be tried at volume. The n-th customer is always the same one; names repeat, emails and phones do not.
 */
import { dialCode } from '../../domain/phone-numbers.js';

const GIVEN = ['Anna', 'Erik', 'Maja', 'Lars', 'Sofia', 'Jonas', 'Ingrid', 'Mikael', 'Elin', 'Oskar', 'Kari', 'Jens', 'Laura', 'Tom', 'Eva', 'Piotr'];
const FAMILY = ['Svensson', 'Johansson', 'Nilsson', 'Hansen', 'Larsen', 'Virtanen', 'Jensen', 'Smith', 'Müller', 'de Vries', 'Gruber', 'Kowalski', 'Berg', 'Lindqvist'];

export interface DemoCustomer {
  name: string;
  email: string;
  phone: string;
}

/** The n-th (from 1) demo customer of a store in `country`; the phone uses the country's calling code. */
export function demoCustomer(n: number, country: string): DemoCustomer {
  const given = GIVEN[n % GIVEN.length] ?? 'Anna';
  const family = FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length] ?? 'Svensson';
  return {
    name: `${given} ${family}`,
    // Scripts and examples rely on customer<n>@example.com; the name makes it a person to search for.
    email: `customer${n}@example.com`,
    phone: `+${dialCode(country) ?? '46'}70${String(1_000_000 + (n % 9_000_000)).padStart(7, '0')}`,
  };
}
