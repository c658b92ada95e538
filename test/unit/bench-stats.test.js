'use strict';
/** The statistics of `npm run bench`'s alternated comparisons (bench/stats.js): the interval and the verdict rule. */
const {
	tQuantile,
	ratioInterval,
	parseGoal,
	verdict,
	roundRatios,
	settling,
} = require('../../bench/stats');

describe('bench statistics', () => {
	it.each([
		[1, 12.7062],
		[2, 4.3027],
		[5, 2.5706],
		[9, 2.2622],
		[19, 2.093],
		[29, 2.0452],
		[1000, 1.9623],
	])("Student's t 0.975 quantile with %i degrees of freedom is %d (tables)", (df, expected) => {
		expect(tQuantile(0.975, df)).toBeCloseTo(expected, 3);
	});

	it('gives the t interval of the log ratios, centred on their geometric mean', () => {
		const ratios = [0.9, 1.0, 1.1, 0.95, 1.05];
		const logs = ratios.map(Math.log);
		const mean = logs.reduce((a, b) => a + b) / logs.length;
		const sd = Math.sqrt(logs.reduce((a, v) => a + (v - mean) ** 2, 0) / (logs.length - 1));
		const half = (2.7764 * sd) / Math.sqrt(5);
		const interval = ratioInterval(ratios);
		expect(interval.n).toBe(5);
		expect(interval.estimate).toBeCloseTo(Math.exp(mean), 10);
		expect(interval.low).toBeCloseTo(Math.exp(mean - half), 4);
		expect(interval.high).toBeCloseTo(Math.exp(mean + half), 4);
	});

	it('treats a ratio and its inverse alike', () => {
		const a = ratioInterval([0.8, 0.9, 1.0, 0.85]);
		const b = ratioInterval([1 / 0.8, 1 / 0.9, 1, 1 / 0.85]);
		expect(a.low).toBeCloseTo(1 / b.high, 10);
		expect(a.high).toBeCloseTo(1 / b.low, 10);
	});

	it('narrows as rounds of the same spread are added', () => {
		const rounds = (n) => Array.from({ length: n }, (_, k) => (k % 2 ? 1.05 : 0.95));
		const widths = [4, 10, 40].map((n) => ratioInterval(rounds(n)).halfWidth);
		expect(widths[0]).toBeGreaterThan(widths[1]);
		expect(widths[1]).toBeGreaterThan(widths[2]);
	});

	it('decides nothing from fewer than two rounds or unusable values', () => {
		expect(verdict(ratioInterval([1.2]), '≤ 1.1×')).toBe('undecided');
		expect(ratioInterval([NaN, 0, -1, 1.1, 1.3]).n).toBe(2);
	});

	it.each([
		['≥ 0.95×', { op: '≥', value: 0.95 }],
		['≤ 1.1×', { op: '≤', value: 1.1 }],
		['< 1×', { op: '<', value: 1 }],
	])('reads the goal %s', (text, goal) => {
		expect(parseGoal(text)).toEqual(goal);
	});

	it.each([
		// goal, low, high, verdict
		['≥ 0.95×', 0.96, 1.04, 'met'],
		['≥ 0.95×', 0.95, 1.0, 'met'],
		['≥ 0.95×', 0.85, 0.94, 'missed'],
		['≥ 0.95×', 0.9, 1.0, 'undecided'],
		['≤ 1.1×', 0.95, 1.09, 'met'],
		['≤ 1.1×', 1.12, 1.3, 'missed'],
		['≤ 1.1×', 1.0, 1.2, 'undecided'],
		['< 1×', 0.02, 0.04, 'met'],
		['< 1×', 0.98, 1.0, 'undecided'],
	])('goal %s with the interval %d–%d: %s', (goal, low, high, expected) => {
		expect(verdict({ low, high }, goal)).toBe(expected);
	});

	it('calls a goal only when the interval is on one side: the same median, two spreads', () => {
		const tight = [0.93, 0.92, 0.94, 0.93, 0.92, 0.94, 0.93, 0.93];
		const loose = [0.8, 1.06, 0.93, 1.1, 0.78, 0.93, 1.05, 0.82];
		expect(verdict(ratioInterval(tight), '≥ 0.95×')).toBe('missed');
		expect(verdict(ratioInterval(loose), '≥ 0.95×')).toBe('undecided');
	});

	it('takes per-round ratios in either direction', () => {
		expect(roundRatios([2, 4], [1, 2])).toEqual([2, 2]);
		expect(roundRatios([2, 4], [1, 2], { invert: true })).toEqual([0.5, 0.5]);
	});

	it('finds the round count from which the verdict stays, and projects the rounds an undecided goal needs', () => {
		const ratios = [1.2, 0.8, 1.0, 1.01, 0.99, 1.0, 1.01, 0.99, 1.0, 1.0];
		const settled = settling(ratios, '≤ 1.1×');
		expect(settled.verdict).toBe('met');
		expect(verdict(ratioInterval(ratios.slice(0, settled.from)), '≤ 1.1×')).toBe('met');
		expect(verdict(ratioInterval(ratios.slice(0, settled.from - 1)), '≤ 1.1×')).not.toBe('met');
		expect(settled.needed).toBeNull();
		expect(settled.contradictedBy).toBe(0);
		// Missed after three rounds, met with all of them: one prefix said the opposite.
		expect(
			settling([1.3, 1.3, 1.3, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], '≤ 1.1×'),
		).toMatchObject({
			verdict: 'met',
		});
		expect(
			settling(
				[1.3, 1.31, 1.29, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
				'≤ 1.1×',
			).contradictedBy,
		).toBeGreaterThan(0);

		const close = [1.05, 1.15, 1.08, 1.12, 1.0, 1.2];
		const open = settling(close, '≤ 1.1×');
		expect(open.verdict).toBe('undecided');
		expect(open.needed).toBeGreaterThan(close.length);
		expect(settling([1.1, 1.1, 1.1], '≤ 1.1×').verdict).toBe('met');
	});
});
