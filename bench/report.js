'use strict';
/**
 * The report of `npm run bench`, made from bench/results/n8n.json only: the printed table, the `bench:n8n` section of
 * BENCHMARKS.md (other sections, `bench:decode` among them, are left as they are) and bench/benchmarks.svg.
 */
const fs = require('node:fs');
const path = require('node:path');

const { writeBenchmarksSection } = require('./benchmarks-file');
const { ratioInterval, roundRatios, settling, verdict } = require('./stats');

const ROOT = path.join(__dirname, '..');
const CHART = 'bench/benchmarks.svg';

const ms = (v) =>
	Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')} ms` : '–';
const s = (v) => `${(v / 1000).toFixed(2)} s`;
const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const int = (v) => Math.round(v).toLocaleString('en-US');
const mib = (bytes) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/** A ratio with its 95% interval: "0.96× (0.93–0.99)". */
const ci = (interval) =>
	Number.isFinite(interval.low)
		? `${x(interval.estimate)} (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`
		: x(interval.estimate);

/**
 * The per-round ratios of a comparison (the targets ran in turn, so round k's ratio cancels the machine's load of that
 * moment): `capacity` is base CPU ÷ ours per request (how many more requests n8n takes with ours at the same CPU),
 * `wall` requests/s ours ÷ base, `p50`/`p99` latency ours ÷ base. Results without rounds give no ratios.
 */
function perRound(ours, base, what) {
	const [key, invert] = {
		capacity: ['roundCpuMsPerRequest', true],
		wall: ['roundRequestsPerSecond', false],
		p50: ['roundP50', false],
		p99: ['roundP99', false],
	}[what];
	if (!ours[key] || !base[key]) return [];
	return roundRatios(ours[key], base[key], { invert });
}

/** The ratio of a comparison with its 95% t interval over the rounds (bench/stats.js). */
const interval = (ours, base, what) => ratioInterval(perRound(ours, base, what));

