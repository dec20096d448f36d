import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** The only endpoints open without a token: health and docs. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
