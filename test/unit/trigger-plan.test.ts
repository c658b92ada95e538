import type { SigfoxEvent } from '../../nodes/shared/callbacks/events';
import { OWNER_HEADER } from '../../nodes/shared/callbacks/events';
import {
	desiredCallback,
	planCheck,
	planRegistration,
	planRemoval,
	planRestore,
	planSettlement,
	planTakeOver,
	rememberRegistration,
} from '../../nodes/SigfoxTrigger/plan';
import type { Desired, Registration, SigfoxCallback } from '../../nodes/SigfoxTrigger/registration';

const URL = 'https://n8n.example.org/webhook/wf/sigfox-trigger/webhook';
const TEST_URL = 'https://n8n.example.org/webhook-test/wf/sigfox-trigger/webhook';
const DEVICE_TYPE = '5f0c8e1a2b3c4d5e6f700001';
const SECRET = 'a'.repeat(48);

const desired = (overrides: Partial<Desired> = {}): Desired => ({
	deviceTypeId: DEVICE_TYPE,
	url: URL,
	events: ['uplink', 'dataAdvanced'],
	extras: [],
	takeOver: false,
	...overrides,
});

/** A callback as Sigfox would list the one the trigger registers for `event`. */
function registered(
	id: string,
	event: SigfoxEvent,
	overrides: Partial<SigfoxCallback> = {},
	{ url = URL, secret = SECRET } = {},
): SigfoxCallback {
	return {
		id,
		enabled: true,
		downlinkHook: false,
		...desiredCallback(event, url, secret, []),
		...overrides,
	};
}

/** A callback somebody else made on the same device type. */
const foreign = (id: string, overrides: Partial<SigfoxCallback> = {}): SigfoxCallback => ({
	id,
	channel: 'URL',
	callbackType: 0,
	callbackSubtype: 2,
	url: 'https://erp.example.com/sigfox',
	httpMethod: 'POST',
	headers: {},
	enabled: true,
	...overrides,
});

const remembered: Registration = {
	deviceTypeId: DEVICE_TYPE,
	secret: SECRET,
	callbacks: { uplink: 'c1', dataAdvanced: 'c2' },
};