/** Every goal of issue 10 as a row: what, ours, baseline, ratio, goal, met. */
function goals(r) {
	const rows = [];
	/**
	 * A goal judged on one figure: met or missed. `plot` is the row's short label in the chart, or false to leave it out.
	 */
	const add = (what, ours, base, ratio, goal, met, plot) =>
		rows.push({ what, ours, base, ratio, goal, verdict: met ? 'met' : 'missed', plot });
	/**
	 * A goal judged on per-round ratios: met or missed only when their 95% interval is wholly on one side of the goal,
	 * undecided otherwise; `settled` says from which round count the verdict stayed, or what an undecided one needs.
	 */
	const addRounds = (what, ours, base, ratios, goal, plot) => {
		const iv = ratioInterval(ratios);
		rows.push({
			what,
			ours,
			base,
			ratio: iv.estimate,
			interval: iv,
			goal,
			verdict: verdict(iv, goal),
			settled: settling(ratios, goal),
			plot,
		});
	};
	if (r.ingestion) {
		const sig = r.ingestion['Sigfox Trigger'];
		const hook = r.ingestion['built-in Webhook'];
		const baselines = ['trivial trigger', 'trivial trigger + credential'].filter(
			(b) => r.ingestion[b],
		);
		for (const c of Object.keys(sig)) {
			// n8n is CPU-bound: the requests it can sustain per core-second is the stable form of throughput.
			const capacity = (t) => 1000 / t[c].n8nCpuMsPerRequest;
			for (const name of baselines) {
				const base = r.ingestion[name];
				const webhook =
					name === 'trivial trigger' && hook
						? `; ÷ built-in Webhook ${ci(interval(sig[c], hook[c], 'capacity'))}`
						: '';
				addRounds(
					`Ingestion c=${c}: throughput ÷ ${name}, at n8n's CPU per request (wall clock ${ci(interval(sig[c], base[c], 'wall'))}${webhook})`,
					`${capacity(sig).toFixed(0)} req/CPU-s`,
					`${capacity(base).toFixed(0)} req/CPU-s`,
					perRound(sig[c], base[c], 'capacity'),
					'≥ 0.95×',
					`Ingestion c=${c}, capacity ÷ ${name.replace('trivial trigger', 'trivial')}`,
				);
			}
			for (const name of baselines) {
				const base = r.ingestion[name];
				const webhook =
					name === 'trivial trigger' && hook
						? ` (÷ built-in Webhook ${ci(interval(sig[c], hook[c], 'p99'))})`
						: '';
				addRounds(
					`Ingestion c=${c}: p99 ÷ ${name}${webhook}`,
					ms(sig[c].p99),
					ms(base[c].p99),
					perRound(sig[c], base[c], 'p99'),
					'≤ 1.1×',
					`Ingestion c=${c}, p99 ÷ ${name.replace('trivial trigger', 'trivial')}`,
				);
			}
		}
	}
	if (r.downlink) {
		const sig = r.downlink.fixed['Sigfox Trigger, fixed downlink'];
		const baselines = [
			'trivial trigger, fixed body',
			'trivial trigger + credential, fixed body',
		].filter((b) => r.downlink.fixed[b]);
		for (const c of Object.keys(sig)) {
			for (const name of baselines) {
				const base = r.downlink.fixed[name];
				const short = name.replace('trivial trigger', 'trivial').replace(', fixed body', '');
				for (const p of ['p50', 'p99']) {
					addRounds(
						`Downlink, fixed value, c=${c}: ${p} ÷ ${name}`,
						ms(sig[c][p]),
						ms(base[c][p]),
						perRound(sig[c], base[c], p),
						'≤ 1.1×',
						`Downlink c=${c}, ${p} ÷ ${short}`,
					);
				}
			}
		}
		const wf = r.downlink.workflow;
		add(
			`Downlink from the workflow (Build Answer), ${wf.devices} devices at once: p99 ÷ Sigfox's deadline`,
			ms(wf.p99),
			ms(wf.deadlineMs),
			wf.p99 / wf.deadlineMs,
			'< 1×',
			wf.p99 < wf.deadlineMs && wf.failures === 0,
			`From the workflow, ${wf.devices} devices: p99 ÷ 10 s`,
		);
	}
	if (r.pagination) {
		const p = r.pagination;
		add(
			`Pagination, ${int(p.devices)} devices: requests of the node (⌈N/100⌉ = ${int(p.expectedRequests)})`,
			int(p.nodeRequests),
			int(p.bareRequests),
			p.nodeRequests / p.expectedRequests,
			'= 1×',
			p.nodeRequests === p.expectedRequests,
			false,
		);
		add(
			`Pagination, ${int(p.devices)} devices: time ÷ bare undici loop`,
			s(p.nodeMs),
			s(p.bareMs),
			p.nodeMs / p.bareMs,
			'≤ 1.25×',
			p.nodeMs / p.bareMs <= 1.25,
			`Pagination of ${int(p.devices)}: time ÷ bare loop`,
		);
	}
	if (r.rateLimits) {
		const rl = r.rateLimits;
		const on429 = rl.node.answers[429] ?? 0;
		add(
			`Messages of ${rl.devices} devices × ${rl.pages} pages, documented-limit pacing: time ÷ minimum the limits allow`,
			s(rl.node.wallMs),
			s(rl.minimum.wallMs),
			rl.node.wallMs / rl.minimum.wallMs,
			'≤ 1.1×',
			rl.node.wallMs / rl.minimum.wallMs <= 1.1 && rl.node.surfaced === 0,
			'Paced message reads: time ÷ minimum',
		);
		add(
			`… 429s answered by the simulator / surfaced to the workflow`,
			`${on429} / ${rl.node.surfaced}`,
			`${rl.minimum.answers[429] ?? 0} / –`,
			NaN,
			'0 surfaced',
			rl.node.surfaced === 0,
			false,
		);
	}
	if (r.bulk) {
		const b = r.bulk;
		add(
			`Bulk registration of ${int(b.devices)} devices: bulk calls, time to all accounted for`,
			`${b.bulkCalls} call(s), ${s(b.wallMs)}`,
			'1 call (no item limit is documented)',
			b.bulkCalls,
			'= 1 call',
			b.bulkCalls === 1 && b.registered === b.devices && b.status === 200,
			false,
		);
	}
	if (r.decode) {
		add(
			'Payload decoding: compiled decoder ÷ sigfox-parser (frames/s)',
			int(r.decode.mix.ours),
			int(r.decode.mix.theirs),
			r.decode.mix.ratio,
			'(no goal)',
			true,
			false,
		);
	}
	return rows;
}

