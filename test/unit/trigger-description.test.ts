import { NodeHelpers } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { SigfoxTrigger } from '../../nodes/SigfoxTrigger/SigfoxTrigger.node';

describe('Sigfox Trigger description', () => {
	const description = new SigfoxTrigger().description;
	const deviceType = description.properties.find((p) => p.name === 'deviceTypeId')!;

	it('offers the device type from a list or by ID', () => {
		expect(deviceType.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	});

	it('gives n8n no ID pattern to check before every callback execution (a sandboxed regex, ~1 ms each)', () => {
		expect(deviceType.modes?.filter((mode) => mode.validation)).toEqual([]);

		const node: INode = {
			id: '1',
			name: 'Sigfox Trigger',
			type: 'n8n-nodes-sigfox.sigfoxTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				deviceTypeId: { __rl: true, mode: 'id', value: '57309548171c857460043085' },
				events: ['uplink'],
			},
		};
		expect(
			NodeHelpers.getNodeParametersIssues(description.properties, node, description),
		).toBeNull();
	});
});
