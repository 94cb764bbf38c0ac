/** `merchant db migrate`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const dbMigrate = defineCommand({
  name: 'migrate',
  description: 'apply pending schema steps (safe to run from several machines at once)',
  options: [JSON_OPTION],
  examples: ['merchant db migrate', 'MERCHANT_DATABASE_URL=postgres://ci@db.internal/merchant merchant db migrate --json'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { migrateDatabase } = await import('../../../services/db/database-schema.js');
    const { sharedSchemas } = await import('../../shared-schema.js');
    return migrateDatabase({ databaseUrl: ctx.settings().database_url.value, components: sharedSchemas(ctx.paths) });
  },
  async render(ctx, status, input) {
    const { renderDatabaseStatus } = await import('../../../output/views/db.js');
    await renderDatabaseStatus(ctx.output(input), status);
  },
});