/** A small horizontal bar chart of the ratios against their goals; hand-written SVG, no dependency. */
function chart(rows) {
	const plotted = rows.filter((row) => row.plot && Number.isFinite(row.ratio));
	const width = 640;
	const left = 300;
	const barArea = width - left - 70;
	const rowHeight = 22;
	const top = 34;
	const height = top + plotted.length * rowHeight + 30;
	const max = Math.max(1.5, ...plotted.map((row) => Math.max(row.ratio, row.interval?.high ?? 0)));
	const scale = (v) => left + (Math.min(v, max) / max) * barArea;
	const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const lines = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
		`<rect width="${width}" height="${height}" fill="#fff"/>`,
		`<text x="8" y="18" font-size="12" font-weight="bold">npm run bench: ratio (bar), 95% interval (whisker), goal (tick); green met, red missed, grey undecided</text>`,
		`<line x1="${scale(1).toFixed(1)}" y1="${top - 6}" x2="${scale(1).toFixed(1)}" y2="${height - 24}" stroke="#999" stroke-dasharray="3,3"/>`,
		`<text x="${scale(1).toFixed(1)}" y="${height - 10}" text-anchor="middle" fill="#666">1×</text>`,
	];
	plotted.forEach((row, i) => {
		const y = top + i * rowHeight;
		const goal = Number(/[\d.]+/.exec(row.goal)?.[0]);
		const label = row.plot;
		lines.push(
			`<text x="8" y="${y + 14}">${esc(label)}</text>`,
			`<rect x="${left}" y="${y + 4}" width="${Math.max(1, scale(row.ratio) - left).toFixed(1)}" height="${rowHeight - 8}" fill="${{ met: '#3a9a5b', missed: '#c8453b' }[row.verdict] ?? '#9a9a9a'}"/>`,
		);
		const high = Number.isFinite(row.interval?.high) ? row.interval.high : row.ratio;
		if (Number.isFinite(row.interval?.low)) {
			const middle = y + rowHeight / 2;
			lines.push(
				`<line x1="${scale(row.interval.low).toFixed(1)}" y1="${middle}" x2="${scale(high).toFixed(1)}" y2="${middle}" stroke="#333"/>`,
				...[row.interval.low, high].map(
					(v) =>
						`<line x1="${scale(v).toFixed(1)}" y1="${middle - 4}" x2="${scale(v).toFixed(1)}" y2="${middle + 4}" stroke="#333"/>`,
				),
			);
		}
		lines.push(
			`<text x="${(Math.max(scale(row.ratio), scale(high)) + 4).toFixed(1)}" y="${y + 14}">${row.ratio.toFixed(2)}×</text>`,
		);
		if (Number.isFinite(goal)) {
			lines.push(
				`<line x1="${scale(goal).toFixed(1)}" y1="${y + 1}" x2="${scale(goal).toFixed(1)}" y2="${y + rowHeight - 1}" stroke="#000" stroke-width="2"/>`,
			);
		}
	});
	lines.push('</svg>');
	return `${lines.join('\n')}\n`;
}

function ingestionTable(results, targets, baseline) {
	const lines = [
		`| Target | Concurrency | Requests | Requests/s (wall) | n8n CPU per request | p50 | p99 | Requests/s ÷ ${baseline} (95% CI) | CPU capacity ÷ ${baseline} (95% CI) | p99 ÷ ${baseline} (95% CI) | Failures |`,
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const c of Object.keys(results[targets[0]])) {
		const base = results[baseline][c];
		for (const target of targets) {
			const t = results[target][c];
			lines.push(
				target === baseline
					? `| ${target} | ${c} | ${int(t.count)} | ${t.requestsPerSecond.toFixed(1)} | ${ms(t.n8nCpuMsPerRequest)} | ${ms(t.p50)} | ${ms(t.p99)} | 1× | 1× | 1× | ${t.failures} |`
					: `| ${target} | ${c} | ${int(t.count)} | ${t.requestsPerSecond.toFixed(1)} | ${ms(t.n8nCpuMsPerRequest)} | ${ms(t.p50)} | ${ms(t.p99)} | ${ci(interval(t, base, 'wall'))} | ${ci(interval(t, base, 'capacity'))} | ${ci(interval(t, base, 'p99'))} | ${t.failures} |`,
			);
		}
	}
	return lines;
}

