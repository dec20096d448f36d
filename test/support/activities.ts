// The application's activities on a test database, found the way the worker finds them (every
// @Activity() method of the feature modules' providers): workflow tests run the real activities.
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { ActivityFunctions, ActivityRegistry } from '../../src/worker/activity-registry';
import type { TestDatabase } from './database';

@Module({ imports: [DiscoveryModule], providers: [ActivityRegistry] })
class ActivitiesOnlyModule {}

export interface TestActivities {
  activities: ActivityFunctions;
  close(): Promise<void>;
}

export async function activitiesOn(db: TestDatabase): Promise<TestActivities> {
  process.env.DATABASE_URL = db.url;
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ api: false, worker: false }), ActivitiesOnlyModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return { activities: app.get(ActivityRegistry).collect(), close: () => app.close() };
}
