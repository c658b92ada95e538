import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';
import { loadContract } from '../support/contract';

const operationsOf = (resource: string) => catalogue.find((r) => r.value === resource)!.operations;
const find = (resource: string, operation: string) =>
	operationsOf(resource).find((o) => o.value === operation)!;
const noticeText = (resource: string, operation: string) =>
	find(resource, operation)
		.fields.filter((f) => f.property.type === 'notice')
		.map((f) => f.property.displayName)
		.join(' ');

describe('the Sigfox node catalogue', () => {
	it('calls every route of the API contract from exactly one operation', () => {
		const called = catalogue
			.flatMap((r) => r.operations)
			.flatMap((o) => ('endpoint' in o ? [`${o.endpoint.method} ${o.endpoint.path}`] : []));
		const contract = loadContract();
		const routes = Object.entries(contract.paths).flatMap(([path, item]) =>
			Object.keys(item)
				.filter((method) => method !== 'parameters')
				.map((method) => `${method.toUpperCase()} ${path}`),
		);
		expect([...called].sort()).toEqual(routes.sort());
	});

	it('offers Return All and Limit on exactly the lists Sigfox pages', () => {
		const properties = new Sigfox().description.properties;
		for (const resource of catalogue) {
			for (const operation of resource.operations) {
				const offersLimit = properties.some(
					(p) =>
						p.name === 'returnAll' &&
						p.displayOptions?.show?.resource?.includes(resource.value) &&
						p.displayOptions?.show?.operation?.includes(operation.value),
				);
				const paged = operation.kind === 'list' && operation.endpoint.paged === true;
				expect([`${resource.value}.${operation.value}`, offersLimit]).toEqual([
					`${resource.value}.${operation.value}`,
					paged,
				]);
			}
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