function profileSection(profiles) {
	const names = Object.keys(profiles);
	const owners = [...new Set(names.flatMap((n) => Object.keys(profiles[n].selfMsPerRequest)))];
	const cell = (n, o) => (profiles[n].selfMsPerRequest[o] ?? 0).toFixed(3);
	const sig = profiles['Sigfox Trigger'];
	const lines = [
		`CPU profile of n8n's main process (V8 sampling profiler through its inspector, 0.5 ms interval) during ${int(sig.requests)} requests at c=20 to each trigger, after the timed runs. CPU time per request, by the code that spent it (self time):`,
		'',
		`| Spent in | ${names.join(' | ')} |`,
		`|---|${names.map(() => '---:').join('|')}|`,
		...owners.map((o) => `| ${o} | ${names.map((n) => `${cell(n, o)} ms`).join(' | ')} |`),
		`| **n8n busy, total** | ${names.map((n) => `**${profiles[n].busyMsPerRequest.toFixed(3)} ms**`).join(' | ')} |`,
		`| of which inside the trigger's webhook() | ${names.map((n) => `${profiles[n].webhookMsPerRequest.toFixed(3)} ms`).join(' | ')} |`,
		...Object.keys(sig.spotlightMsPerRequest ?? {}).map(
			(label) =>
				`| of which ${label} | ${names.map((n) => `${(profiles[n].spotlightMsPerRequest?.[label] ?? 0).toFixed(3)} ms`).join(' | ')} |`,
		),
		'',
		`Inside the Sigfox Trigger's webhook(): ${Object.entries(sig.insideWebhookMsPerRequest)
			.map(([o, v]) => `${o} ${v.toFixed(3)} ms`)
			.join(
				', ',
			)}. Hottest functions of our package and zod (self time per request): ${sig.hottestOfOursAndZod
			.map((f) => `\`${f.name}\` ${f.ms.toFixed(4)} ms`)
			.join(', ')}.`,
	];
	return lines;
}

/** "4 met, 1 missed, 5 undecided of 10". */
function tallyOf(rows) {
	const count = (v) => rows.filter((row) => row.verdict === v).length;
	return `${count('met')} met, ${count('missed')} missed, ${count('undecided')} undecided of ${rows.length}`;
}

/**
 * Whether the Sigfox Trigger's ratio to the bare trivial trigger is within what the credential alone does to the trivial
 * trigger: per comparison and concurrency, do the two 95% intervals (each ÷ bare trivial) overlap.
 */
function credentialOverlap(r) {
	const sets = [
		[
			'ingestion CPU capacity',
			r.ingestion,
			['Sigfox Trigger', 'trivial trigger', 'trivial trigger + credential'],
			'capacity',
		],
		[
			'ingestion p99',
			r.ingestion,
			['Sigfox Trigger', 'trivial trigger', 'trivial trigger + credential'],
			'p99',
		],
		...(r.downlink?.fixed
			? [
					[
						'fixed downlink p50',
						r.downlink.fixed,
						[
							'Sigfox Trigger, fixed downlink',
							'trivial trigger, fixed body',
							'trivial trigger + credential, fixed body',
						],
						'p50',
					],
				]
			: []),
	];
	const overlapping = [];
	const apart = [];
	for (const [label, targets, [ours, plain, credentialed], what] of sets) {
		if (!targets[credentialed]) continue;
		for (const c of Object.keys(targets[ours])) {
			const a = interval(targets[ours][c], targets[plain][c], what);
			const b = interval(targets[credentialed][c], targets[plain][c], what);
			if (!Number.isFinite(a.low) || !Number.isFinite(b.low)) continue;
			(a.low <= b.high && b.low <= a.high ? overlapping : apart).push(`${label} c=${c}`);
		}
	}
	return [
		`The Sigfox Trigger's interval ÷ the bare trivial trigger overlaps the credentialed trivial trigger's in ${overlapping.length} of`,
		`${overlapping.length + apart.length} comparisons${apart.length ? ` (apart: ${apart.join(', ')})` : ''}: where they overlap, the Sigfox Trigger's gap to the bare trivial trigger cannot be told from what the credential alone costs in n8n.`,
	];
}

