import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';
import { useWorkflowSimulator } from '../support/workflow-simulator';
import { additionalData, testNode, TestNodeTypes } from './harness';

/** The searchable lists of the group, contract and profile locators, as the n8n editor calls them. */
describe('the group, contract and profile lists of the Sigfox node', () => {
	const sim = useWorkflowSimulator();
	const sigfox = new Sigfox();

	/** The list search method `name` called for a Sigfox node with `parameters`. */
	async function search(name: string, parameters: INodeParameters, filter?: string) {
		const node = testNode({ id: 'sigfox', name: 'Sigfox', type: 'sigfox', parameters });
		const workflow = new Workflow({
			id: 'list-search',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes({ sigfox }),
		});
		const data = additionalData(
			sim.credentials as unknown as ICredentialDataDecryptedObject,
			{ id: 'list-search', nodes: [node], connections: {} } as unknown as IWorkflowBase,
			[],
		);
		// The editor sends the node's current parameters with every list request.
		data.currentNodeParameters = parameters;
		const ctx = new LoadOptionsContext(workflow, node, data, 'parameters');
		const method = sigfox.methods.listSearch[name as keyof typeof sigfox.methods.listSearch];
		return (await method.call(ctx, filter)).results;
	}

	it('finds groups by name', async () => {
		const groups = await search(
			'searchGroups',
			{ resource: 'group', operation: 'get' },
			'simulator',
		);
		expect(groups).toEqual([
			{ name: `Simulator group (${String(sim.state.group.id)})`, value: sim.state.group.id },
		]);
	});

	it('finds contracts by name', async () => {
		const contracts = await search(
			'searchContracts',
			{ resource: 'contract', operation: 'get' },
			'contract',
		);
		expect(contracts.map((c) => c.value)).toEqual([sim.state.contract.id]);
	});

	it("lists the profiles of the operation's group, else of the API user's own group", async () => {
		const ofGroup = await search('searchProfiles', {
			resource: 'profile',
			operation: 'get',
			groupId: { __rl: true, mode: 'id', value: sim.state.group.id },
		});
		expect(ofGroup.map((p) => p.name)).toContain('Device manager [W]');
		const ofOwnGroup = await search(
			'searchProfiles',
			{ resource: 'apiUser', operation: 'removeProfile' },
			'customer',
		);
		expect(ofOwnGroup).toEqual([{ name: 'Customer [R]', value: '5a0c8e1a2b3c4d5e6f700102' }]);
	});
});
