import { Global, Module } from '@nestjs/common';
import { NumberAllocator } from './number-allocator';

/** Owns `intake_keys` and the number sequences. */
@Global()
@Module({ providers: [NumberAllocator], exports: [NumberAllocator] })
export class NumberingModule {}
