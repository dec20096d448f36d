import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { WhatIfReplay } from './what-if.activities';
import { WhatIfController } from './what-if.controller';
import { WhatIfService } from './what-if.service';

/** What-if replays (issue 15, item 1): owns what_if_runs and what_if_results. */
@Module({
  imports: [SlaModule],
  controllers: [WhatIfController],
  providers: [WhatIfService, WhatIfReplay],
  exports: [WhatIfService],
})
export class WhatIfModule {}
