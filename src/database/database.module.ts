import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { appConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => {
        if (!config.databaseUrl) throw new Error('DATABASE_URL is not set (the run command sets it for the embedded database)');
        return dataSourceOptions(config.databaseUrl, config.databasePoolSize, config.runMigrations);
      },
    }),
  ],
})
export class DatabaseModule {}
