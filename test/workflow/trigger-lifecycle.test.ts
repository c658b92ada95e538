import type { IDataObject } from 'n8n-workflow';

import { OWNER_HEADER } from '../../nodes/shared/callbacks/events';
import type { WebhookRelay } from '../support/webhook-relay';
import { startWebhookRelay } from '../support/webhook-relay';
import { TriggerInstance } from './trigger-harness';
import { API_USER, FOREIGN_CALLBACK, useSigfoxCloud } from './trigger-support';

const WEBHOOK_BASE = 'https://n8n.example.com';

describe('Sigfox Trigger lifecycle against the Sigfox simulator', () => {
	const { cloud, credentials } = useSigfoxCloud(0.01);
	let deviceTypeId: string;

	const trigger = (
		parameters: IDataObject = {},
		extra: Partial<ConstructorParameters<typeof TriggerInstance>[0]> = {},
	) =>
		new TriggerInstance({
			credentials: credentials(),
			webhookBase: WEBHOOK_BASE,
			parameters: {
				deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
				events: ['uplink', 'dataAdvanced'],
				...parameters,
			},
			...extra,
		});

	const ours = async (instance: TriggerInstance) =>
		(await cloud.callbacks(deviceTypeId)).filter((c) =>
			[instance.url('default'), instance.url('bidir')].includes(c.url as string),
		);
	const kinds = (callbacks: IDataObject[]) =>
		callbacks.map((c) => `${String(c.callbackType)}/${String(c.callbackSubtype)}`).sort();

	beforeEach(async () => {
		deviceTypeId = await cloud.createDeviceType();
		await cloud.api('POST', `/device-types/${deviceTypeId}/callbacks`, FOREIGN_CALLBACK);
	});

	it('registers one callback per selected kind, each with the secret header and a JSON body template', async () => {
		const instance = trigger();

		await instance.activate();

		const callbacks = await ours(instance);
		expect(kinds(callbacks)).toEqual(['0/2', '1/6']);
		const secret = instance.staticData.secret as string;
		expect(secret).toMatch(/^[0-9a-f]{48}$/);
		for (const callback of callbacks) {
			expect(callback).toMatchObject({
				channel: 'URL',
				url: instance.url('default'),
				httpMethod: 'POST',
				contentType: 'application/json',
				enabled: true,
				headers: { [OWNER_HEADER]: secret },
			});
			expect(() =>
				JSON.parse((callback.bodyTemplate as string).replace(/\{\w+\}/g, '0')),
			).not.toThrow();
		}
		expect(instance.staticData.callbacks).toEqual({
			uplink: callbacks.find((c) => c.callbackSubtype === 2)!.id,
			dataAdvanced: callbacks.find((c) => c.callbackSubtype === 6)!.id,
		});
	});

	it('leaves exactly one callback per kind after five n8n restarts', async () => {
		const instance = trigger({
			events: ['uplink', 'bidir', 'acknowledge', 'error', 'dataAdvanced'],
		});
		await instance.activate();
		const first = await ours(instance);

		for (let restart = 0; restart < 5; restart++) await instance.activate('init');

		const after = await ours(instance);
		expect(after).toHaveLength(5);
		expect(after.map((c) => c.id).sort()).toEqual(first.map((c) => c.id).sort());
		expect(kinds(after)).toEqual(['0/2', '0/3', '1/4', '1/6', '2/7']);
		expect((await ours(instance)).filter((c) => c.url === instance.url('bidir'))).toHaveLength(1);
	});

	it('adopts its callbacks and their secret when static data was lost, creating nothing', async () => {
		const original = trigger();
		await original.activate();
		const before = await ours(original);

		const restored = trigger();
		expect(await restored.checkExists('default')).toBe(true);
		await restored.activate();

		expect((await ours(restored)).map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
		expect(restored.staticData.secret).toBe(original.staticData.secret);
		expect(restored.staticData.callbacks).toEqual(original.staticData.callbacks);
	});

	it('re-enables a callback disabled in the portal instead of creating a second one', async () => {
		const instance = trigger();
		await instance.activate();
		const uplink = (await ours(instance)).find((c) => c.callbackSubtype === 2)!;
		await cloud.api(
			'PUT',
			`/device-types/${deviceTypeId}/callbacks/${String(uplink.id)}/enable?enabled=false`,
		);

		expect(await instance.checkExists('default')).toBe(false);
		await instance.activate('init');

		const repaired = (await ours(instance)).filter((c) => c.callbackSubtype === 2);
		expect(repaired).toEqual([expect.objectContaining({ id: uplink.id, enabled: true })]);
	});

	it('repairs a callback edited in the portal in place', async () => {
		const instance = trigger();
		await instance.activate();
		const uplink = (await ours(instance)).find((c) => c.callbackSubtype === 2)!;
		await cloud.api('PUT', `/device-types/${deviceTypeId}/callbacks/${String(uplink.id)}`, {
			bodyTemplate: '{"device":"{device}"}',
		});

		await instance.activate('init');

		const repaired = (await ours(instance)).filter((c) => c.callbackSubtype === 2);
		expect(repaired).toHaveLength(1);
		expect(repaired[0].id).toBe(uplink.id);
		expect(repaired[0].bodyTemplate).toBe(uplink.bodyTemplate);
	});

	it('recreates a callback deleted in the portal, and removes a kind no longer selected', async () => {
		const instance = trigger();
		await instance.activate();
		const uplink = (await ours(instance)).find((c) => c.callbackSubtype === 2)!;
		await cloud.api('DELETE', `/device-types/${deviceTypeId}/callbacks/${String(uplink.id)}`);

		await instance.activate('init');
		expect(kinds(await ours(instance))).toEqual(['0/2', '1/6']);

		const narrowed = trigger({ events: ['uplink'] }, { staticData: instance.staticData });
		await narrowed.activate('update');
		expect(kinds(await ours(narrowed))).toEqual(['0/2']);
		expect(narrowed.staticData.callbacks).toEqual({ uplink: expect.any(String) });
	});

	it('resolves two concurrent activations to one callback per kind and one shared secret', async () => {
		const a = trigger();
		const b = trigger();

		await Promise.all([a.activate(), b.activate()]);

		const callbacks = await ours(a);
		expect(kinds(callbacks)).toEqual(['0/2', '1/6']);
		expect(a.staticData.secret).toBe(b.staticData.secret);
		expect(new Set(callbacks.map((c) => (c.headers as IDataObject)[OWNER_HEADER]))).toEqual(
			new Set([a.staticData.secret]),
		);
	});

	it('removes only its own callbacks on deactivation, and a callback already gone is fine', async () => {
		const instance = trigger({ events: ['uplink', 'bidir'] });
		await instance.activate();
		const [gone] = await ours(instance);
		await cloud.api('DELETE', `/device-types/${deviceTypeId}/callbacks/${String(gone.id)}`);

		await instance.deactivate();

		const left = await cloud.callbacks(deviceTypeId);
		expect(left).toEqual([
			expect.objectContaining({ url: FOREIGN_CALLBACK.url, headers: FOREIGN_CALLBACK.headers }),
		]);
		expect(instance.staticData).toEqual({});
	});

	it('deactivates when it never registered, touching nothing', async () => {
		const instance = trigger();

		await expect(instance.deactivate()).resolves.toBeUndefined();

		expect(await cloud.callbacks(deviceTypeId)).toEqual([
			expect.objectContaining({ url: FOREIGN_CALLBACK.url, headers: FOREIGN_CALLBACK.headers }),
		]);
	});

	it('removes its callbacks on deactivation when static data was lost (n8n killed during activation)', async () => {
		const original = trigger({ events: ['uplink', 'bidir'] });
		await original.activate();
		expect(await ours(original)).toHaveLength(2);

		const restored = trigger({ events: ['uplink', 'bidir'] });
		await restored.deactivate();

		expect(await cloud.callbacks(deviceTypeId)).toEqual([
			expect.objectContaining({ url: FOREIGN_CALLBACK.url, headers: FOREIGN_CALLBACK.headers }),
		]);
	});

	it('keeps a test registration beside the production one, each removed on its own', async () => {
		const production = trigger();
		await production.activate();
		const listening = trigger({}, { test: true });

		await listening.activate();

		const all = await cloud.callbacks(deviceTypeId);
		expect(all.filter((c) => c.url === production.url('default'))).toHaveLength(2);
		expect(all.filter((c) => c.url === listening.url('default'))).toHaveLength(2);
		expect(listening.url('default')).toContain('/webhook-test/');

		await listening.deactivate();
		expect(kinds(await ours(production))).toEqual(['0/2', '1/6']);
		expect(
			(await cloud.callbacks(deviceTypeId)).filter((c) => c.url === listening.url('default')),
		).toHaveLength(0);
	});

	it('moves its callbacks when the node is pointed at another device type', async () => {
		const instance = trigger();
		await instance.activate();
		const first = deviceTypeId;
		const second = await cloud.createDeviceType({ name: 'Other meters' });

		const moved = trigger(
			{ deviceTypeId: { __rl: true, mode: 'id', value: second } },
			{ staticData: instance.staticData },
		);
		await moved.activate('update');

		expect((await cloud.callbacks(first)).map((c) => c.url)).toEqual([FOREIGN_CALLBACK.url]);
		expect(
			kinds((await cloud.callbacks(second)).filter((c) => c.url === moved.url('default'))),
		).toEqual(['0/2', '1/6']);
		expect(moved.staticData.deviceTypeId).toBe(second);
	});

	describe('taking over the downlink', () => {
		it('selects its callback and the CALLBACK mode, and gives both back on deactivation', async () => {
			const foreignBidir = await cloud.api('POST', `/device-types/${deviceTypeId}/callbacks`, {
				...FOREIGN_CALLBACK,
				callbackSubtype: 3,
			});
			await cloud.api('PUT', `/device-types/${deviceTypeId}`, { downlinkMode: 1 });
			await cloud.api(
				'PUT',
				`/device-types/${deviceTypeId}/callbacks/${String(foreignBidir.id)}/downlink`,
			);
			await cloud.api('PUT', `/device-types/${deviceTypeId}`, {
				downlinkMode: 0,
				downlinkDataString: '0102030405060708',
			});
			const instance = trigger({ events: ['bidir'], options: { takeOverDownlink: true } });

			await instance.activate();

			expect((await cloud.deviceType(deviceTypeId)).downlinkMode).toBe(1);
			const bidir = (await ours(instance)).find((c) => c.callbackSubtype === 3)!;
			expect(bidir.downlinkHook).toBe(true);
			expect(
				(await cloud.callbacks(deviceTypeId)).find((c) => c.id === foreignBidir.id)!.downlinkHook,
			).toBe(false);

			await instance.deactivate();

			expect((await cloud.deviceType(deviceTypeId)).downlinkMode).toBe(0);
			expect(
				(await cloud.callbacks(deviceTypeId)).find((c) => c.id === foreignBidir.id)!.downlinkHook,
			).toBe(true);
		});

		it('never takes it over for a test registration', async () => {
			const instance = trigger(
				{ events: ['bidir'], options: { takeOverDownlink: true } },
				{ test: true },
			);

			await instance.activate();

			expect((await cloud.deviceType(deviceTypeId)).downlinkMode).not.toBe(1);
			expect((await ours(instance))[0].downlinkHook).toBe(false);
		});
	});

	it('refuses to register a webhook Sigfox cannot reach when the credential points at Sigfox', async () => {
		const instance = new TriggerInstance({
			credentials: { ...API_USER, baseUrl: 'https://api.sigfox.com/v2' },
			webhookBase: 'http://localhost:5678',
			parameters: {
				deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
				events: ['uplink'],
			},
		});

		await expect(instance.activate()).rejects.toThrow(
			"Sigfox cannot call this workflow's webhook URL http://localhost:5678/webhook/",
		);
	});
});

describe('the webhook relay in front of the trigger', () => {
	it('is only used by the receiving tests', async () => {
		const relay: WebhookRelay = await startWebhookRelay(async () => ({ status: 204 }));
		const response = await fetch(`${relay.origin}/webhook/x/webhook`, { method: 'POST' });
		expect(response.status).toBe(204);
		await relay.close();
	});
});
