// Applies the schema migrations (and, with SEED_DEMO_DATA=true, the demo data) and exits: run
// once before API replicas and workers start (docker-compose's `migrate` service), so replicas
// never race to migrate.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { seedDemoData } from './demo/demo-data';

async function main(): Promise<void> {
  const { databaseUrl } = loadAppConfig();
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 1), migrationsRun: false });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
  if (process.env.SEED_DEMO_DATA === 'true') {
    const seeded = await seedDemoData(dataSource);
    console.log(seeded.created ? 'demo data seeded (tokens: demo-<username>, passwords: <username>-demo-pass)' : 'demo data already present');
  }
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
