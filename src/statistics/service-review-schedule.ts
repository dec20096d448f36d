import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_REVIEW_WORKFLOW_ID, type ServiceReviewActivities } from '../../workflows/service-review.messages';
import { APP_ROLES, type AppRoles } from '../config/app-roles';
import { Activity } from '../temporal/activity.decorator';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { ServiceReviewsService } from './service-reviews.service';

/**
 * The monthly service reviews, mailed by a workflow (serviceReviewScheduleWorkflow) that a worker
 * starts once (a running one is kept); SERVICE_REVIEW_MAIL=off leaves it unstarted. Its activity is
 * the admin's POST /statistics/service-reviews/{month}/mail: a repeat mails nothing again.
 */
@Injectable()
export class ServiceReviewSchedule implements OnApplicationBootstrap, ServiceReviewActivities {
  private readonly logger = new Logger(ServiceReviewSchedule.name);

  constructor(
    private readonly reviews: ServiceReviewsService,
    private readonly temporal: TemporalClientProvider,
    @Inject(APP_ROLES) private readonly roles: AppRoles,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.roles.worker || process.env.SERVICE_REVIEW_MAIL === 'off') return;
    await this.temporal.keepRunning('serviceReviewScheduleWorkflow', SERVICE_REVIEW_WORKFLOW_ID, []);
    this.logger.log('monthly service reviews: mailed on the 1st of each month');
  }

  @Activity()
  async mailMonthlyServiceReviews(month: string): Promise<number> {
    return (await this.reviews.mail(month)).length;
  }
}
