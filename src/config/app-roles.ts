import { DynamicModule, Global, Module } from '@nestjs/common';

/** What this process runs (AppModule.register): the API, the worker, or both (embedded default). */
export interface AppRoles {
  api: boolean;
  worker: boolean;
}

export const APP_ROLES = Symbol('APP_ROLES');

/** Lets a feature start what belongs to one role only (the mail dispatcher and poller to the worker, the SMTP listener to the API). */
@Global()
@Module({})
export class AppRolesModule {
  static register(roles: AppRoles): DynamicModule {
    return { module: AppRolesModule, providers: [{ provide: APP_ROLES, useValue: roles }], exports: [APP_ROLES] };
  }
}
