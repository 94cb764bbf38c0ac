import { describe, expect, it } from 'vitest';
import { foldName, isNameQuery, nameMatches, nameQueryWords, nameWords, transliterateName, WRITTEN_OUT_MARKERS } from '../../../src/domain/name-words.js';

describe('nameWords', () => {
  it('cuts a name into folded words: given, middle, family, each part of a hyphenated name', () => {
    expect(nameWords('Anna-Karin Maria Lindqvist-Berg')).toEqual(['anna', 'karin', 'maria', 'lindqvist', 'berg']);
    expect(nameWords('  Jonas   MÜLLER ')).toEqual(['jonas', 'muller', 'mueller']);
    expect(nameWords('Eva de Vries')).toEqual(['eva', 'de', 'vries']);
  });

  it("keeps an apostrophe name both split and joined, with any apostrophe", () => {
    expect(nameWords("Åsa O'Brien")).toEqual(['asa', 'o', 'brien', 'obrien', 'aasa']);
    expect(nameWords('Åsa O’Brien')).toEqual(['asa', 'o', 'brien', 'obrien', 'aasa']);
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

describe('transliterateName', () => {
  it.each([
    ['Müller', 'mueller'],
    ['MÜLLER', 'mueller'],
    ['Mu\u0308ller', 'mueller'],
    ['Göthe Bär', 'goethe baer'],
    ['Åsa Ångström', 'aasa aangstroem'],
    ['Søren Ærø', 'soeren aeroe'],
    ['Straße', 'strasse'],
    ['Zoë Núñez', 'zoe nunez'],
    ['Łukasz', 'lukasz'],
  ])('%s → %s', (input, written) => expect(transliterateName(input)).toBe(written));

  it('differs from foldName only for names carrying one of WRITTEN_OUT_MARKERS', () => {
    for (const name of ['Anna Svensson', 'Zoë Núñez', 'Straße', 'Ærbo', 'Łukasz', "O'Brien"]) {
      expect(transliterateName(name)).toBe(foldName(name));
      expect(WRITTEN_OUT_MARKERS.some((m) => name.includes(m))).toBe(false);
    }
    for (const name of ['Müller', 'MÜLLER', 'Mu\u0308ller', 'Åsa', 'A\u030Asa', 'Søren', 'BJØRN', 'Göthe']) {
      expect(transliterateName(name)).not.toBe(foldName(name));
      expect(WRITTEN_OUT_MARKERS.some((m) => name.includes(m))).toBe(true);
    }
  });
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

  // The letters a keyboard without them writes out: German ä ö ü ß, Scandinavian å ø æ, in either direction.
  it.each([
    ['mueller', 'Jonas Müller'],
    ['MUELLER', 'Jonas Müller'],
    ['muel', 'Jonas Müller'],
    ['muller', 'Jonas Müller'],
    ['Müller', 'Jonas Mueller'],
    ['Müller', 'Jonas Muller'],
    ['müller jonas', 'Jonas Mueller'],
    ['goethe', 'Anke Göthe'],
    ['baer', 'Lena Bär'],
    ['strasse', 'Karl Straße'],
    ['Straße', 'Karl Strasse'],
    ['aasa', 'Åsa Berg'],
    ['aangstroem', 'Åsa Ångström'],
    ['angstrom', 'Åsa Ångström'],
    ['soeren', 'Søren Kierkegaard'],
    ['soren', 'Søren Kierkegaard'],
    ['Søren', 'Soeren Kierkegaard'],
    ['moeller', 'Bjørn Møller-Hansen'],
    ['aeroe', 'Per Ærø'],
    ['aero', 'Per Ærø'],
    ['mu\u0308ller', 'Jonas Mueller'],
  ])('%j matches %s', (query, name) => expect(nameMatches(query, name)).toBe(true));

  it.each([
    ['mueller', 'Jonas Muller'],
    ['aasa', 'Asa Berg'],
    ['soeren', 'Soren Lund'],
    ['mue', 'Jonas Mustermann'],
  ])('%j does not match %s: a written-out query asks for the letter', (query, name) => expect(nameMatches(query, name)).toBe(false));
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
    expect(nameQueryWords(' s  Svensson anna s ')).toEqual([['svensson'], ['anna'], ['s']]);
  });

  it('gives each query word in both foldings when they differ', () => {
    expect(nameQueryWords('Jo Müller')).toEqual([['muller', 'mueller'], ['jo']]);
    expect(nameQueryWords('åsa ÅSA')).toEqual([['asa', 'aasa']]);
    // `mue` adds nothing to `mu`: every word starting with it starts with `mu`.
    expect(nameQueryWords('mü')).toEqual([['mu']]);
  });
});