describe('the trigger lifecycle plan', () => {
	describe('checking what exists', () => {
		it.each<[string, SigfoxCallback[], Registration, boolean]>([
			[
				'finds its callbacks as they should be',
				[registered('c1', 'uplink'), registered('c2', 'dataAdvanced')],
				remembered,
				true,
			],
			[
				'ignores foreign callbacks beside its own',
				[foreign('f1'), registered('c1', 'uplink'), registered('c2', 'dataAdvanced')],
				remembered,
				true,
			],
			['wants a missing kind registered', [registered('c1', 'uplink')], remembered, false],
			[
				'wants a disabled callback enabled',
				[registered('c1', 'uplink'), registered('c2', 'dataAdvanced', { enabled: false })],
				remembered,
				false,
			],
			[
				'wants a drifted template repaired',
				[registered('c1', 'uplink'), registered('c2', 'dataAdvanced', { bodyTemplate: '{}' })],
				remembered,
				false,
			],
			[
				'wants a duplicate from a racing activation removed',
				[registered('c1', 'uplink'), registered('c2', 'dataAdvanced'), registered('c3', 'uplink')],
				remembered,
				false,
			],
			[
				'wants a kind no longer selected removed',
				[registered('c1', 'uplink'), registered('c2', 'dataAdvanced'), registered('c4', 'error')],
				remembered,
				false,
			],
			[
				'wants the node moved to another device type registered there',
				[],
				{ ...remembered, deviceTypeId: '5f0c8e1a2b3c4d5e6f700002' },
				false,
			],
		])('%s', (_name, listed, state, exists) => {
			expect(planCheck(desired(), listed, state).exists).toBe(exists);
		});

		it('adopts its callbacks and their secret when static data was lost', () => {
			const check = planCheck(
				desired(),
				[registered('c1', 'uplink'), registered('c2', 'dataAdvanced')],
				{},
			);
			expect(check).toEqual({
				exists: true,
				remember: {
					deviceTypeId: DEVICE_TYPE,
					secret: SECRET,
					callbacks: { uplink: 'c1', dataAdvanced: 'c2' },
				},
			});
		});

		it('wants the downlink taken over when the BIDIR callback does not hold it yet', () => {
			const bidir = desired({ events: ['bidir'], takeOver: true });
			expect(planCheck(bidir, [registered('b1', 'bidir')], { secret: SECRET }).exists).toBe(false);
			expect(
				planCheck(bidir, [registered('b1', 'bidir', { downlinkHook: true })], { secret: SECRET })
					.exists,
			).toBe(true);
		});
	});

	describe('registering', () => {
		it('creates every kind with a new secret on a device type without its callbacks, leaving foreign ones', () => {
			const plan = planRegistration(desired(), [foreign('f1')], {}, 'new-secret');
			expect(plan.secret).toBe('new-secret');
			expect(plan.actions).toEqual([
				{
					action: 'create',
					event: 'uplink',
					body: desiredCallback('uplink', URL, 'new-secret', []),
				},
				{
					action: 'create',
					event: 'dataAdvanced',
					body: desiredCallback('dataAdvanced', URL, 'new-secret', []),
				},
			]);
		});

		it('keeps the secret its callbacks carry when static data was lost', () => {
			const plan = planRegistration(desired(), [registered('c1', 'uplink')], {}, 'new-secret');
			expect(plan.secret).toBe(SECRET);
			expect(plan.actions).toEqual([
				{
					action: 'create',
					event: 'dataAdvanced',
					body: desiredCallback('dataAdvanced', URL, SECRET, []),
				},
			]);
		});

		it('repairs drift in place, enables a disabled callback, and removes a kind no longer selected', () => {
			const listed = [
				registered('c1', 'uplink', { bodyTemplate: '{"old":true}', enabled: false }),
				registered('c2', 'dataAdvanced'),
				registered('c4', 'error'),
			];
			const { url, httpMethod, headers, sendSni, bodyTemplate } = desiredCallback(
				'uplink',
				URL,
				SECRET,
				[],
			);
			expect(planRegistration(desired(), listed, remembered, 'unused').actions).toEqual([
				{ action: 'delete', callbackId: 'c4' },
				{
					action: 'update',
					callbackId: 'c1',
					body: { url, httpMethod, headers, sendSni, bodyTemplate },
				},
				{ action: 'enable', callbackId: 'c1' },
			]);
		});

		it('recreates a callback whose content type changed, which Sigfox cannot update', () => {
			const listed = [
				registered('c1', 'uplink', { contentType: 'text/plain' }),
				registered('c2', 'dataAdvanced'),
			];
			expect(planRegistration(desired(), listed, remembered, 'unused').actions).toEqual([
				{ action: 'delete', callbackId: 'c1' },
				{ action: 'create', event: 'uplink', body: desiredCallback('uplink', URL, SECRET, []) },
			]);
		});

		it('registers a test URL beside the production one without touching it', () => {
			const listed = [registered('c1', 'uplink'), registered('c2', 'dataAdvanced')];
			const plan = planRegistration(desired({ url: TEST_URL }), listed, {}, 'test-secret');
			expect(plan.actions.map((a) => a.action)).toEqual(['create', 'create']);
			expect(plan.actions.every((a) => a.action === 'create' && a.body.url === TEST_URL)).toBe(
				true,
			);
		});
	});

	describe('settling after racing activations', () => {
		it('keeps the lowest id of each kind, deletes the others and agrees on the secret of the lowest kept id', () => {
			const listed = [
				registered('c7', 'uplink', {}, { secret: 'secret-b' }),
				registered('c3', 'uplink', {}, { secret: 'secret-a' }),
				registered('c5', 'dataAdvanced', {}, { secret: 'secret-b' }),
			];
			const settled = planSettlement(desired(), listed, 'secret-b');
			expect(settled).toEqual({
				kept: [listed[1], listed[2]],
				secret: 'secret-a',
				actions: [
					{ action: 'delete', callbackId: 'c7' },
					{ action: 'update', callbackId: 'c5', body: { headers: { [OWNER_HEADER]: 'secret-a' } } },
				],
			});
		});

		it('names a kind Sigfox did not keep', () => {
			expect(planSettlement(desired(), [registered('c1', 'uplink')], SECRET)).toEqual({
				missing: 'dataAdvanced',
			});
		});

		it('remembers the kept callbacks of this webhook beside those of the other', () => {
			const state: Registration = {
				secret: 'old',
				callbacks: { bidir: 'b1', uplink: 'gone' },
				takeover: { previousDownlinkMode: 0 },
			};
			expect(
				rememberRegistration(
					state,
					DEVICE_TYPE,
					['uplink', 'dataAdvanced', 'acknowledge', 'error'],
					[registered('c1', 'uplink')],
					SECRET,
				),
			).toEqual({
				deviceTypeId: DEVICE_TYPE,
				secret: SECRET,
				callbacks: { bidir: 'b1', uplink: 'c1' },
				takeover: { previousDownlinkMode: 0 },
			});
		});
	});

	describe('taking the downlink over and giving it back', () => {
		const ours = registered('b1', 'bidir');

		it('remembers the previous mode and callback, then selects its own BIDIR callback in callback mode', () => {
			const previous = foreign('f9', { callbackSubtype: 3, downlinkHook: true });
			expect(planTakeOver(0, [previous, ours], ours, undefined)).toEqual({
				takeover: { previousDownlinkMode: 0, previousDownlinkCallbackId: 'f9' },
				actions: [
					{ action: 'setDownlinkMode', downlinkMode: 1 },
					{ action: 'selectDownlink', callbackId: 'b1' },
				],
			});
		});

		it('keeps what it remembered on a re-activation, so it never remembers its own settings', () => {
			const earlier = { previousDownlinkMode: 0, previousDownlinkCallbackId: 'f9' };
			const held = registered('b1', 'bidir', { downlinkHook: true });
			expect(planTakeOver(1, [held], held, earlier)).toEqual({ takeover: earlier, actions: [] });
		});

		it('gives back the previous callback (even if deleted meanwhile) and mode', () => {
			expect(planRestore({ previousDownlinkMode: 0, previousDownlinkCallbackId: 'f9' })).toEqual([
				{ action: 'selectDownlink', callbackId: 'f9', mayBeGone: true },
				{ action: 'setDownlinkMode', downlinkMode: 0 },
			]);
			expect(planRestore({ previousDownlinkMode: 1 })).toEqual([]);
			expect(planRestore(undefined)).toEqual([]);
		});
	});

	describe('removing', () => {
		const bidirEvents: SigfoxEvent[] = ['bidir'];

		it('deletes its own callbacks and those remembered by id with its secret, never a foreign one', () => {
			const state: Registration = {
				...remembered,
				callbacks: { uplink: 'c1', dataAdvanced: 'c2' },
			};
			const moved = registered(
				'c2',
				'dataAdvanced',
				{},
				{ url: 'https://old.example.org/webhook' },
			);
			const impostor = registered(
				'c9',
				'uplink',
				{},
				{ url: 'https://old.example.org/webhook', secret: 'other' },
			);
			const removal = planRemoval(
				URL,
				['uplink', 'dataAdvanced', 'acknowledge', 'error'],
				false,
				[foreign('f1'), registered('c1', 'uplink'), moved, impostor],
				state,
			);
			expect(removal).toEqual({
				actions: [
					{ action: 'delete', callbackId: 'c1' },
					{ action: 'delete', callbackId: 'c2' },
				],
				remember: {},
			});
		});

		it('gives the downlink back on the bidirectional webhook and keeps the other webhook remembered', () => {
			const state: Registration = {
				deviceTypeId: DEVICE_TYPE,
				secret: SECRET,
				callbacks: { bidir: 'b1', uplink: 'c1' },
				takeover: { previousDownlinkMode: 0, previousDownlinkCallbackId: 'f9' },
			};
			const removal = planRemoval(
				URL,
				bidirEvents,
				true,
				[registered('b1', 'bidir', { downlinkHook: true })],
				state,
			);
			expect(removal).toEqual({
				actions: [
					{ action: 'delete', callbackId: 'b1' },
					{ action: 'selectDownlink', callbackId: 'f9', mayBeGone: true },
					{ action: 'setDownlinkMode', downlinkMode: 0 },
				],
				remember: { deviceTypeId: DEVICE_TYPE, secret: SECRET, callbacks: { uplink: 'c1' } },
			});
		});

		it('has nothing to do when Sigfox lists nothing of its own', () => {
			expect(planRemoval(URL, bidirEvents, true, [], {})).toEqual({ actions: [], remember: {} });
		});
	});
});
