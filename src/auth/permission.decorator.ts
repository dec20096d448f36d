import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PermissionName } from './permissions';

export const PERMISSION = 'permission';

/**
 * The permission a route needs (src/auth/permissions.ts), also written into the OpenAPI document
 * as `x-permission` so a test can call every operation with every role and check the table.
 */
export const Permission = (name: PermissionName) => applyDecorators(SetMetadata(PERMISSION, name), ApiExtension('x-permission', name));