/** What the profile and the alternated rounds say about the ingestion and downlink goals, from the figures. */
function findings(r) {
	const sig = r.profile['Sigfox Trigger'];
	const ours = (sig.selfMsPerRequest['n8n-nodes-sigfox'] ?? 0) + (sig.selfMsPerRequest.zod ?? 0);
	const withCredential = r.ingestion['trivial trigger + credential'];
	const cpu = (t) =>
		Object.keys(t)
			.map((c) => `${t[c].n8nCpuMsPerRequest.toFixed(1)}`)
			.join(' / ');
	// The ingestion and downlink goals, counted per baseline (rows name theirs: "÷ trivial trigger[ + credential]").
	const tally = (credential) => {
		const rows = goals(r).filter(
			(row) =>
				/^(Ingestion|Downlink, fixed)/.test(row.what) &&
				row.what.includes('+ credential') === credential,
		);
		return tallyOf(rows);
	};
	// What carrying the credential alone does to the trivial trigger, beside what the Sigfox Trigger does, per-round
	// ratios with their 95% intervals.
	const effect = (targets, [ours, plain, credentialed], what) =>
		Object.keys(targets[ours])
			.map(
				(c) =>
					`c=${c} ${ci(interval(targets[credentialed][c], targets[plain][c], what))} vs ${ci(interval(targets[ours][c], targets[plain][c], what))}`,
			)
			.join(', ');
	const ingestionTargets = ['Sigfox Trigger', 'trivial trigger', 'trivial trigger + credential'];
	const downlinkTargets = [
		'Sigfox Trigger, fixed downlink',
		'trivial trigger, fixed body',
		'trivial trigger + credential, fixed body',
	];
	const lines = [
		'**Reading the ingestion and downlink figures.**',
		`Verdicts of this run: ${tally(true)} against the trivial trigger carrying the same credential; ${tally(false)} against`,
		'the bare trivial trigger. What carrying the credential alone does to the trivial trigger, beside what the Sigfox Trigger',
		'does (credentialed trivial ÷ bare trivial vs Sigfox Trigger ÷ bare trivial, per-round ratios, 95% intervals):',
		`CPU capacity ${effect(r.ingestion, ingestionTargets, 'capacity')};`,
		`ingestion p99 ${effect(r.ingestion, ingestionTargets, 'p99')};`,
		...(r.downlink?.fixed
			? [`fixed downlink p50 ${effect(r.downlink.fixed, downlinkTargets, 'p50')}.`]
			: []),
		`Our code — the Sigfox Trigger's secret check, body check, normalisation and decoding — spent ${ours.toFixed(3)} ms of CPU per`,
		`uplink (self time of our package and zod), ${((100 * ours) / sig.busyMsPerRequest).toFixed(1)}% of the ${sig.busyMsPerRequest.toFixed(1)} ms n8n spent; the whole webhook()`,
		`took ${sig.webhookMsPerRequest.toFixed(3)} ms, most of it writing the answer, as for the trivial trigger.`,
	];
	if (withCredential) {
		lines.push(
			`n8n CPU per request at c = ${Object.keys(withCredential).join(' / ')}: ${cpu(r.ingestion['Sigfox Trigger'])} ms for the Sigfox Trigger,`,
			`${cpu(withCredential)} ms for the trivial trigger carrying the same credential, ${cpu(r.ingestion['trivial trigger'])} ms for the bare trivial trigger.`,
			'For a workflow whose nodes have a credential, n8n runs its credential permission check and its dynamic-credentials hook',
			'before every execution, with database queries (the profile sees their JavaScript; their SQLite work runs on the thread',
			'pool and shows only in the CPU per request). Every trigger that registers its own webhooks through an API needs that',
			'credential. Beyond it the profile finds no code of ours on the path.',
			...credentialOverlap(r),
			"The answer latency of a request grows with the previous executions' work, which still holds n8n's event loop even at c=1.",
		);
	}
	lines.push(
		'Two costs n8n put on every callback because of our node description were removed after earlier runs of this benchmark:',
		"the device type locator's ID pattern, which n8n checks in a sandbox before every execution (1.2 ms of ~14 ms per uplink),",
		"and expressions in the bidirectional webhook's response mode, evaluated before every downlink answer (0.5 ms).",
	);
	return lines;
}

