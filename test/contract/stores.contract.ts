/** What every backend's stores must do. */
import { describe, expect, it } from 'vitest';
import type { HarnessFactory } from './harness.js';

export function storesContract(factory: HarnessFactory): void {
  describe(`${factory.name}: stores`, () => {
    it('lists the demo stores with their agreement and terms URL', async () => {
      const h = await factory.create();
      try {
        const stores = await h.backend.stores.list();
        const se = stores.find((s) => s.id === 'se-demo');
        const de = stores.find((s) => s.id === 'de-demo');
        expect(se).toMatchObject({ purchase_country: 'SE', currencies: ['SEK'], terms_url: expect.stringMatching(/^https:/) });
        expect(de).toMatchObject({ purchase_country: 'DE', currencies: ['EUR'], terms_url: null });
      } finally {
        await h.close();
      }
    });

    it('gets one store, and refuses an unknown one with kind not_found', async () => {
      const h = await factory.create();
      try {
        await expect(h.backend.stores.get('se-demo')).resolves.toMatchObject({ id: 'se-demo' });
        await expect(h.backend.stores.get('missing-store')).rejects.toMatchObject({ kind: 'not_found' });
      } finally {
        await h.close();
      }
    });

    it('updates a store and reads the change back', async () => {
      const h = await factory.create();
      try {
        if (!h.backend.capabilities.has('stores.write')) return;
        const updated = await h.backend.stores.update('de-demo', { terms_url: 'https://shop.example/agb' });
        expect(updated.terms_url).toBe('https://shop.example/agb');
        expect((await h.backend.stores.get('de-demo')).terms_url).toBe('https://shop.example/agb');
      } finally {
        await h.close();
      }
    });
  });
}
