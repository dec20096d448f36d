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

/**
 * Seed 004's four levels (A-Critical .. D-Low) as a configuration. The seed names the levels but
 * gives no factors or times: these are an illustration of the shape, to be set per contract.
 */
export const SEED_004_PRIORITY_MATRIX: PriorityMatrix = {
  impactFactors: { workplace: 1, department: 2, site: 3, multiSite: 4 },
  urgencyFactors: { days: 1, tomorrow: 2, today: 3, immediate: 4 },
  levels: [
    { code: 'A', name: 'A-Critical', minScore: 12, responseMinutes: 60, resolutionMinutes: 240, escalateAfterMinutes: 120 },
    { code: 'B', name: 'B-Important', minScore: 6, responseMinutes: 240, resolutionMinutes: 960, escalateAfterMinutes: 480 },
    { code: 'C', name: 'C-Normal', minScore: 2, responseMinutes: 240, resolutionMinutes: 2400, escalateAfterMinutes: 1440 },
    { code: 'D', name: 'D-Low', minScore: 1, responseMinutes: 480, resolutionMinutes: 4800, escalateAfterMinutes: 2880 },
  ],
};

/**
 * AU's five levels (P1..P5) as a configuration. AU's own matrix is referenced by seed 000 but not
 * included in it; the thresholds and times here show the shape and are to be replaced by AU's.
 */
export const AU_STYLE_PRIORITY_MATRIX: PriorityMatrix = {
  impactFactors: DEFAULT_PRIORITY_MATRIX.impactFactors,
  urgencyFactors: DEFAULT_PRIORITY_MATRIX.urgencyFactors,
  levels: [
    { code: 'P1', name: 'Critical', minScore: 64, responseMinutes: 15, resolutionMinutes: 120, escalateAfterMinutes: 60 },
    { code: 'P2', name: 'High', minScore: 16, responseMinutes: 60, resolutionMinutes: 480, escalateAfterMinutes: 240 },
    { code: 'P3', name: 'Medium', minScore: 4, responseMinutes: 240, resolutionMinutes: 1440, escalateAfterMinutes: 960 },
    { code: 'P4', name: 'Low', minScore: 2, responseMinutes: 480, resolutionMinutes: 2880, escalateAfterMinutes: 1920 },
    { code: 'P5', name: 'Planning', minScore: 1, responseMinutes: 960, resolutionMinutes: 7200, escalateAfterMinutes: 4800 },
  ],
};
