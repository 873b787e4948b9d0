import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/catalog/search.ts';

const index = new SearchIndex([
  { id: 'framework-desktop-128gb', name: 'Framework Desktop (Ryzen AI Max+ 395, 128 GB)' },
  { id: 'desktop-9950x3d-rtx-3090', name: 'Ryzen 9 9950X3D desktop + RTX 3090' },
  { id: 'desktop-9950x3d-rtx-3060', name: 'Ryzen 9 9950X3D desktop + RTX 3060' },
  { id: 'mac-studio-m4-max-128gb', name: 'Mac Studio (M4 Max, 128 GB)' },
]);
const ids = (query: string, limit = 5) => index.search(query, limit).map((hit) => hit.record.id);

describe('search', () => {
  it('ranks an exact id first, then prefixes, then words', () => {
    expect(ids('mac-studio-m4-max-128gb')[0]).toBe('mac-studio-m4-max-128gb');
    expect(ids('desktop')).toEqual(['desktop-9950x3d-rtx-3090', 'desktop-9950x3d-rtx-3060', 'framework-desktop-128gb']);
    expect(ids('studio max')).toEqual(['mac-studio-m4-max-128gb']);
  });

  it('forgives a typo per four letters', () => {
    expect(ids('framwork')).toEqual(['framework-desktop-128gb']);
    expect(ids('mac stdio')).toEqual(['mac-studio-m4-max-128gb']);
  });

  it('never fuzzes numbers: 3090 does not find 3060', () => {
    expect(ids('rtx 3090')).toEqual(['desktop-9950x3d-rtx-3090']);
    expect(ids('rtx 3080')).toEqual([]);
  });

  it('finds a model number typed without its space', () => {
    expect(ids('rtx3090')).toEqual(['desktop-9950x3d-rtx-3090']);
    expect(ids('studiom4')).toEqual(['mac-studio-m4-max-128gb']);
    // a piece across two words, spaced as typed: still the substring rank
    expect(ids('top 128')).toEqual(['framework-desktop-128gb']);
  });

  it('returns nothing for words nothing resembles', () => {
    expect(ids('zzzzqqq')).toEqual([]);
  });
});
