/** `merchant db status`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const dbStatus = defineCommand({
  name: 'status',
  description: 'show where the ledger, journal and log live, and which schema steps are applied or pending',
  options: [JSON_OPTION],
  examples: ['merchant db status', 'MERCHANT_DATABASE_URL=postgres://ci@db.internal/merchant merchant db status --json'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { databaseStatus } = await import('../../../services/db/database-schema.js');
    const { sharedSchemas } = await import('../../shared-schema.js');
    return databaseStatus({ databaseUrl: ctx.settings().database_url.value, components: sharedSchemas(ctx.paths) });
  },
  async render(ctx, status, input) {
    const { renderDatabaseStatus } = await import('../../../output/views/db.js');
    await renderDatabaseStatus(ctx.output(input), status);
  },
});
