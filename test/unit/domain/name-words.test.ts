import { describe, expect, it } from 'vitest';
import { foldName, isNameQuery, nameMatches, nameQueryWords, nameWords } from '../../../src/domain/name-words.js';

describe('nameWords', () => {
  it('cuts a name into folded words: given, middle, family, each part of a hyphenated name', () => {
    expect(nameWords('Anna-Karin Maria Lindqvist-Berg')).toEqual(['anna', 'karin', 'maria', 'lindqvist', 'berg']);
    expect(nameWords('  Jonas   MÜLLER ')).toEqual(['jonas', 'muller']);
    expect(nameWords('Eva de Vries')).toEqual(['eva', 'de', 'vries']);
  });

  it("keeps an apostrophe name both split and joined, with any apostrophe", () => {
    expect(nameWords("Åsa O'Brien")).toEqual(['asa', 'o', 'brien', 'obrien']);
    expect(nameWords('Åsa O’Brien')).toEqual(['asa', 'o', 'brien', 'obrien']);
  });

  it('has no words for no name', () => {
    expect(nameWords(null)).toEqual([]);
    expect(nameWords(undefined)).toEqual([]);
    expect(nameWords(' - ')).toEqual([]);
  });
});

describe('foldName', () => {
  it.each([
    ['Müller', 'muller'],
    ['Søren Ærø', 'soren aero'],
    ['Łukasz', 'lukasz'],
    ['Straße', 'strasse'],
    ['ÅSA Öberg', 'asa oberg'],
    ['Zoë Núñez', 'zoe nunez'],
  ])('%s → %s', (input, folded) => expect(foldName(input)).toBe(folded));
});

describe('nameMatches', () => {
  const name = 'Anna-Karin Maria Lindqvist-Berg';
  it.each(['anna', 'ANNA', 'karin', 'maria', 'lind', 'berg', 'anna berg', 'berg anna', '  berg  ', 'anna-karin', 'lindqvist-b', 'ánna'])('%j matches %s', (query) => {
    expect(nameMatches(query, name)).toBe(true);
  });

  it.each(['nna', 'qvist', 'anna smith', 'bergman', 'a', 'a b', ' ', '12'])('%j does not match', (query) => {
    expect(nameMatches(query, name)).toBe(false);
  });

  it('matches accents either way and apostrophe names as typed', () => {
    expect(nameMatches('muller', 'Jonas Müller')).toBe(true);
    expect(nameMatches('Müll', 'Jonas Muller')).toBe(true);
    expect(nameMatches('obrien', "Åsa O'Brien")).toBe(true);
    expect(nameMatches("o'bri", "Åsa O'Brien")).toBe(true);
    expect(nameMatches('brien', "Åsa O'Brien")).toBe(true);
    expect(nameMatches('anna', null)).toBe(false);
  });
});

describe('isNameQuery and nameQueryWords', () => {
  it('needs a letter and a word of two characters; one-letter words ride along', () => {
    expect(isNameQuery('an')).toBe(true);
    expect(isNameQuery('anna s')).toBe(true);
    expect(isNameQuery('a')).toBe(false);
    expect(isNameQuery('a b c')).toBe(false);
    expect(isNameQuery('42')).toBe(false);
  });

  it('gives the query words once each, longest first', () => {
    expect(nameQueryWords(' s  Svensson anna s ')).toEqual(['svensson', 'anna', 's']);
  });
});
