// Priority = Impact x Urgency (seed 003, REQUIREMENTS 5). The matrix and the targets are
// configuration: this file holds the default (seed 003) and the pure lookup. The SLA engine
// (business calendars, clocks) builds on these targets.

export const IMPACTS = ['workplace', 'department', 'site', 'multiSite'] as const;
export type Impact = (typeof IMPACTS)[number];

export const URGENCIES = ['days', 'tomorrow', 'today', 'immediate'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface PriorityLevel {
  code: string; // e.g. 'P1'
  name: string; // e.g. 'URGENT'
  /** Lowest score (inclusive) that reaches this level. Levels are checked highest first. */
  minScore: number;
  responseMinutes: number;
  resolutionMinutes: number;
  escalateAfterMinutes: number;
}

export interface PriorityMatrix {
  impactFactors: Record<Impact, number>;
  urgencyFactors: Record<Urgency, number>;
  /** Ordered from most to least urgent. */
  levels: PriorityLevel[];
}

/** Seed 003: factors 1/2/4/8 on both axes; 64 -> P1, 16-32 -> P2, 2-8 -> P3, 1 -> P4. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  impactFactors: { workplace: 1, department: 2, site: 4, multiSite: 8 },
  urgencyFactors: { days: 1, tomorrow: 2, today: 4, immediate: 8 },
  levels: [
    { code: 'P1', name: 'URGENT', minScore: 64, responseMinutes: 0, resolutionMinutes: 60, escalateAfterMinutes: 30 },
    { code: 'P2', name: 'HIGH', minScore: 16, responseMinutes: 120, resolutionMinutes: 240, escalateAfterMinutes: 180 },
    { code: 'P3', name: 'NORMAL', minScore: 2, responseMinutes: 480, resolutionMinutes: 720, escalateAfterMinutes: 600 },
    { code: 'P4', name: 'LOW', minScore: 1, responseMinutes: 960, resolutionMinutes: 1440, escalateAfterMinutes: 1200 },
  ],
};

export interface PriorityAssessment {
  score: number;
  level: PriorityLevel;
}

export function assessPriority(
  impact: Impact,
  urgency: Urgency,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): PriorityAssessment {
  const score = matrix.impactFactors[impact] * matrix.urgencyFactors[urgency];
  const level = matrix.levels.find((candidate) => score >= candidate.minScore);
  if (!level) throw new Error(`priority matrix has no level for score ${score}`);
  return { score, level };
}
