'use strict';
/**
 * The statistics of `npm run bench`'s alternated comparisons, pure (no I/O): a confidence interval for a ratio from its
 * per-round values, and the verdict a goal gets from it.
 *
 * Method: a Student t interval over the logarithms of the per-round ratios (round k: the Sigfox Trigger and its baseline
 * ran next to each other, so each round's ratio cancels the machine's load of that moment). Its centre, back from logs,
 * is the geometric mean of the round ratios. Why t on logs, not a bootstrap: a comparison has 10 to 30 rounds, and at
 * that size a percentile bootstrap is too narrow (it resamples the rounds' own spread with no small-sample widening: its
 * half-width is about z·sd·√((n−1)/n)/√n, 18% under t's at 10 rounds, 9% at 20), so it would call goals that the data
 * do not decide; t is exact
 * for normal log ratios and widens with every outlying round, erring towards "undecided". Logs make a ratio and its
 * inverse symmetric (0.8× and 1.25× are the same distance from 1×) and CPU and latency ratios near log-normal.
 */

/** ln Γ(x), Lanczos (g = 7, 9 terms), for x > 0. */
function lnGamma(x) {
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
		-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
		1.5056327351493116e-7,
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
	x -= 1;
	let a = c[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += c[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularised incomplete beta function (modified Lentz). */
function betaContinuedFraction(x, a, b) {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 300; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-14) break;
	}
	return h;
}

/** I_x(a, b), the regularised incomplete beta function. */
function incompleteBeta(x, a, b) {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = Math.exp(
		lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
	);
	return x < (a + 1) / (a + b + 2)
		? (front * betaContinuedFraction(x, a, b)) / a
		: 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
function tCdf(t, df) {
	const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** The `p` quantile of Student's t with `df` degrees of freedom (bisection on the CDF). */
function tQuantile(p, df) {
	if (p === 0.5) return 0;
	if (p < 0.5) return -tQuantile(1 - p, df);
	let low = 0;
	let high = 1;
	while (tCdf(high, df) < p) high *= 2;
	for (let i = 0; i < 200 && high - low > 1e-12; i++) {
		const middle = (low + high) / 2;
		if (tCdf(middle, df) < p) low = middle;
		else high = middle;
	}
	return (low + high) / 2;
}

function meanAndSd(values) {
	const mean = values.reduce((a, b) => a + b, 0) / values.length;
	const variance =
		values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : NaN;
	return { mean, sd: Math.sqrt(variance) };
}

/**
 * The `level` confidence interval of a ratio from its per-round values: t over their logarithms, back as ratios.
 * `estimate` is the geometric mean; `halfWidth` the interval's half-width in log units (≈ relative, ±). Fewer than
 * two usable rounds give an interval without bounds (NaN), which decides nothing.
 */
function ratioInterval(ratios, { level = 0.95 } = {}) {
	const logs = ratios.filter((r) => Number.isFinite(r) && r > 0).map(Math.log);
	const n = logs.length;
	if (n === 0) return { estimate: NaN, low: NaN, high: NaN, n, level, halfWidth: NaN, sd: NaN };
	const { mean, sd } = meanAndSd(logs);
	const halfWidth = n > 1 ? (tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n) : NaN;
	return {
		estimate: Math.exp(mean),
		low: Math.exp(mean - halfWidth),
		high: Math.exp(mean + halfWidth),
		n,
		level,
		halfWidth,
		sd,
	};
}

/** A goal as the report writes it ("≥ 0.95×", "≤ 1.1×", "< 1×"): its comparison and value. */
function parseGoal(text) {
	const match = /^\s*(≥|>=|≤|<=|<|>)\s*([\d.]+)/.exec(text);
	if (!match) throw new Error(`not a goal: ${text}`);
	const op = { '>=': '≥', '<=': '≤' }[match[1]] ?? match[1];
	return { op, value: Number(match[2]) };
}

/**
 * The verdict of a goal from an interval: "met" when the whole interval satisfies the goal, "missed" when none of it
 * does, "undecided" when the interval straddles the goal's value (or has no bounds).
 */
function verdict(interval, goal) {
	const { op, value } = typeof goal === 'string' ? parseGoal(goal) : goal;
	const { low, high } = interval;
	if (!Number.isFinite(low) || !Number.isFinite(high)) return 'undecided';
	const holds = {
		'≥': (v) => v >= value,
		'>': (v) => v > value,
		'≤': (v) => v <= value,
		'<': (v) => v < value,
	}[op];
	if (holds(low) && holds(high)) return 'met';
	if (!holds(low) && !holds(high)) return 'missed';
	return 'undecided';
}

/** Per-round ratios of two targets' per-round figures (ours ÷ base, or base ÷ ours with `invert`). */
function roundRatios(ours, base, { invert = false } = {}) {
	return ours.map((o, k) => (invert ? base[k] / o : o / base[k]));
}

/**
 * How the verdict of `ratios` against `goal` develops as rounds are added: `from` is the first round count from which
 * every longer prefix gives the final verdict (how many rounds the run needed), `needed` the rounds at which the
 * final interval's spread would decide an undecided goal (t·sd/√n below the log distance from estimate to goal;
 * Infinity when the estimate sits on the goal, null when there is nothing to project), `contradictedBy` how many shorter
 * prefixes gave the opposite decided verdict.
 */
function settling(ratios, goal, { level = 0.95, minRounds = 2 } = {}) {
	const final = verdict(ratioInterval(ratios, { level }), goal);
	let from = ratios.length;
	for (let k = ratios.length; k >= minRounds; k--) {
		if (verdict(ratioInterval(ratios.slice(0, k), { level }), goal) !== final) break;
		from = k;
	}
	// Shorter prefixes that gave the opposite decided verdict (met for missed or missed for met).
	let contradictedBy = 0;
	for (let k = minRounds; k < ratios.length; k++) {
		const v = verdict(ratioInterval(ratios.slice(0, k), { level }), goal);
		if (final !== 'undecided' && v !== 'undecided' && v !== final) contradictedBy++;
	}
	let needed = null;
	if (final === 'undecided') {
		const { estimate, sd } = ratioInterval(ratios, { level });
		const distance = Math.abs(Math.log(estimate) - Math.log(parseGoal(goal).value));
		if (Number.isFinite(sd) && Number.isFinite(distance)) {
			needed = Infinity;
			// t > z, so no count below (z·sd/distance)² decides; the first above it that does is the answer.
			const z = tQuantile(1 - (1 - level) / 2, 1e7);
			const start = Math.max(2, Math.floor(((z * sd) / distance) ** 2));
			for (let n = start; n <= Math.max(start, 1000) * 2; n++) {
				if ((tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n) < distance) {
					needed = n;
					break;
				}
			}
		}
	}
	return { verdict: final, from, needed, contradictedBy };
}

module.exports = { tQuantile, tCdf, ratioInterval, parseGoal, verdict, roundRatios, settling };
