// Priority = Impact x Urgency (seed 003, REQUIREMENTS 5). The expected values are written out
// by hand from the seed's table, not derived from the matrix under test.
import {
  assessPriority,
  AU_STYLE_PRIORITY_MATRIX,
  DEFAULT_PRIORITY_MATRIX,
  Impact,
  IMPACTS,
  PriorityMatrix,
  SEED_004_PRIORITY_MATRIX,
  SHIPPED_MATRICES,
  Urgency,
  URGENCIES,
  validateMatrix,
} from './priority';
import { STANDARD_SLA, targetsFromMatrix, validatePolicy, withMatrixTargets } from './sla/sla-policy';

describe('the default priority matrix (seed 003)', () => {
  // impact x urgency -> score -> priority, all sixteen cells of the seed's matrix.
  const SEED_003: Array<[Impact, Urgency, number, string]> = [
    ['workplace', 'days', 1, 'P4'],
    ['workplace', 'tomorrow', 2, 'P3'],
    ['workplace', 'today', 4, 'P3'],
    ['workplace', 'immediate', 8, 'P3'],
    ['department', 'days', 2, 'P3'],
    ['department', 'tomorrow', 4, 'P3'],
    ['department', 'today', 8, 'P3'],
    ['department', 'immediate', 16, 'P2'],
    ['site', 'days', 4, 'P3'],
    ['site', 'tomorrow', 8, 'P3'],
    ['site', 'today', 16, 'P2'],
    ['site', 'immediate', 32, 'P2'],
    ['multiSite', 'days', 8, 'P3'],
    ['multiSite', 'tomorrow', 16, 'P2'],
    ['multiSite', 'today', 32, 'P2'],
    ['multiSite', 'immediate', 64, 'P1'],
  ];

  it('covers every impact and urgency exactly once', () => {
    expect(SEED_003).toHaveLength(IMPACTS.length * URGENCIES.length);
    const cells = new Set(SEED_003.map(([impact, urgency]) => `${impact}/${urgency}`));
    expect(cells.size).toBe(16);
  });

  it.each(SEED_003)('impact %s with urgency %s scores %i: %s', (impact, urgency, score, code) => {
    const assessment = assessPriority(impact, urgency);
    expect(assessment.score).toBe(score);
    expect(assessment.level.code).toBe(code);
  });

  it.each([
    ['P1', 'URGENT', 0, 60, 30],
    ['P2', 'HIGH', 120, 240, 180],
    ['P3', 'NORMAL', 480, 720, 600],
    ['P4', 'LOW', 960, 1440, 1200],
  ])('%s (%s) must be answered within %i min, resolved within %i min, escalated after %i min', (code, name, response, resolution, escalate) => {
    const level = DEFAULT_PRIORITY_MATRIX.levels.find((candidate) => candidate.code === code);
    expect(level).toMatchObject({ name, responseMinutes: response, resolutionMinutes: resolution, escalateAfterMinutes: escalate });
  });

  it('has exactly the four levels P1..P4, most urgent first', () => {
    expect(DEFAULT_PRIORITY_MATRIX.levels.map((level) => level.code)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('gives a several-sites outage that cannot wait the URGENT targets', () => {
    expect(assessPriority('multiSite', 'immediate').level).toMatchObject({
      name: 'URGENT',
      responseMinutes: 0,
      resolutionMinutes: 60,
      escalateAfterMinutes: 30,
    });
  });
});

describe('a configured priority matrix (seed 004: A-Critical, B-Important, C-Normal, D-Low)', () => {
  // Another organisation's matrix: linear factors and its own thresholds and targets.
  const SEED_004: PriorityMatrix = {
    impactFactors: { workplace: 1, department: 2, site: 3, multiSite: 4 },
    urgencyFactors: { days: 1, tomorrow: 2, today: 3, immediate: 4 },
    levels: [
      { code: 'A', name: 'Critical', minScore: 12, responseMinutes: 60, resolutionMinutes: 240, escalateAfterMinutes: 120 },
      { code: 'B', name: 'Important', minScore: 6, responseMinutes: 240, resolutionMinutes: 480, escalateAfterMinutes: 360 },
      { code: 'C', name: 'Normal', minScore: 3, responseMinutes: 480, resolutionMinutes: 1440, escalateAfterMinutes: 960 },
      { code: 'D', name: 'Low', minScore: 1, responseMinutes: 960, resolutionMinutes: 4800, escalateAfterMinutes: 2400 },
    ],
  };

  it.each<[Impact, Urgency, number, string]>([
    ['workplace', 'days', 1, 'D'],
    ['workplace', 'tomorrow', 2, 'D'],
    ['department', 'tomorrow', 4, 'C'],
    ['workplace', 'immediate', 4, 'C'],
    ['site', 'tomorrow', 6, 'B'],
    ['department', 'immediate', 8, 'B'],
    ['site', 'immediate', 12, 'A'],
    ['multiSite', 'immediate', 16, 'A'],
  ])('impact %s with urgency %s scores %i: %s', (impact, urgency, score, code) => {
    const assessment = assessPriority(impact, urgency, SEED_004);
    expect(assessment.score).toBe(score);
    expect(assessment.level.code).toBe(code);
  });

  it('uses its own targets, not the default ones', () => {
    expect(assessPriority('site', 'immediate', SEED_004).level).toMatchObject({
      name: 'Critical',
      responseMinutes: 60,
      resolutionMinutes: 240,
      escalateAfterMinutes: 120,
    });
  });

  it('rates the same ticket differently from the default matrix', () => {
    // department x immediate: HIGH (P2, score 16) by seed 003, Important (B, score 8) by this matrix.
    expect(assessPriority('department', 'immediate').level.code).toBe('P2');
    expect(assessPriority('department', 'immediate', SEED_004).level.code).toBe('B');
    // site x today: P2 by seed 003, but only B here; multiSite x tomorrow: P2 there, B here.
    expect(assessPriority('site', 'today', SEED_004)).toMatchObject({ score: 9, level: { code: 'B' } });
    expect(assessPriority('multiSite', 'tomorrow', SEED_004)).toMatchObject({ score: 8, level: { code: 'B' } });
  });

  it('refuses a matrix that leaves a score without a level', () => {
    const gappy: PriorityMatrix = { ...SEED_004, levels: SEED_004.levels.filter((level) => level.code !== 'D') };
    expect(() => assessPriority('workplace', 'days', gappy)).toThrow('priority matrix has no level for score 1');
    expect(assessPriority('site', 'immediate', gappy).level.code).toBe('A');
  });
});

describe('the shipped alternative configurations', () => {
  it('expresses seed 004’s A-Critical .. D-Low', () => {
    expect(assessPriority('multiSite', 'immediate', SEED_004_PRIORITY_MATRIX)).toMatchObject({ score: 16, level: { code: 'A', name: 'A-Critical' } });
    expect(assessPriority('department', 'today', SEED_004_PRIORITY_MATRIX)).toMatchObject({ score: 6, level: { code: 'B' } });
    expect(assessPriority('workplace', 'tomorrow', SEED_004_PRIORITY_MATRIX)).toMatchObject({ score: 2, level: { code: 'C' } });
    expect(assessPriority('workplace', 'days', SEED_004_PRIORITY_MATRIX)).toMatchObject({ score: 1, level: { code: 'D', name: 'D-Low' } });
  });

  it('expresses AU’s five levels P1 .. P5', () => {
    const codes = IMPACTS.flatMap((impact) => URGENCIES.map((urgency) => assessPriority(impact, urgency, AU_STYLE_PRIORITY_MATRIX).level.code));
    expect(new Set(codes)).toEqual(new Set(['P1', 'P2', 'P3', 'P4', 'P5']));
    expect(assessPriority('workplace', 'days', AU_STYLE_PRIORITY_MATRIX).level.name).toBe('Planning');
  });

  it('gives the SLA engine targets for every level of each configuration', () => {
    for (const matrix of [SEED_004_PRIORITY_MATRIX, AU_STYLE_PRIORITY_MATRIX]) {
      const targets = targetsFromMatrix(matrix);
      expect(Object.keys(targets)).toEqual(matrix.levels.map((l) => l.code));
      expect(Object.values(targets).every((t) => t.firstResponseMs > 0 && t.resolutionMs >= t.escalationMs)).toBe(true);
    }
  });
});

describe('a matrix an admin publishes (issue 13 item 5)', () => {
  const twoByTwo: PriorityMatrix = {
    impactFactors: { person: 1, campus: 5 },
    urgencyFactors: { later: 1, now: 3 },
    levels: [
      { code: 'HIGH', name: 'High', minScore: 5, responseMinutes: 30, resolutionMinutes: 240, escalateAfterMinutes: 120 },
      { code: 'LOW', name: 'Low', minScore: 1, responseMinutes: 480, resolutionMinutes: 2400, escalateAfterMinutes: 1200 },
    ],
  };

  it('accepts the shipped examples and any number of levels on each axis', () => {
    for (const matrix of SHIPPED_MATRICES) expect(validateMatrix(matrix)).toEqual([]);
    expect(validateMatrix(twoByTwo)).toEqual([]);
    expect(assessPriority('campus', 'later', twoByTwo)).toMatchObject({ score: 5, level: { code: 'HIGH' } });
    expect(assessPriority('person', 'now', twoByTwo)).toMatchObject({ score: 3, level: { code: 'LOW' } });
  });

  it('refuses a score no level reaches, a level no score reaches, levels out of order and bad factors', () => {
    expect(validateMatrix({ ...twoByTwo, levels: [twoByTwo.levels[0], { ...twoByTwo.levels[1], minScore: 3 }] })).toEqual([
      'levels: a score of 1 reaches no level (the lowest level\'s minScore must be at most 1)',
    ]);
    expect(validateMatrix({ ...twoByTwo, levels: [{ ...twoByTwo.levels[0], minScore: 50 }, twoByTwo.levels[1]] })).toEqual(['levels[0]: no impact x urgency reaches HIGH']);
    expect(validateMatrix({ ...twoByTwo, levels: [...twoByTwo.levels].reverse() })).toContain('levels[1].minScore: levels go from most to least urgent, so minScore must fall');
    expect(validateMatrix({ ...twoByTwo, impactFactors: { person: 0 } })).toContain('impactFactors.person: the factor must be a positive number');
    expect(validateMatrix({ ...twoByTwo, urgencyFactors: {} })).toContain('urgencyFactors: at least one level');
    expect(validateMatrix({ ...twoByTwo, levels: [twoByTwo.levels[1], { ...twoByTwo.levels[1], minScore: 0 }] })).toContain('levels[1].code: LOW is used twice');
  });

  it('names an impact or urgency the matrix does not have (no prototype keys)', () => {
    expect(() => assessPriority('constructor', 'now', twoByTwo)).toThrow('priority matrix has no impact constructor');
    expect(() => assessPriority('person', 'site', twoByTwo)).toThrow('priority matrix has no urgency site');
  });

  it('gives a policy the matrix’s times for the levels it leaves out, most urgent first, and refuses levels the matrix lacks', () => {
    const policy = withMatrixTargets({ ...STANDARD_SLA, targets: { LOW: { firstResponseMs: 1, escalationMs: 2, resolutionMs: 3 } } }, twoByTwo);
    expect(Object.keys(policy.targets)).toEqual(['HIGH', 'LOW']);
    expect(policy.targets.HIGH).toEqual({ firstResponseMs: 30 * 60_000, escalationMs: 120 * 60_000, resolutionMs: 240 * 60_000 });
    expect(policy.targets.LOW).toEqual({ firstResponseMs: 1, escalationMs: 2, resolutionMs: 3 });
    expect(validatePolicy({ ...STANDARD_SLA, priorityMatrix: 'two', targets: { P1: STANDARD_SLA.targets.P1 } }, ['HIGH', 'LOW'])).toEqual([
      'targets for P1: not a level of priority matrix two (HIGH, LOW)',
    ]);
  });
});
