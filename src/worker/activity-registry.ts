import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACTIVITY } from '../temporal/activity.decorator';

export type ActivityFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/** Every @Activity() method of every provider in the application, bound to its instance. */
@Injectable()
export class ActivityRegistry {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  collect(): ActivityFunctions {
    const activities: ActivityFunctions = {};
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[name] as ((...args: never[]) => Promise<unknown>) | undefined;
        if (typeof method !== 'function' || !this.reflector.get<boolean>(ACTIVITY, method)) continue;
        if (activities[name]) throw new Error(`two activities are named ${name}`);
        activities[name] = method.bind(instance);
      }
    }
    return activities;
  }
}
