// Priority = Impact x Urgency (seed 003, REQUIREMENTS 5). A matrix is configuration, versioned
// like SLA policies (issue 13 item 5): any number of impact and urgency levels, each with a
// factor, and any number of priority levels reached by the product. This file holds the shipped
// examples (seed 003's default, AU's P1-P5, seed 004's A-D), the check an admin's matrix must
// pass and the pure lookup. The SLA engine (business calendars, clocks) builds on the levels.

/** Seed 003's impact levels: the default matrix's, and what monitors raise incidents with. */
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
  /** Impact level code -> factor, e.g. { workplace: 1, department: 2, site: 4, multiSite: 8 }. */
  impactFactors: Record<string, number>;
  /** Urgency level code -> factor. */
  urgencyFactors: Record<string, number>;
  /** Ordered from most to least urgent. */
  levels: PriorityLevel[];
}

/** A published version of a matrix; SLA policies name the matrix (its code) their targets follow. */
export interface VersionedPriorityMatrix extends PriorityMatrix {
  code: string;
  version: number;
  name: string;
}

/** How an impact, urgency or priority level is named. */
export const LEVEL_CODE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** The matrix a policy that names none follows (every policy before issue 13). */
export const DEFAULT_MATRIX_CODE = 'seed-003';

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
  impact: string,
  urgency: string,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): PriorityAssessment {
  if (!Object.hasOwn(matrix.impactFactors, impact)) throw new Error(`priority matrix has no impact ${impact}`);
  if (!Object.hasOwn(matrix.urgencyFactors, urgency)) throw new Error(`priority matrix has no urgency ${urgency}`);
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

/**
 * Problems with a matrix an admin publishes; empty when it can be used. Every impact x urgency
 * pair must reach a level (the lowest level's minScore at most the smallest product), levels are
 * listed most urgent first (minScore strictly falling) and no level is unreachable.
 */
export function validateMatrix(matrix: PriorityMatrix): string[] {
  const problems: string[] = [];
  const axis = (name: string, factors: Record<string, number>) => {
    const entries = Object.entries(factors);
    if (entries.length === 0) problems.push(`${name}: at least one level`);
    for (const [code, factor] of entries) {
      if (!LEVEL_CODE.test(code)) problems.push(`${name}.${code}: a code is a letter, then letters, digits, - or _ (at most 40)`);
      if (!(Number.isFinite(factor) && factor > 0)) problems.push(`${name}.${code}: the factor must be a positive number`);
    }
    return entries.map(([, factor]) => factor);
  };
  const impacts = axis('impactFactors', matrix.impactFactors);
  const urgencies = axis('urgencyFactors', matrix.urgencyFactors);
  const levels = matrix.levels;
  if (levels.length === 0) problems.push('levels: at least one level');
  const codes = levels.map((level) => level.code);
  codes.forEach((code, i) => codes.indexOf(code) !== i && problems.push(`levels[${i}].code: ${code} is used twice`));
  levels.forEach((level, i) => {
    if (i > 0 && !(level.minScore < levels[i - 1].minScore)) problems.push(`levels[${i}].minScore: levels go from most to least urgent, so minScore must fall`);
  });
  if (problems.length === 0) {
    const scores = impacts.flatMap((i) => urgencies.map((u) => i * u));
    const lowest = Math.min(...scores);
    if (levels[levels.length - 1].minScore > lowest) problems.push(`levels: a score of ${lowest} reaches no level (the lowest level's minScore must be at most ${lowest})`);
    levels.forEach((level, i) => {
      const reached = scores.some((score) => score >= level.minScore && (i === 0 || score < levels[i - 1].minScore));
      if (!reached) problems.push(`levels[${i}]: no impact x urgency reaches ${level.code}`);
    });
  }
  return problems;
}


/** The examples an installation starts with; an admin publishes new versions or other matrices. */
export const SHIPPED_MATRICES: VersionedPriorityMatrix[] = [
  { code: DEFAULT_MATRIX_CODE, version: 1, name: 'Seed 003: P1-P4 (impact x urgency 1/2/4/8)', ...DEFAULT_PRIORITY_MATRIX },
  { code: 'au', version: 1, name: 'AU: P1-P5', ...AU_STYLE_PRIORITY_MATRIX },
  { code: 'dansupport', version: 1, name: 'Dansupport (seed 004): A-Critical .. D-Low', ...SEED_004_PRIORITY_MATRIX },
];
