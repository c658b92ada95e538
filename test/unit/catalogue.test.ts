import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';

const apiResources = ['device', 'deviceBulk', 'deviceType', 'callback'];
const operationsOf = (resource: string) => catalogue.find((r) => r.value === resource)!.operations;
const find = (resource: string, operation: string) =>
	operationsOf(resource).find((o) => o.value === operation)!;
const noticeText = (resource: string, operation: string) =>
	find(resource, operation)
		.fields.filter((f) => f.property.type === 'notice')
		.map((f) => f.property.displayName)
		.join(' ');

describe('the Sigfox node catalogue', () => {
	it('has the 48 device, device bulk, device type and callback operations, each with its request', () => {
		const counts = apiResources.map((resource) => operationsOf(resource).length);
		expect(counts).toEqual([16, 13, 12, 7]);
		for (const resource of apiResources) {
			for (const operation of operationsOf(resource)) expect(operation.endpoint).toBeDefined();
		}
	});

	it('gives an AI agent an action and a description for every operation', () => {
		expect(new Sigfox().description.usableAsTool).toBe(true);
		for (const resource of catalogue) {
			const values = resource.operations.map((o) => o.value);
			expect(new Set(values).size).toBe(values.length);
			for (const operation of resource.operations) {
				expect(operation.action.length).toBeGreaterThan(5);
				expect(operation.description.length).toBeGreaterThan(20);
			}
		}
	});

	it.each([
		['device', 'unsubscribe'],
		['deviceBulk', 'unsubscribe'],
		['deviceBulk', 'transfer'],
		['deviceBulk', 'replace'],
	])('%s → %s cannot run without an explicit confirmation', (resource, operation) => {
		const confirmations = find(resource, operation).fields.filter((f) => f.confirms);
		expect(confirmations).toHaveLength(1);
		expect(confirmations[0].property).toMatchObject({ type: 'boolean', default: false });
	});

	it('shows the subscription traps in the UI', () => {
		expect(noticeText('deviceBulk', 'transfer')).toMatch(/another order loses the token/);
		expect(noticeText('deviceBulk', 'suspend')).toMatch(/Suspended devices are still billed/);
		expect(noticeText('device', 'update')).toMatch(
			/one update or deletion per device per hour.*Bulk/,
		);
		expect(noticeText('device', 'delete')).toMatch(/per hour/);
		const renewal = find('device', 'update')
			.fields.flatMap((f) => (f.property.options ?? []) as INodeProperties[])
			.find((o) => o.name === 'automaticRenewal');
		expect(renewal?.description).toMatch(/does not stop billing/);
	});

	it('offers enums as named options, not numbers to type', () => {
		const create = find('callback', 'create').fields.map((f) => f.property);
		for (const name of ['channel', 'callbackType', 'callbackSubtype']) {
			expect(create.find((p) => p.name === name)?.type).toBe('options');
		}
		const deviceTypeCreate = find('deviceType', 'create').fields.map((f) => f.property);
		for (const name of ['downlinkMode', 'payloadType']) {
			expect(deviceTypeCreate.find((p) => p.name === name)?.type).toBe('options');
		}
	});
});