/** The machine's other load while the ingestion and downlink comparisons ran (bench/run.js sampleOtherLoad). */
function otherLoadLine(r) {
	const phases = ['ingestion', 'downlink'].filter((name) => r.otherLoad?.[name]);
	if (phases.length === 0) return ['(other work on the machine shows there).'];
	return [
		`other load, sampled every 5 s as the cores busy outside the bench's own processes (n8n, its children, the client): ${phases
			.map((name) => {
				const o = r.otherLoad[name];
				return `${name} ${o.otherCoresMean.toFixed(2)} cores on average, ${o.otherCoresMax.toFixed(2)} at most, others' jest or n8n processes running in ${o.sampledWithForeign} of ${o.samples} samples`;
			})
			.join('; ')}.`,
	];
}

const verdictCell = (v) => ({ met: 'met', missed: '**missed**', undecided: '*undecided*' })[v];

/** For a goal judged on rounds: from which round count its verdict stayed, or the rounds an undecided one would need. */
function roundsCell(row) {
	if (!row.settled) return '–';
	const { verdict: v, from, needed } = row.settled;
	if (v !== 'undecided') return `${from} of ${row.interval.n}`;
	if (needed === Infinity || needed === null) return 'on the goal';
	return `≈${int(needed)} needed`;
}

/** How many rounds the interval-judged goals took, and what the undecided ones would take at this run's spread. */
function roundsSummary(r, rows) {
	const judged = rows.filter((row) => row.settled);
	if (judged.length === 0) return [];
	const decided = judged.filter((row) => row.verdict !== 'undecided');
	const open = judged.filter((row) => row.verdict === 'undecided');
	const finite = open.map((row) => row.settled.needed).filter((n) => Number.isFinite(n));
	const seconds = ['ingestion', 'downlink']
		.filter((name) => r.phaseSeconds?.[name])
		.map((name) => `${name} ${Math.round(r.phaseSeconds[name] / 60)} min`)
		.join(', ');
	// A decided verdict that some shorter prefix of the rounds gave the other way round (met ↔ missed).
	const flipped = judged.filter(
		(row) => row.verdict !== 'undecided' && row.settled.contradictedBy > 0,
	).length;
	return [
		`**Rounds.** ${r.load.rounds} rounds (${seconds || 'time not recorded'}). Of the ${judged.length} goals judged on rounds, ${decided.length} were`,
		decided.length
			? `decided, every one of them by round ${Math.max(...decided.map((row) => row.settled.from))} (its verdict the same with any longer prefix of the rounds;`
			: 'decided (',
		`median round ${decided.length ? median(decided.map((row) => row.settled.from)) : '–'}); ${open.length} stayed undecided${
			open.length
				? `: at this run's spread they would need ${finite.length ? `about ${int(Math.min(...finite))}${finite.length > 1 ? `–${int(Math.max(...finite))}` : ''} rounds` : 'more rounds than can be counted'}${open.length > finite.length ? ` (${open.length - finite.length} sit on their goal: no round count decides them)` : ''}`
				: ''
		}. ${flipped ? `${flipped} decided goal(s) had the opposite verdict after fewer rounds.` : 'No shorter prefix of the rounds ever gave a goal the opposite of its final verdict (met for missed or missed for met).'}`,
	];
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function section(r) {
	const m = r.machine;
	const rows = goals(r);
	const out = [
		'## n8n: the nodes against their baselines',
		'',
		`\`${r.command}\` (${r.at.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(r.durationS / 60)} min) on ${m.cpu} (${m.cores} vCPU, ${m.memoryGiB} GiB), ${m.os}:`,
		`one real **n8n ${r.versions.n8n}** on Node ${r.versions.n8nNode}, started by \`scripts/stack.js\` with the packed package, the bench's trivial`,
		'trigger (`bench/trivial-trigger`, installed into the same nodes folder) and the Sigfox Cloud simulator in the bench process.',
		`n8n settings: **\`N8N_EXPRESSION_ENGINE=${r.n8nSettings.N8N_EXPRESSION_ENGINE}\`** (the engine dominates webhook throughput: about 3× the`,
		`default \`vm\` engine's, [docs/development/running-n8n.md](docs/development/running-n8n.md#throughput)), ${r.n8nSettings.database}, ${r.n8nSettings.executions}, log level ${r.n8nSettings.logLevel},`,
		`\`NODE_OPTIONS=${r.n8nSettings.profiling}\` for the profile (inspector on loopback, idle while timing).`,
		`Load: ${r.load.client} (bench client on Node ${m.benchNode}), at most ${Math.max(...r.load.concurrencies)} requests in flight;`,
		`n8n and the client **share the ${m.cores} cores**, so the figures are a floor, not n8n's capacity. Load average ${r.loadAverage.before.map((v) => v.toFixed(1)).join(' / ')} before, ${r.loadAverage.after.map((v) => v.toFixed(1)).join(' / ')} after;`,
		...otherLoadLine(r),
		'',
		`**How the ingestion and downlink goals are judged.** Each comparison alternates its targets in **${r.load.rounds} rounds** at each`,
		`concurrency (${Object.entries(r.load.requestsPerTargetPerRound ?? {})
			.map(([c, n]) => `${n} requests per target per round at c=${c}`)
			.join(', ')}; the order rotates from round to round), and`,
		"each round gives one ratio per comparison, taken between targets that ran next to each other, which cancels the machine's",
		'load of that moment. A ratio is the geometric mean of its round ratios with a **95% Student t interval over their logarithms**',
		'(`bench/stats.js`): t rather than a bootstrap because with 10–30 rounds a percentile bootstrap is too narrow (9–18% under t)',
		'and would call goals the data do not decide; logs because a ratio and its inverse must sit at the same distance from 1×.',
		'A goal is **met** or **missed** only when its whole interval is on one side of it, **undecided** otherwise; an undecided',
		'goal is a ratio within the noise of its goal, not a failure. "Rounds" gives, for a decided goal, the round count from which',
		'its verdict stayed the same (every longer prefix of the rounds gives it), for an undecided one the rounds its spread in this',
		'run would need (t·sd/√n under the distance to the goal), "on the goal" when no count would do. With 20 goals at 95% each,',
		'about one interval in twenty misses its true ratio: read a lone verdict at the edge of its goal with that in mind.',
		`\`BENCH_ROUNDS=N npm run bench\` (or \`npm run bench -- --rounds=N\`) changes the count. The ms and req/s figures are pooled over all rounds.`,
		'',
		...roundsSummary(r, rows),
		'',
		`![Ratios against the goals](${CHART})`,
		'',
		'| Comparison | Ours | Baseline | Ratio (95% CI) | Goal | Verdict | Rounds |',
		'|---|---:|---:|---:|---|---|---|',
		...rows.map(
			(row) =>
				`| ${row.what} | ${row.ours} | ${row.base} | ${row.interval ? ci(row.interval) : Number.isFinite(row.ratio) ? x(row.ratio) : '–'} | ${row.goal} | ${verdictCell(row.verdict)} | ${roundsCell(row)} |`,
		),
	];
	if (r.ingestion) {
		out.push(
			'',
			'### 1. Ingestion, answered once the execution is stored',
			'',
			"The same Sigfox-shaped uplink body (rendered from the trigger's own callback template, 20 devices in turn) to: the Sigfox",
			'Trigger (secret check, body check, normalisation, payload decoding with a 4-field config), the trivial trigger',
			"(answers 204 and returns the body as its item), the same trivial trigger with the Sigfox Trigger's credential set on",
			"the node (never read: n8n checks the credentials of a workflow's nodes before every execution) and n8n's built-in",
			'Webhook node, each feeding the same No Operation node. Requests/s is counted until every execution has finished',
			"(all four are answered by n8n as an On Received webhook is, 204 once it has stored the execution: the Sigfox Trigger's",
			'uplinks since issue 21, so that a process dying before then leaves Sigfox unanswered and the callback is sent again',
			"instead of answered and never run); n8n CPU per request is its main process's user + system time",
			'over the same span, the stable measure on a shared machine (n8n is CPU-bound here: capacity = 1 / CPU per request).',
			'',
			...ingestionTable(r.ingestion, Object.keys(r.ingestion), 'trivial trigger'),
		);
	}
	if (r.profile) out.push('', '#### Where the time goes', '', ...profileSection(r.profile));
	if (r.profile && r.ingestion) out.push('', ...findings(r));
	if (r.downlink) {
		const wf = r.downlink.workflow;
		out.push(
			'',
			'### 2. Downlink answer',
			'',
			'A bidirectional uplink (`ack: true`) answered with a fixed 8-byte downlink by the Sigfox Trigger (Fixed Value), against the',
			'trivial trigger answering a fixed JSON body of the same shape, without and with the credential on the node.',
			'',
			...ingestionTable(
				r.downlink.fixed,
				Object.keys(r.downlink.fixed),
				'trivial trigger, fixed body',
			),
			'',
			`"From the Workflow" ending in Downlink → Build Answer, ${wf.devices} devices sending at once (${int(wf.count)} uplinks):`,
			`p50 ${ms(wf.p50)}, p90 ${ms(wf.p90)}, **p99 ${ms(wf.p99)}**, max ${ms(wf.max)} against Sigfox's 10,000 ms; ${wf.failures} failures.`,
		);
	}
	if (r.pagination) {
		const p = r.pagination;
		out.push(
			'',
			'### 3. Pagination',
			'',
			`Device → Get Many with Return All over ${int(p.devices)} devices of one device type (written into the simulator's state),`,
			'started by a Webhook (respond when the last node finishes; the 100,000 items are not saved), against a bare undici loop',
			"in a process of its own on n8n's Node (`bench/bare-pages.js`) following `paging.next` and keeping every device. Best of two alternated runs each",
			`(node ${p.allRunsMs.node.map(s).join(', ')}; bare ${p.allRunsMs.bare.map(s).join(', ')}). The simulator spends about 40 ms a page sorting`,
			'the fleet, the same for both.',
			'',
			'| | Requests | Time | n8n RSS before → peak |',
			'|---|---:|---:|---:|',
			`| Sigfox node (Return All) | ${int(p.nodeRequests)} | ${s(p.nodeMs)} | ${mib(p.n8nRssBefore)} → ${mib(p.n8nPeakRss)} (the earlier cases had grown the heap) |`,
			`| bare undici loop | ${int(p.bareRequests)} | ${s(p.bareMs)} | – |`,
		);
	}
	if (r.rateLimits || r.bulk) out.push('', '### 4. Rate limits, in real time');
	if (r.rateLimits) {
		const rl = r.rateLimits;
		out.push(
			'',
			`Messages of ${rl.devices} devices, ${rl.pages} pages of 100 each (${rl.devices * rl.pages} input items to Device → Get Messages, one page each:`,
			"Limit 100 and `before` at the page's end, pages in turn across the devices) through the credential with the documented",
			"limits; each read counts against the simulator's 1 request/s per device (`paging.next` links would not count: [api.md](docs/sigfox/api.md#paging)).",
			"The minimum the limits allow: a bare client reading the devices side by side, each device's next page one second after the",
			`answer to its previous one (Sigfox counts a request on receipt, between our sending and its answer). Node: ${s(rl.node.wallMs)}, answers ${JSON.stringify(rl.node.answers)}, ${rl.node.surfaced} surfaced error(s);`,
			`minimum: ${s(rl.minimum.wallMs)}, answers ${JSON.stringify(rl.minimum.answers)}.`,
		);
	}
	if (r.bulk) {
		const b = r.bulk;
		out.push(
			'',
			`Device Bulk → Create of ${int(b.devices)} devices with Job Size 20,000 and Wait for Completion: ${b.bulkCalls} bulk call(s),`,
			`${b.statusPolls} job-status read(s), ${int(b.registered)} devices registered, every device accounted for in ${s(b.wallMs)}.`,
			`The bulk call reached the simulator ${s(b.firstBulkCallMs)} after the webhook was called (n8n splitting the 20,000 items and the`,
			"node reading each device's parameters); the simulator finishes a job 2 s after its start. With the default Job Size of",
			'10,000 the same fleet takes 2 jobs (with 1,000 it took 20, and Sigfox allows 5 per 10 minutes: at least 30 minutes of waiting).',
		);
		if (b.profile) {
			const top = (entries) =>
				Object.entries(entries)
					.slice(0, 6)
					.map(([o, v]) => `${o} ${v.toFixed(3)} ms`)
					.join(', ');
			out.push(
				'',
				`Profiled on a second registration of ${int(b.profile.devices)} devices: n8n busy ${b.profile.busyMsPerRequest.toFixed(3)} ms per device (${top(b.profile.selfMsPerRequest)});`,
				`inside the node's execute() ${b.profile.webhookMsPerRequest.toFixed(3)} ms per device (${top(b.profile.insideWebhookMsPerRequest)}).`,
				`Hottest functions of our package and zod: ${b.profile.hottestOfOursAndZod
					.slice(0, 5)
					.map((f) => `\`${f.name}\` ${f.ms.toFixed(4)} ms`)
					.join(', ')}.`,
			);
		}
	}
	if (r.decode) {
		out.push(
			'',
			'### 5. Payload decoding',
			'',
			`From \`${r.decode.command}\` (its own section above): ${int(r.decode.mix.ours)} frames/s compiled once against ${int(r.decode.mix.theirs)} for`,
			`sigfox-parser, ${x(r.decode.mix.ratio)}.`,
		);
	}
	out.push('', 'Raw figures: `bench/results/n8n.json` (not committed).');
	return { text: out.join('\n'), rows };
}

function printTable(rows) {
	const width = Math.max(...rows.map((row) => row.what.length));
	process.stdout.write('\n');
	for (const row of rows) {
		process.stdout.write(
			`${row.what.padEnd(width)}  ${String(row.ours).padStart(22)}  ${String(row.base).padStart(22)}  ${(row.interval ? ci(row.interval) : Number.isFinite(row.ratio) ? x(row.ratio) : '').padStart(19)}  ${row.goal.padEnd(10)} ${{ met: 'met', missed: 'MISSED', undecided: 'undecided' }[row.verdict].padEnd(9)} ${row.settled ? roundsCell(row) : ''}\n`,
		);
	}
	process.stdout.write('\n');
}

/** Prints the table and rewrites this command's section of BENCHMARKS.md and the chart from the results. */
function write(results) {
	const { text, rows } = section(results);
	printTable(rows);
	fs.writeFileSync(path.join(ROOT, CHART), chart(rows));
	writeBenchmarksSection('bench:n8n', text);
}

module.exports = { write, goals, chart, section };

if (require.main === module) {
	write(JSON.parse(fs.readFileSync(path.join(__dirname, 'results', 'n8n.json'), 'utf8')));
}
